import { useQueryClient } from '@tanstack/react-query';

import { invitationsQuery, invite } from '../../../api/group-invitations';
import { showToast } from '../../../toast/toasts';
import { PersonForm } from '../PersonForm';

export function InviteForm({ groupId }: { groupId: string }) {
  const queryClient = useQueryClient();
  return (
    <PersonForm
      heading="Invite by e-mail"
      hint="The mail carries a link valid for 7 days; they can create an account with it or sign in."
      submitLabel="Send invitation"
      pendingLabel="Sending…"
      send={(person) => invite(groupId, person)}
      onSent={(person) => {
        showToast(`Invitation sent to ${person.email}.`);
        return queryClient.invalidateQueries({ queryKey: invitationsQuery(groupId).queryKey });
      }}
    />
  );
}
