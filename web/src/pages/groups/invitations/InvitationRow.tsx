import { useMutation, useQueryClient } from '@tanstack/react-query';

import { invitationsQuery, resendInvitation, revokeInvitation } from '../../../api/group-invitations';
import type { Invitation } from '../../../api/group-types';
import { Button } from '../../../components/Button';
import { ProblemNotice } from '../../../components/ProblemNotice';
import { showToast } from '../../../toast/toasts';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { formatDay } from '../format';
import { ROLE_LABELS } from '../roles';

export function InvitationRow({ groupId, invitation }: { groupId: string; invitation: Invitation }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: invitationsQuery(groupId).queryKey });
  const resend = useMutation({
    mutationFn: () => resendInvitation(groupId, invitation.id),
    onSuccess: () => {
      showToast(`Invitation sent again to ${invitation.email}. The earlier link no longer works.`);
      return refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: () => revokeInvitation(groupId, invitation.id),
    onSuccess: () => {
      showToast(`Invitation to ${invitation.email} revoked.`);
      return refresh();
    },
  });
  const error = resend.error ?? revoke.error;

  return (
    <li className="flex flex-col gap-3 p-3 sm:flex-row sm:flex-wrap sm:items-center">
      <div className="min-w-0 flex-1">
        <p className="font-medium break-all">{invitation.email}</p>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {ROLE_LABELS[invitation.role]} · sent {formatDay(invitation.created_at)} · expires {formatDay(invitation.expires_at)}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={() => resend.mutate()} disabled={resend.isPending}>
          <span>
            {resend.isPending ? 'Sending…' : 'Resend'}
            <span className="sr-only"> the invitation to {invitation.email}</span>
          </span>
        </Button>
        <ConfirmAction
          trigger={
            <>
              Revoke<span className="sr-only"> the invitation to {invitation.email}</span>
            </>
          }
          question={`Revoke the invitation to ${invitation.email}? Its link stops working.`}
          confirmLabel="Revoke"
          pendingLabel="Revoking…"
          pending={revoke.isPending}
          onConfirm={() => revoke.mutate()}
        />
      </div>
      {error && (
        <div className="w-full">
          <ProblemNotice error={error} />
        </div>
      )}
    </li>
  );
}
