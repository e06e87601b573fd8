import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { ProblemError } from '../../../api/problem';
import { mfaStatusKey, mfaStatusQuery, startTotpEnrolment } from '../../../api/settings-mfa';
import { Button } from '../../../components/Button';
import { QueryProblem } from '../QueryProblem';
import { Skeleton } from '../../../components/Skeleton';
import { SettingsSection } from '../SettingsSection';
import { ActionProblem } from '../../../step-up/ActionProblem';
import { DisableTotpForm } from './DisableTotpForm';
import { FreshBackupCodes } from './FreshBackupCodes';
import { TotpEnrolment } from './TotpEnrolment';

function StatusLine({ on }: { on: boolean }) {
  return (
    <p className="text-sm">
      Status:{' '}
      <span
        className={`rounded-full px-2 py-0.5 text-xs font-medium ${
          on
            ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100'
            : 'bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200'
        }`}
      >
        {on ? 'On' : 'Off'}
      </span>
    </p>
  );
}

/** Two-step verification with an authenticator app (TOTP): turning it on and off. */
export function AuthenticatorSection() {
  const queryClient = useQueryClient();
  const status = useQuery({ ...mfaStatusQuery, throwOnError: false });
  const [codes, setCodes] = useState<string[] | null>(null);
  const [removing, setRemoving] = useState(false);
  const start = useMutation({
    mutationFn: startTotpEnrolment,
    onError: async (error) => {
      // Set up meanwhile, in another tab: the status on screen is stale.
      if (error instanceof ProblemError && error.status === 409) {
        await queryClient.invalidateQueries({ queryKey: mfaStatusKey });
      }
    },
  });
  const enabled = status.data?.totp_enabled ?? false;

  return (
    <SettingsSection
      title="Authenticator app"
      description="Sign-ins ask for a code from an app such as Aegis, Google Authenticator or 1Password after your password."
    >
      {status.isPending && <Skeleton label="Loading your two-step verification…" rows={1} />}
      {status.isError && <QueryProblem error={status.error} onRetry={() => void status.refetch()} />}
      {codes && <FreshBackupCodes codes={codes} onDone={() => setCodes(null)} />}
      {status.data && !codes && (
        <>
          <StatusLine on={enabled} />
          <ActionProblem mutation={start} />
          {enabled && !removing && (
            <Button variant="secondary" className="self-start" onClick={() => setRemoving(true)}>
              Remove authenticator app
            </Button>
          )}
          {enabled && removing && (
            <DisableTotpForm hasPasskeys={status.data.passkeys > 0} onDone={() => setRemoving(false)} />
          )}
          {!enabled && start.data && (
            <TotpEnrolment
              key={start.data.secret}
              enrolment={start.data}
              onConfirmed={(fresh) => {
                start.reset();
                setCodes(fresh);
              }}
              onCancel={() => start.reset()}
            />
          )}
          {!enabled && !start.data && (
            <Button className="self-start" disabled={start.isPending} onClick={() => start.mutate()}>
              {start.isPending ? 'Starting…' : 'Set up an authenticator app'}
            </Button>
          )}
        </>
      )}
    </SettingsSection>
  );
}
