import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { mfaStatusQuery, type MfaStatus } from '../../../api/settings-mfa';
import { Button } from '../../../components/Button';
import { QueryProblem } from '../QueryProblem';
import { Skeleton } from '../../../components/Skeleton';
import { SettingsSection } from '../SettingsSection';
import { FreshBackupCodes } from './FreshBackupCodes';
import { RegenerateBackupCodesForm } from './RegenerateBackupCodesForm';

function remainingText({ backup_codes_remaining: left }: MfaStatus): string {
  if (left === 0) return 'You have no unused backup codes left. Create new ones.';
  return `You have ${left} unused backup ${left === 1 ? 'code' : 'codes'} left.`;
}

export function BackupCodesSection() {
  const status = useQuery({ ...mfaStatusQuery, throwOnError: false });
  const [codes, setCodes] = useState<string[] | null>(null);
  const [asking, setAsking] = useState(false);
  const hasFactor = status.data && (status.data.totp_enabled || status.data.passkeys > 0);

  return (
    <SettingsSection
      title="Backup codes"
      description="One-time codes for signing in when your authenticator app or passkey is not at hand."
    >
      {status.isPending && <Skeleton label="Loading your backup codes…" rows={1} />}
      {status.isError && <QueryProblem error={status.error} onRetry={() => void status.refetch()} />}
      {codes && <FreshBackupCodes codes={codes} onDone={() => setCodes(null)} />}
      {status.data && !hasFactor && (
        <p className="text-sm">Backup codes come with an authenticator app or a passkey. Set up one of those first.</p>
      )}
      {status.data && hasFactor && !codes && (
        <>
          <p className="text-sm">{remainingText(status.data)}</p>
          {asking ? (
            <RegenerateBackupCodesForm
              onCreated={(fresh) => {
                setAsking(false);
                setCodes(fresh);
              }}
              onCancel={() => setAsking(false)}
            />
          ) : (
            <Button variant="secondary" className="self-start" onClick={() => setAsking(true)}>
              Create new backup codes
            </Button>
          )}
        </>
      )}
    </SettingsSection>
  );
}
