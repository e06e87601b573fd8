import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';

import { endAllSessions } from '../../../api/account';
import { forgetCsrfToken } from '../../../api/csrf';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { ActionProblem } from '../../../step-up/ActionProblem';

/** Ends every session, this one too, and goes to the sign-in page. */
export function SignOutEverywhere() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: endAllSessions,
    onSuccess: () => {
      forgetCsrfToken();
      // Nothing cached may show to whoever signs in next on this browser.
      queryClient.clear();
      void navigate('/login', { replace: true });
    },
  });
  return (
    <div className="flex flex-col items-start gap-3">
      <ActionProblem mutation={mutation} />
      <ConfirmAction
        trigger="Sign out everywhere"
        question="Sign out of every session, this one included? You will need to sign in again on each device."
        confirmLabel="Sign out of all sessions"
        pendingLabel="Signing out…"
        pending={mutation.isPending}
        onConfirm={() => mutation.mutate()}
      />
    </div>
  );
}
