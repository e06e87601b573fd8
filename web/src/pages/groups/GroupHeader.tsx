import { Link } from 'react-router';

import type { Group } from '../../api/types';
import { boardPath, LINK } from './links';
import { ROLE_LABELS } from './roles';

export function GroupHeader({ group }: { group: Group }) {
  return (
    <header className="flex flex-col gap-2">
      <Link to="/groups" className={`${LINK} text-sm`}>
        <span aria-hidden="true">← </span>All groups
      </Link>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="text-2xl font-semibold break-words">{group.name}</h1>
        {group.my_role && (
          <span className="rounded bg-zinc-100 px-2 py-0.5 text-xs font-medium dark:bg-zinc-800">{ROLE_LABELS[group.my_role]}</span>
        )}
        <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{group.slug}</span>
      </div>
      {group.description && <p className="max-w-prose text-sm break-words text-zinc-700 dark:text-zinc-300">{group.description}</p>}
      {!group.deleted_at && (
        <Link to={boardPath(group.id)} className={`${LINK} inline-flex min-h-10 items-center self-start text-sm`}>
          Open the board
        </Link>
      )}
    </header>
  );
}
