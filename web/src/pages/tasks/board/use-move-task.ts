import { useMutation, useQueryClient, type InfiniteData, type QueryKey } from '@tanstack/react-query';

import { moveTask } from '../../../api/task';
import type { Task, TaskList, TaskStatus } from '../../../api/types';
import { moveRequest, placeIn } from '../../../tasks/board-moves';
import { restoreLists, snapshotLists, storeTask } from '../../../tasks/cache';
import { STATUS_LABELS } from '../../../tasks/vocabulary';
import { showToast } from '../../../toast/toasts';

type Pages = InfiniteData<TaskList, string | undefined>;

export interface Move {
  task: Task;
  from: TaskStatus;
  to: TaskStatus;
  /** The slot in the target column, counted without the moved card. */
  index: number;
}

function items(data: Pages | undefined): Task[] {
  return data?.pages.flatMap((page) => page.items) ?? [];
}

/** One page holding `tasks`, still pointing where the column's last page did. */
function asPages(data: Pages | undefined, tasks: Task[]): Pages {
  const next = data?.pages.at(-1)?.next_cursor ?? null;
  return { pages: [{ items: tasks, next_cursor: next }], pageParams: [undefined] };
}

/**
 * Moves a card: it lands in its new place at once, the server is asked to put it between
 * the same neighbours, and the board goes back as it was if the server refuses.
 */
export function useMoveTask(columnKey: (status: TaskStatus) => QueryKey) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ task, to, index }: Move) => {
      const column = items(queryClient.getQueryData<Pages>(columnKey(to))).filter((t) => t.id !== task.id);
      return moveTask(task.id, moveRequest(column, index, task, to));
    },
    onMutate: async ({ task, from, to, index }) => {
      await queryClient.cancelQueries({ queryKey: columnKey(to) });
      const snapshot = snapshotLists(queryClient);
      const source = queryClient.getQueryData<Pages>(columnKey(from));
      const target = from === to ? source : queryClient.getQueryData<Pages>(columnKey(to));
      const moved = { ...task, status: to };
      if (from !== to) queryClient.setQueryData(columnKey(from), asPages(source, items(source).filter((t) => t.id !== task.id)));
      queryClient.setQueryData(columnKey(to), asPages(target, placeIn(items(target), moved, index)));
      return snapshot;
    },
    onError: (error, move, snapshot) => {
      if (snapshot) restoreLists(queryClient, snapshot);
      showToast(`${move.task.key} was not moved: ${error.message}`, 'error');
    },
    onSuccess: (saved, move) => {
      storeTask(queryClient, saved);
      if (move.from !== move.to) showToast(`${saved.key} moved to ${STATUS_LABELS[move.to]}.`);
    },
  });
}
