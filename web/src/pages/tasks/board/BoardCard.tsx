import { memo, type DragEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router';

import type { Task } from '../../../api/types';
import { dueLabel } from '../../../tasks/due';
import { PRIORITY_LABELS } from '../../../tasks/vocabulary';

interface BoardCardProps {
  task: Task;
  href: string;
  hintId: string;
  /** Being dragged: shown dimmed where it was. */
  lifted: boolean;
  onDragStart: (task: Task) => void;
  onDragEnd: () => void;
  onKeyMove: (task: Task, event: KeyboardEvent) => void;
}

/**
 * One card. Memoised: while a card is dragged only the column under the pointer renders
 * again (for its drop marker), never the cards themselves.
 */
export const BoardCard = memo(function BoardCard({ task, href, hintId, lifted, onDragStart, onDragEnd, onKeyMove }: BoardCardProps) {
  const due = dueLabel(task);
  return (
    <li
      data-card={task.id}
      draggable
      onDragStart={(event: DragEvent) => {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', task.id);
        onDragStart(task);
      }}
      onDragEnd={onDragEnd}
      className={`flex cursor-grab flex-col gap-1 rounded-md border ${lifted ? 'opacity-40' : ''} border-zinc-200 bg-white p-3 text-sm shadow-sm active:cursor-grabbing dark:border-zinc-700 dark:bg-zinc-900`}
    >
      <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{task.key}</span>
      <Link
        id={`card-${task.id}`}
        to={href}
        draggable={false}
        aria-describedby={hintId}
        onKeyDown={(event) => onKeyMove(task, event)}
        className="font-medium break-words hover:underline"
      >
        {task.title}
      </Link>
      {(task.priority !== 'none' || due || task.tags.length > 0) && (
        <span className="flex flex-wrap gap-x-2 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
          {task.priority !== 'none' && <span>{PRIORITY_LABELS[task.priority]}</span>}
          {due && <span className={task.is_overdue ? 'font-medium text-red-700 dark:text-red-400' : ''}>{task.is_overdue ? `Overdue · ${due}` : due}</span>}
          {task.tags.map((tag) => (
            <span key={tag} className="rounded-full bg-zinc-100 px-2 dark:bg-zinc-800">
              {tag}
            </span>
          ))}
        </span>
      )}
    </li>
  );
});
