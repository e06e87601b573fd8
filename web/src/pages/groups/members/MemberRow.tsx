import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';

import { groupKey } from '../../../api/group-detail';
import { removeMember, setMemberRole } from '../../../api/group-members';
import type { GroupRole } from '../../../api/group-types';
import { groupsQuery } from '../../../api/groups';
import { membersQuery } from '../../../api/members';
import type { Group, Member } from '../../../api/types';
import { ProblemNotice } from '../../../components/ProblemNotice';
import { showToast } from '../../../toast/toasts';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { formatDay } from '../format';
import { ROLE_LABELS } from '../roles';
import { RoleChange } from './RoleChange';

interface MemberRowProps {
  group: Group;
  member: Member;
  isAdmin: boolean;
  isMe: boolean;
  /** The server refuses to leave a group without an admin; say so before it has to. */
  lastAdmin: boolean;
}

export function MemberRow({ group, member, isAdmin, isMe, lastAdmin }: MemberRowProps) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const name = member.display_name || member.email;
  const refresh = () => queryClient.invalidateQueries({ queryKey: membersQuery(group.id).queryKey });

  const changeRole = useMutation({
    mutationFn: (role: GroupRole) => setMemberRole(group.id, member.user_id, role),
    onSuccess: async (updated) => {
      showToast(`${name} is now ${updated.role === 'admin' ? 'an admin' : 'a member'}.`);
      await refresh();
      // Demoting oneself changes what this page may show.
      if (isMe) await queryClient.invalidateQueries({ queryKey: groupKey(group.id) });
    },
  });

  const remove = useMutation({
    mutationFn: () => removeMember(group.id, member.user_id),
    onSuccess: async () => {
      if (isMe) {
        showToast(`You left “${group.name}”.`);
        await navigate('/groups');
        queryClient.removeQueries({ queryKey: groupKey(group.id) });
        await queryClient.invalidateQueries({ queryKey: groupsQuery.queryKey });
        return;
      }
      showToast(`${name} was removed from “${group.name}”.`);
      await refresh();
    },
  });

  const error = changeRole.error ?? remove.error;

  return (
    <li className="flex flex-col gap-3 p-3 sm:flex-row sm:flex-wrap sm:items-center">
      <div className="min-w-0 flex-1">
        <p className="font-medium break-words">
          {name}
          {isMe && <span className="text-sm font-normal text-zinc-600 dark:text-zinc-400"> (you)</span>}
        </p>
        <p className="text-sm break-all text-zinc-600 dark:text-zinc-400">{member.email}</p>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">Joined {formatDay(member.joined_at)}</p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="rounded bg-zinc-100 px-2 py-0.5 text-xs font-medium dark:bg-zinc-800">{ROLE_LABELS[member.role]}</span>
        {isAdmin && (
          <RoleChange
            name={name}
            groupName={group.name}
            role={member.role}
            isMe={isMe}
            pending={changeRole.isPending}
            onChange={(role) => changeRole.mutate(role)}
          />
        )}
        {(isMe || isAdmin) && (
          <ConfirmAction
            trigger={isMe ? 'Leave group' : <>Remove<span className="sr-only"> {name}</span></>}
            question={
              isMe
                ? lastAdmin
                  ? `You are the only admin of “${group.name}”. Make someone else admin first, or the group cannot be left.`
                  : `Leave “${group.name}”? You lose access to its tasks until someone adds you again.`
                : `Remove ${name} from “${group.name}”? They lose access to its tasks.`
            }
            confirmLabel={isMe ? 'Leave' : 'Remove'}
            pendingLabel={isMe ? 'Leaving…' : 'Removing…'}
            pending={remove.isPending}
            onConfirm={() => remove.mutate()}
          />
        )}
      </div>
      {error && (
        <div className="w-full">
          <ProblemNotice error={error} />
        </div>
      )}
    </li>
  );
}
