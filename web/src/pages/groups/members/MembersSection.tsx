import { useQuery } from '@tanstack/react-query';

import { meQuery } from '../../../api/me';
import { membersQuery } from '../../../api/members';
import type { Group } from '../../../api/types';
import { Loading } from '../../../components/Loading';
import { ProblemNotice } from '../../../components/ProblemNotice';
import { AddMemberForm } from './AddMemberForm';
import { MemberRow } from './MemberRow';

export function MembersSection({ group, isAdmin }: { group: Group; isAdmin: boolean }) {
  const members = useQuery({ ...membersQuery(group.id), throwOnError: false });
  const me = useQuery(meQuery);
  const admins = members.data?.filter((member) => member.role === 'admin').length ?? 0;

  return (
    <div className="flex flex-col gap-4">
      {isAdmin && <AddMemberForm groupId={group.id} />}
      {members.isPending ? (
        <Loading label="Loading members…" />
      ) : members.error ? (
        <ProblemNotice error={members.error} />
      ) : (
        <ul aria-label="Members" className="flex flex-col divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {members.data.map((member) => (
            <MemberRow
              key={member.user_id}
              group={group}
              member={member}
              isAdmin={isAdmin}
              isMe={member.user_id === me.data?.id}
              lastAdmin={member.role === 'admin' && admins === 1}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
