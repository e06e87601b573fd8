import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';

import { tasksQuery, type TaskFilters } from '../../../api/tasks';
import type { Task, TaskStatus } from '../../../api/types';
import { Button } from '../../../components/Button';
import { dropIndex } from '../../../tasks/board-moves';
import { STATUS_LABELS } from '../../../tasks/vocabulary';
import { BoardCard } from './BoardCard';

export const COLUMN_PAGE = 100;
/** Pages a column loads by itself: a board shows up to 500 cards per column at once. */
const AUTO_PAGES = 5;
const END = 'end';

interface BoardColumnProps {
  status: TaskStatus;
  filters: TaskFilters;
  hintId: string;
  href: (taskId: string) => string;
  dragged: Task | null;
  onDragStart: (task: Task) => void;
  onDragEnd: () => void;
  onDrop: (status: TaskStatus, index: number) => void;
  onKeyMove: (task: Task, event: KeyboardEvent) => void;
}

export function columnFilters(filters: TaskFilters, status: TaskStatus): TaskFilters {
  return { ...filters, status: [status], sort: 'position' };
}

/** One status column: its cards in board order, and where a dragged card would land. */
export function BoardColumn({ status, filters, hintId, href, dragged, onDragStart, onDragEnd, onDrop, onKeyMove }: BoardColumnProps) {
  const list = useRef<HTMLOListElement>(null);
  const query = useInfiniteQuery(tasksQuery(columnFilters(filters, status), COLUMN_PAGE));
  const tasks = query.data?.pages.flatMap((page) => page.items) ?? [];
  const loadedPages = query.data?.pages.length ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && loadedPages < AUTO_PAGES) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, loadedPages, fetchNextPage]);
  // The slot a dragged card would take; state changes only when the slot does, not per
  // pointer move, so a drag costs one render per slot crossed.
  const [slot, setSlot] = useState<number | null>(null);
  const headingId = `column-${status}`;
  // The marker goes before the card now at the slot, counting without the dragged card,
  // which stays in place (dimmed) so the column does not shift under the pointer.
  const others = slot === null ? [] : tasks.filter((t) => t.id !== dragged?.id);
  const markerBefore = slot === null ? null : (others[slot]?.id ?? END);

  const slotAt = (event: DragEvent): number => {
    const cards = Array.from(list.current?.querySelectorAll<HTMLElement>('[data-card]') ?? []).filter((card) => card.dataset.card !== dragged?.id);
    return dropIndex(
      cards.map((card) => {
        const box = card.getBoundingClientRect();
        return box.top + box.height / 2;
      }),
      event.clientY,
    );
  };

  return (
    <section
      aria-labelledby={headingId}
      onDragOver={(event) => {
        if (!dragged) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        const next = slotAt(event);
        if (next !== slot) setSlot(next);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setSlot(null);
      }}
      onDrop={(event) => {
        event.preventDefault();
        const index = slotAt(event);
        setSlot(null);
        onDrop(status, index);
      }}
      className="flex w-72 shrink-0 flex-col gap-2 rounded-lg bg-zinc-50 p-2 dark:bg-zinc-900/50"
    >
      <h2 id={headingId} className="flex items-center justify-between px-1 text-sm font-semibold">
        {STATUS_LABELS[status]}
        <span className="text-xs font-normal text-zinc-600 dark:text-zinc-400">
          {tasks.length}
          {query.hasNextPage ? '+' : ''}
        </span>
      </h2>
      <ol ref={list} aria-labelledby={headingId} className="flex min-h-16 flex-col gap-2">
        {tasks.map((task) => (
          <Fragment key={task.id}>
            {markerBefore === task.id && <DropMarker />}
            <BoardCard task={task} href={href(task.id)} hintId={hintId} lifted={task.id === dragged?.id} onDragStart={onDragStart} onDragEnd={onDragEnd} onKeyMove={onKeyMove} />
          </Fragment>
        ))}
        {markerBefore === END && <DropMarker />}
      </ol>
      {query.isPending && <p className="px-1 text-xs text-zinc-600 dark:text-zinc-400">Loading…</p>}
      {query.hasNextPage && (
        <Button variant="ghost" className="min-h-8 text-xs" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          Show more
        </Button>
      )}
    </section>
  );
}

function DropMarker() {
  return <li aria-hidden="true" className="h-1 rounded-full bg-indigo-500" />;
}
