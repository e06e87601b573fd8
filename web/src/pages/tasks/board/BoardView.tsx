import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';

import { tasksQuery, type TaskFilters } from '../../../api/tasks';
import type { Task, TaskList, TaskStatus } from '../../../api/types';
import { TASK_STATUSES } from '../../../tasks/vocabulary';
import { useTaskLink } from '../detail/task-link';
import { BoardColumn, COLUMN_PAGE, columnFilters } from './BoardColumn';
import { useMoveTask } from './use-move-task';

/**
 * The board: a column per status in board order. Cards move by drag and drop, or from the
 * keyboard with Alt and the arrow keys (left/right: another column; up/down: reorder).
 */
export function BoardView({ filters: chosen }: { filters: TaskFilters }) {
  // The columns are the statuses, of live tasks: a status or archive filter from the list
  // view does not apply here.
  const filters = useMemo(() => ({ ...chosen, status: [], archived: undefined }), [chosen]);
  const hintId = useId();
  const queryClient = useQueryClient();
  const linkTo = useTaskLink();
  const [dragged, setDragged] = useState<Task | null>(null);
  const draggedRef = useRef<Task | null>(null);
  const columnKey = useCallback((status: TaskStatus) => tasksQuery(columnFilters(filters, status), COLUMN_PAGE).queryKey, [filters]);
  // `mutate` keeps its identity across renders, so the cards' handlers do too.
  const { mutate: moveCard } = useMoveTask(columnKey);

  const onDragStart = useCallback((task: Task) => {
    draggedRef.current = task;
    // Deferred: changing the DOM inside dragstart cancels the drag in Chromium.
    requestAnimationFrame(() => setDragged(task));
  }, []);
  const onDragEnd = useCallback(() => {
    draggedRef.current = null;
    setDragged(null);
  }, []);
  const onDrop = useCallback(
    (to: TaskStatus, index: number) => {
      const task = draggedRef.current;
      draggedRef.current = null;
      setDragged(null);
      if (task) moveCard({ task, from: task.status, to, index });
    },
    [moveCard],
  );

  const columnOf = useCallback(
    (status: TaskStatus) => queryClient.getQueryData<InfiniteData<TaskList>>(columnKey(status))?.pages.flatMap((p) => p.items) ?? [],
    [queryClient, columnKey],
  );

  const onKeyMove = useCallback(
    (task: Task, event: KeyboardEvent) => {
      if (!event.altKey || !event.key.startsWith('Arrow')) return;
      event.preventDefault();
      const at = TASK_STATUSES.indexOf(task.status);
      const column = columnOf(task.status);
      const index = column.findIndex((t) => t.id === task.id);
      let to = task.status;
      let slot = index;
      if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        const next = TASK_STATUSES[at + (event.key === 'ArrowLeft' ? -1 : 1)];
        if (!next) return;
        to = next;
        slot = 0;
      } else {
        slot = index + (event.key === 'ArrowUp' ? -1 : 1);
        if (slot < 0 || slot >= column.length) return;
      }
      moveCard(
        { task, from: task.status, to, index: slot },
        { onSettled: () => requestAnimationFrame(() => document.getElementById(`card-${task.id}`)?.focus()) },
      );
    },
    [columnOf, moveCard],
  );

  return (
    <div className="flex flex-col gap-2">
      <p id={hintId} className="sr-only">
        Drag to move. From the keyboard: Alt and the left or right arrow moves the card to another column, Alt and the up or down arrow moves it within its column.
      </p>
      <div className="-mx-4 flex gap-3 overflow-x-auto px-4 pb-4" aria-label="Board" role="group">
        {TASK_STATUSES.map((status) => (
          <BoardColumn
            key={status}
            status={status}
            filters={filters}
            hintId={hintId}
            href={linkTo}
            dragged={dragged}
            onDragStart={onDragStart}
            onDragEnd={onDragEnd}
            onDrop={onDrop}
            onKeyMove={onKeyMove}
          />
        ))}
      </div>
    </div>
  );
}
