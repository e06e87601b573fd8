import { Link } from 'react-router';

import type { Task } from '../api/types';
import { useTaskLink } from '../pages/tasks/detail/task-link';
import { dueLabel } from './due';
import { PRIORITY_LABELS, STATUS_LABELS } from './vocabulary';

const PRIORITY_STYLES: Record<Task['priority'], string> = {
  urgent: 'text-red-700 dark:text-red-400',
  high: 'text-orange-700 dark:text-orange-400',
  medium: 'text-amber-700 dark:text-amber-400',
  low: 'text-zinc-600 dark:text-zinc-400',
  none: '',
};

/** One task in a list: key, title, and the facts that decide what to do next. */
export function TaskItem({ task }: { task: Task }) {
  const linkTo = useTaskLink();
  const due = dueLabel(task);
  const finished = task.status === 'done' || task.status === 'cancelled';
  return (
    <li className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:gap-4">
      <span className="font-mono text-xs text-zinc-600 sm:w-20 sm:shrink-0 dark:text-zinc-400">{task.key}</span>
      <Link to={linkTo(task.id)} className={`min-w-0 flex-1 break-words hover:underline ${finished ? 'text-zinc-600 line-through dark:text-zinc-400' : ''}`}>
        {task.title}
      </Link>
      <span className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
        <span className="rounded bg-zinc-100 px-2 py-0.5 dark:bg-zinc-800">{STATUS_LABELS[task.status]}</span>
        {task.priority !== 'none' && (
          <span className={`font-medium ${PRIORITY_STYLES[task.priority]}`}>{PRIORITY_LABELS[task.priority]}</span>
        )}
        {due && (
          <span className={task.is_overdue ? 'font-medium text-red-700 dark:text-red-400' : 'text-zinc-600 dark:text-zinc-400'}>
            {task.is_overdue ? `Overdue · ${due}` : `Due ${due}`}
          </span>
        )}
      </span>
    </li>
  );
}
