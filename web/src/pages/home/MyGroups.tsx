import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';

import { groupsQuery } from '../../api/groups';
import { Skeleton } from '../../components/Skeleton';
import { ProblemNotice } from '../../components/ProblemNotice';

export function MyGroups() {
  const id = useId();
  const groups = useQuery({ ...groupsQuery, throwOnError: false });
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-lg font-semibold">
        My groups
      </h2>
      {groups.error ? (
        <ProblemNotice error={groups.error} />
      ) : groups.isPending ? (
        <Skeleton label="Loading groups…" />
      ) : (groups.data?.items.length ?? 0) === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">You are in no group yet.</p>
      ) : (
        <ul className="flex flex-col gap-1">
          {groups.data!.items.map((group) => (
            <li key={group.id}>
              <Link to={`/tasks?view=board&group=${group.id}`} className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-400">
                {group.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
