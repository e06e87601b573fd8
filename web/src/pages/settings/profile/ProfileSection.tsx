import { useQuery } from '@tanstack/react-query';

import { meQuery } from '../../../api/me';
import type { User } from '../../../api/types';
import { QueryProblem } from '../QueryProblem';
import { Skeleton } from '../../../components/Skeleton';
import { SettingsSection } from '../SettingsSection';
import { ProfileForm } from './ProfileForm';

const ROLE_LABELS: Record<User['role'], string> = { super_admin: 'Super admin', user: 'Member' };

function AccountFacts({ me }: { me: User }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
      <dt className="text-zinc-600 dark:text-zinc-400">E-mail</dt>
      <dd className="font-medium break-words">{me.email}</dd>
      <dt className="text-zinc-600 dark:text-zinc-400">Role</dt>
      <dd className="font-medium">{ROLE_LABELS[me.role]}</dd>
    </dl>
  );
}

export function ProfileSection() {
  const me = useQuery({ ...meQuery, throwOnError: false });
  return (
    <SettingsSection title="Profile" description="Your name and time zone.">
      {me.isPending && <Skeleton label="Loading your profile…" rows={3} />}
      {me.isError && <QueryProblem error={me.error} onRetry={() => void me.refetch()} />}
      {me.data && (
        <>
          <AccountFacts me={me.data} />
          <ProfileForm key={me.data.id} me={me.data} />
        </>
      )}
    </SettingsSection>
  );
}
