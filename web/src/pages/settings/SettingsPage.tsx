import { useQuery } from '@tanstack/react-query';

import { meQuery } from '../../api/me';
import type { User } from '../../api/types';
import { Loading } from '../../components/Loading';
import { ThemePicker } from '../../theme/ThemePicker';

const ROLE_LABELS: Record<User['role'], string> = { super_admin: 'Super admin', user: 'Member' };

function Account({ me }: { me: User }) {
  const rows: [string, string][] = [
    ['Name', me.display_name],
    ['E-mail', me.email],
    ['Time zone', me.timezone],
    ['Role', ROLE_LABELS[me.role]],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-zinc-600 dark:text-zinc-400">{term}</dt>
          <dd className="font-medium break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SettingsPage() {
  const { data: me } = useQuery(meQuery);
  return (
    <div className="flex max-w-2xl flex-col gap-8">
      <title>Settings · Dayline</title>
      <h1 className="text-2xl font-semibold">Settings</h1>
      <section aria-labelledby="settings-account" className="flex flex-col gap-3">
        <h2 id="settings-account" className="text-lg font-semibold">
          Account
        </h2>
        {me ? <Account me={me} /> : <Loading label="Loading your account…" />}
      </section>
      <section aria-labelledby="settings-appearance" className="flex flex-col gap-3">
        <h2 id="settings-appearance" className="text-lg font-semibold">
          Appearance
        </h2>
        <ThemePicker />
      </section>
    </div>
  );
}
