import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';

import { adminUsersKey, type AdminUser, type GlobalRole } from '../../api/admin';
import { isStepUpRequired } from '../../api/step-up';
import { Button } from '../../components/Button';
import { showToast } from '../../toast/toasts';
import { ActionProblem } from '../../step-up/ActionProblem';
import { ConfirmDialog } from './ConfirmDialog';
import { formatInstant } from './formats';
import { BADGE, BADGE_TONES, MUTED } from './styles';
import { actionsFor, USER_ACTIONS, type UserAction } from './user-actions';
import { UserGroups } from './UserGroups';

const ROLE_LABELS: Readonly<Record<GlobalRole, string>> = { super_admin: 'Super admin', user: 'Member' };

interface UserCardProps {
  user: AdminUser;
  /** One's own role and activity are changed by another super admin, never from here. */
  isSelf: boolean;
}

/** One account: who it is, its state, and what a super admin can do to it. */
export function UserCard({ user, isSelf }: UserCardProps) {
  const id = useId();
  const queryClient = useQueryClient();
  const [showGroups, setShowGroups] = useState(false);
  const [asking, setAsking] = useState<UserAction | null>(null);
  const name = user.display_name || user.email;

  const mutation = useMutation({
    mutationFn: (action: UserAction) => USER_ACTIONS[action].run(user.id),
    onSuccess: (_, action) => {
      showToast(USER_ACTIONS[action].done(name));
      return queryClient.invalidateQueries({ queryKey: adminUsersKey });
    },
    // A step-up refusal is a question, asked in place, not a failure to report.
    onError: (error, action) => {
      if (!isStepUpRequired(error)) showToast(USER_ACTIONS[action].failed(name), 'error');
    },
  });

  const start = (action: UserAction) => {
    if (USER_ACTIONS[action].confirm) setAsking(action);
    else mutation.mutate(action);
  };
  const confirmation = asking && USER_ACTIONS[asking].confirm?.(name);

  return (
    <li aria-labelledby={`${id}-name`} className="flex flex-col gap-3 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={`${id}-name`} className="text-base font-semibold break-words">
          {name}
        </h2>
        <span className={`${BADGE} ${user.role === 'super_admin' ? BADGE_TONES.accent : BADGE_TONES.neutral}`}>
          {ROLE_LABELS[user.role]}
        </span>
        {!user.is_active && <span className={`${BADGE} ${BADGE_TONES.danger}`}>Deactivated</span>}
        {isSelf && <span className={`${BADGE} ${BADGE_TONES.warning}`}>You</span>}
      </div>
      <p className={`${MUTED} break-all`}>
        {user.email} · joined <time dateTime={user.created_at}>{formatInstant(user.created_at)}</time>
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          aria-expanded={showGroups}
          aria-controls={showGroups ? `${id}-groups` : undefined}
          onClick={() => setShowGroups((open) => !open)}
        >
          {showGroups ? 'Hide groups' : 'Groups'}
          <span className="sr-only"> of {name}</span>
        </Button>
        <Link
          to={`/admin/audit?actor=${user.id}`}
          className="inline-flex min-h-10 items-center rounded-md px-3 text-sm font-medium text-indigo-700 underline dark:text-indigo-400"
        >
          Audit entries
          <span className="sr-only"> by {name}</span>
        </Link>
        {!isSelf &&
          actionsFor(user).map((action) => (
            <Button
              key={action}
              variant="secondary"
              aria-label={`${USER_ACTIONS[action].label}: ${name}`}
              disabled={mutation.isPending}
              onClick={() => start(action)}
            >
              {USER_ACTIONS[action].label}
            </Button>
          ))}
      </div>
      {mutation.isPending && <p className={MUTED}>Saving…</p>}
      <ActionProblem mutation={mutation} />
      {showGroups && <UserGroups id={`${id}-groups`} userId={user.id} name={name} />}
      <ConfirmDialog
        open={Boolean(confirmation)}
        title={confirmation?.title ?? ''}
        confirmLabel={confirmation?.confirmLabel ?? ''}
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          if (asking) mutation.mutate(asking);
          setAsking(null);
        }}
      >
        {confirmation?.body}
      </ConfirmDialog>
    </li>
  );
}
