import { useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { groupAuditQuery } from '../../../api/group-audit';
import { membersQuery } from '../../../api/members';
import type { Group } from '../../../api/types';
import { Button } from '../../../components/Button';
import { Loading } from '../../../components/Loading';
import { ProblemNotice } from '../../../components/ProblemNotice';
import { AuditEntryItem } from './AuditEntryItem';

export function AuditSection({ group }: { group: Group }) {
  const audit = useInfiniteQuery({ ...groupAuditQuery(group.id), throwOnError: false });
  const members = useQuery({ ...membersQuery(group.id), throwOnError: false });
  const names = new Map(members.data?.map((m) => [m.user_id, m.display_name || m.email]));
  // Former members and super admins are not in the member list: show a short id to match in the logs.
  const actorName = (id: string | null | undefined) => (id ? (names.get(id) ?? `user ${id.slice(0, 8)}`) : 'Dayline');
  const entries = audit.data?.pages.flatMap((page) => page.items) ?? [];

  if (audit.isPending) return <Loading label="Loading the audit trail…" />;
  if (audit.error && entries.length === 0) return <ProblemNotice error={audit.error} />;

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">What was done in this group, newest first.</p>
      {entries.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing recorded yet.</p>
      ) : (
        <ol aria-label="Audit entries" className="flex flex-col divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {entries.map((entry) => (
            <AuditEntryItem key={entry.id} entry={entry} actorName={actorName(entry.actor_id)} />
          ))}
        </ol>
      )}
      {audit.error && <ProblemNotice error={audit.error} />}
      {audit.hasNextPage && (
        <Button variant="secondary" className="self-start" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
          {audit.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </div>
  );
}
