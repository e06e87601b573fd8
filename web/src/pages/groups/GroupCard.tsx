import { Link } from 'react-router';

import type { Group } from '../../api/types';
import { boardPath, groupPath, LINK } from './links';
import { ROLE_LABELS } from './roles';

export function GroupCard({ group }: { group: Group }) {
  return (
    <li className="flex flex-col gap-2 rounded-md border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold break-words">
          <Link to={groupPath(group.id)} className="underline-offset-2 hover:underline">
            {group.name}
          </Link>
        </h2>
        {group.my_role && (
          <span className="rounded bg-zinc-100 px-2 py-0.5 text-xs font-medium dark:bg-zinc-800">{ROLE_LABELS[group.my_role]}</span>
        )}
      </div>
      {group.description && <p className="text-sm break-words text-zinc-700 dark:text-zinc-300">{group.description}</p>}
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
      <div className="mt-auto flex flex-wrap gap-x-4 gap-y-1 pt-1 text-sm">
        <Link to={boardPath(group.id)} className={`${LINK} inline-flex min-h-10 items-center`}>
          Board<span className="sr-only"> of {group.name}</span>
        </Link>
        <Link to={groupPath(group.id)} className={`${LINK} inline-flex min-h-10 items-center`}>
          Members and settings<span className="sr-only"> of {group.name}</span>
        </Link>
      </div>
    </li>
  );
}
