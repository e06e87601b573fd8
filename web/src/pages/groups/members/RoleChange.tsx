import type { GroupRole } from '../../../api/group-types';
import { Button } from '../../../components/Button';
import { ConfirmAction } from '../../../components/ConfirmAction';

interface RoleChangeProps {
  name: string;
  groupName: string;
  role: GroupRole;
  isMe: boolean;
  pending: boolean;
  onChange: (role: GroupRole) => void;
}

/**
 * The other role, one press away. A button rather than a drop-down that saves on change:
 * arrowing through a closed drop-down fires a change per option in some browsers.
 */
export function RoleChange({ name, groupName, role, isMe, pending, onChange }: RoleChangeProps) {
  const next: GroupRole = role === 'admin' ? 'member' : 'admin';
  // One span: the button lays out its children with a gap, which would split the words.
  const label = (
    <span>
      Make<span className="sr-only"> {name}</span> {next}
    </span>
  );
  if (isMe && role === 'admin') {
    // Giving up one's own admin role cannot be undone from this page.
    return (
      <ConfirmAction
        trigger={label}
        question={`Stop being an admin of “${groupName}”? Another admin would have to make you one again.`}
        confirmLabel="Make me a member"
        pendingLabel="Saving…"
        pending={pending}
        onConfirm={() => onChange(next)}
      />
    );
  }
  return (
    // Not disabled while saving, which would drop the keyboard focus; a second press waits.
    <Button variant="secondary" aria-busy={pending || undefined} onClick={() => pending || onChange(next)}>
      {pending ? 'Saving…' : label}
    </Button>
  );
}
