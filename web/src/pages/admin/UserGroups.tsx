import { useQuery } from '@tanstack/react-query';

import { adminUserGroupsQuery, type UserGroupList } from '../../api/admin';
import { Loading } from '../../components/Loading';
import { ProblemNotice } from '../../components/ProblemNotice';
import { MUTED } from './styles';

type GroupRole = NonNullable<UserGroupList['items'][number]['my_role']>;

const GROUP_ROLE_LABELS: Readonly<Record<GroupRole, string>> = { admin: 'Admin', member: 'Member' };

/** The groups one account belongs to, with its role in each. */
export function UserGroups({ id, userId, name }: { id: string; userId: string; name: string }) {
  // A failure belongs to this panel, not to the whole page.
  const groups = useQuery({ ...adminUserGroupsQuery(userId), throwOnError: false });
  return (
    <div id={id} className="flex flex-col gap-2 rounded-md bg-zinc-50 p-3 dark:bg-zinc-900">
      <h3 className="text-sm font-semibold">{name}'s groups</h3>
      {groups.error ? (
        <ProblemNotice error={groups.error} />
      ) : !groups.data ? (
        <Loading label="Loading groups…" />
      ) : groups.data.items.length === 0 ? (
        <p className={MUTED}>Not a member of any group.</p>
      ) : (
        <ul className="flex flex-col gap-1 text-sm">
          {groups.data.items.map((group) => (
            <li key={group.id} className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-medium break-words">{group.name}</span>
              {group.my_role && <span className={MUTED}>{GROUP_ROLE_LABELS[group.my_role]}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
