import { useQuery } from '@tanstack/react-query';

import { groupsQuery } from '../../api/groups';
import type { Group } from '../../api/types';
import { Loading } from '../../components/Loading';

const ROLE_LABELS: Record<NonNullable<Group['my_role']>, string> = { admin: 'Admin', member: 'Member' };

function GroupCard({ group }: { group: Group }) {
  return (
    <li className="flex flex-col gap-2 rounded-md border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold break-words">{group.name}</h2>
        {group.my_role && (
          <span className="rounded bg-zinc-100 px-2 py-0.5 text-xs font-medium dark:bg-zinc-800">
            {ROLE_LABELS[group.my_role]}
          </span>
        )}
      </div>
      {group.description && <p className="text-sm text-zinc-700 dark:text-zinc-300">{group.description}</p>}
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <div className="flex gap-1">
          <dt>Time zone</dt>
          <dd className="font-medium">{group.timezone}</dd>
        </div>
        <div className="flex gap-1">
          <dt>Check-in reminder</dt>
          <dd className="font-medium">{group.checkin_time}</dd>
        </div>
      </dl>
    </li>
  );
}

export function GroupsPage() {
  const { data, isPending } = useQuery(groupsQuery);
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <title>Groups · Dayline</title>
      <h1 className="text-2xl font-semibold">Groups</h1>
      {isPending ? (
        <Loading label="Loading groups…" />
      ) : !data?.items.length ? (
        <p className="text-zinc-600 dark:text-zinc-400">You are not in a group yet. A group admin can invite you.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {data.items.map((group) => (
            <GroupCard key={group.id} group={group} />
          ))}
        </ul>
      )}
    </div>
  );
}
