import { useQueryClient } from '@tanstack/react-query';

import { addMember } from '../../../api/group-members';
import { membersQuery } from '../../../api/members';
import { showToast } from '../../../toast/toasts';
import { PersonForm } from '../PersonForm';
import { ROLE_LABELS } from '../roles';

export function AddMemberForm({ groupId }: { groupId: string }) {
  const queryClient = useQueryClient();
  return (
    <PersonForm
      heading="Add someone with an account"
      hint="They join at once. For people new to Dayline, send an invitation instead."
      submitLabel="Add member"
      pendingLabel="Adding…"
      send={(person) => addMember(groupId, person)}
      onSent={(person) => {
        showToast(`${person.email} added as ${ROLE_LABELS[person.role].toLowerCase()}.`);
        return queryClient.invalidateQueries({ queryKey: membersQuery(groupId).queryKey });
      }}
    />
  );
}
