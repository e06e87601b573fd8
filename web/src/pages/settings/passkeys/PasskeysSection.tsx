import { useQuery } from '@tanstack/react-query';

import { meQuery } from '../../../api/me';
import { passkeysQuery } from '../../../api/settings-passkeys';
import { passkeyRegistrationSupported } from '../../../auth/passkey';
import { QueryProblem } from '../QueryProblem';
import { Skeleton } from '../../../components/Skeleton';
import { SettingsSection } from '../SettingsSection';
import { AddPasskeyForm } from './AddPasskeyForm';
import { PasskeyItem } from './PasskeyItem';

export function PasskeysSection() {
  const passkeys = useQuery({ ...passkeysQuery, throwOnError: false });
  const { data: me } = useQuery({ ...meQuery, throwOnError: false });
  const supported = passkeyRegistrationSupported();

  return (
    <SettingsSection
      title="Passkeys"
      description="A passkey on this device or a security key can stand in for the authenticator app's code at sign-in."
    >
      {passkeys.isPending && <Skeleton label="Loading your passkeys…" rows={1} />}
      {passkeys.isError && <QueryProblem error={passkeys.error} onRetry={() => void passkeys.refetch()} />}
      {passkeys.data &&
        (passkeys.data.length === 0 ? (
          <p className="text-sm">You have no passkeys yet.</p>
        ) : (
          <ul aria-label="Passkeys" className="flex flex-col gap-2">
            {passkeys.data.map((passkey) => (
              <PasskeyItem key={passkey.id} passkey={passkey} timeZone={me?.timezone} />
            ))}
          </ul>
        ))}
      {supported ? (
        <AddPasskeyForm />
      ) : (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          This browser cannot create passkeys. Try another browser or device.
        </p>
      )}
    </SettingsSection>
  );
}
