import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { endSession, sessionsKey, sessionsQuery } from '../../../api/account';
import { meQuery } from '../../../api/me';
import { showToast } from '../../../toast/toasts';
import { QueryProblem } from '../QueryProblem';
import { Skeleton } from '../../../components/Skeleton';
import { SettingsSection } from '../SettingsSection';
import { ActionProblem } from '../../../step-up/ActionProblem';
import { SessionItem } from './SessionItem';
import { SignOutEverywhere } from './SignOutEverywhere';

export function SessionsSection() {
  const queryClient = useQueryClient();
  const sessions = useQuery({ ...sessionsQuery, throwOnError: false });
  const { data: me } = useQuery({ ...meQuery, throwOnError: false });
  const end = useMutation({
    mutationFn: endSession,
    onSuccess: () => showToast('Signed out of that session.'),
    // Even a failure may mean it had ended already: the list shows what is true now.
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });

  return (
    <SettingsSection
      title="Sessions"
      description="Where you are signed in, most recently used first. Sign out of any you do not recognise, then change your password."
    >
      {sessions.isPending && <Skeleton label="Loading your sessions…" rows={2} />}
      {sessions.isError && <QueryProblem error={sessions.error} onRetry={() => void sessions.refetch()} />}
      <ActionProblem mutation={end} />
      {sessions.data && (
        <ul aria-label="Sessions" className="flex flex-col gap-2">
          {sessions.data.map((session) => (
            <SessionItem
              key={session.id}
              session={session}
              timeZone={me?.timezone}
              ending={end.isPending && end.variables === session.id}
              onEnd={() => end.mutate(session.id)}
            />
          ))}
        </ul>
      )}
      <SignOutEverywhere />
    </SettingsSection>
  );
}
