import { useMutation, useQueryClient } from '@tanstack/react-query';

import { groupKey } from '../../api/group-detail';
import { restoreGroup } from '../../api/group-lifecycle';
import { groupsQuery } from '../../api/groups';
import type { Group } from '../../api/types';
import { Button } from '../../components/Button';
import { ProblemNotice } from '../../components/ProblemNotice';
import { showToast } from '../../toast/toasts';
import { formatDay } from './format';

const RESTORABLE_FOR_DAYS = 30;

/** What a super admin sees of a deleted group: when it goes for good, and the way back. */
export function DeletedGroupNotice({ group, canRestore }: { group: Group; canRestore: boolean }) {
  const queryClient = useQueryClient();
  const deletedAt = new Date(group.deleted_at!);
  const purgedAt = new Date(deletedAt.getTime() + RESTORABLE_FOR_DAYS * 86_400_000).toISOString();
  const restore = useMutation({
    mutationFn: () => restoreGroup(group.id),
    onSuccess: async (restored) => {
      showToast(`“${restored.name}” is back.`);
      await queryClient.invalidateQueries({ queryKey: groupKey(group.id) });
      await queryClient.invalidateQueries({ queryKey: groupsQuery.queryKey });
    },
  });

  return (
    <div className="flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50">
      <p>
        This group was deleted on {formatDay(group.deleted_at!)}. Its members no longer see it. It can be restored until{' '}
        {formatDay(purgedAt)}; after that it is removed for good.
      </p>
      {restore.error && <ProblemNotice error={restore.error} />}
      {canRestore && (
        <Button className="self-start" onClick={() => restore.mutate()} disabled={restore.isPending}>
          {restore.isPending ? 'Restoring…' : 'Restore group'}
        </Button>
      )}
    </div>
  );
}
