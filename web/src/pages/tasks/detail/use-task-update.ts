import { useMutation, useQueryClient } from '@tanstack/react-query';

import { ProblemError } from '../../../api/problem';
import { historyKey, taskKey, updateTask } from '../../../api/task';
import type { Task, UpdateTaskRequest } from '../../../api/types';
import { restoreLists, snapshotLists, storeTask } from '../../../tasks/cache';
import { showToast } from '../../../toast/toasts';

/** The current task a 412 answer carries, when it does. */
function currentFrom(error: unknown): Task | undefined {
  if (!(error instanceof ProblemError) || error.status !== 412) return undefined;
  const current = error.problem['current'];
  return typeof current === 'object' && current !== null ? (current as Task) : undefined;
}

/**
 * Saves changes to a task optimistically: the change shows at once everywhere the task is
 * shown and is rolled back if the server refuses it. Each change is based on the version
 * the viewer saw, so a change someone else made meanwhile is never overwritten: the panel
 * then shows their version and says so.
 */
export function useTaskUpdate(task: Task) {
  const queryClient = useQueryClient();
  // The latest copy: after a save it carries the version that save produced.
  const latest = () => queryClient.getQueryData<Task>(taskKey(task.id)) ?? task;
  return useMutation({
    // Changes to one task go out one after another, each based on the version the previous
    // one produced, so quick successive edits do not refuse each other as stale.
    scope: { id: `task:${task.id}` },
    mutationFn: (patch: UpdateTaskRequest) => updateTask(task.id, latest().version, patch),
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: taskKey(task.id), exact: true });
      const lists = snapshotLists(queryClient);
      const previous = latest();
      storeTask(queryClient, { ...previous, ...(patch as Partial<Task>) });
      return { lists, previous };
    },
    onError: (error, _patch, context) => {
      if (context) {
        restoreLists(queryClient, context.lists);
        queryClient.setQueryData(taskKey(task.id), context.previous);
      }
      const current = currentFrom(error);
      if (current) {
        storeTask(queryClient, current);
        showToast('Someone else changed this task meanwhile. Your change was not saved; the panel shows their version.', 'error');
      } else if (!(error instanceof ProblemError && error.fieldErrors.length > 0)) {
        showToast(error instanceof Error ? error.message : 'The change was not saved.', 'error');
      }
    },
    onSuccess: (saved) => {
      storeTask(queryClient, saved);
      return queryClient.invalidateQueries({ queryKey: historyKey(task.id) });
    },
  });
}
