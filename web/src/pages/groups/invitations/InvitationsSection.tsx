import { useQuery } from '@tanstack/react-query';

import { invitationsQuery } from '../../../api/group-invitations';
import type { Group } from '../../../api/types';
import { Loading } from '../../../components/Loading';
import { ProblemNotice } from '../../../components/ProblemNotice';
import { InvitationRow } from './InvitationRow';
import { InviteForm } from './InviteForm';

export function InvitationsSection({ group }: { group: Group }) {
  const invitations = useQuery({ ...invitationsQuery(group.id), throwOnError: false });
  return (
    <div className="flex flex-col gap-4">
      <InviteForm groupId={group.id} />
      <h3 className="text-base font-semibold">Pending</h3>
      {invitations.isPending ? (
        <Loading label="Loading invitations…" />
      ) : invitations.error ? (
        <ProblemNotice error={invitations.error} />
      ) : invitations.data.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No invitations are waiting for an answer.</p>
      ) : (
        <ul aria-label="Pending invitations" className="flex flex-col divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {invitations.data.map((invitation) => (
            <InvitationRow key={invitation.id} groupId={group.id} invitation={invitation} />
          ))}
        </ul>
      )}
    </div>
  );
}
