import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';

import { subtasksKey, subtasksQuery } from '../../../api/task';
import { createTask, tasksKey } from '../../../api/tasks';
import type { Task } from '../../../api/types';
import { ProblemNotice } from '../../../components/ProblemNotice';
import { idempotencyKeys } from '../../../forms/idempotency';
import { STATUS_LABELS } from '../../../tasks/vocabulary';
import { useTaskLink } from './task-link';
import { SECTION_HEADING } from './field-styles';

/** The task's subtasks, each a link to its own panel, and a field that adds one. */
export function SubtaskList({ task }: { task: Task }) {
  const queryClient = useQueryClient();
  const linkTo = useTaskLink();
  const subtasks = useQuery(subtasksQuery(task.id));
  const [title, setTitle] = useState('');
  const [keys] = useState(idempotencyKeys);
  const add = useMutation({
    mutationFn: (body: { title: string; group_id: string | null; parent_id: string }) => createTask(body, keys.keyFor(body)),
    onSuccess: () => {
      keys.settle();
      setTitle('');
      void queryClient.invalidateQueries({ queryKey: tasksKey });
      return queryClient.invalidateQueries({ queryKey: subtasksKey(task.id) });
    },
  });
  const items = subtasks.data?.items ?? [];
  const done = items.filter((t) => t.status === 'done').length;

  return (
    <section aria-labelledby={`subtasks-${task.id}`} className="flex flex-col gap-2">
      <h3 id={`subtasks-${task.id}`} className={SECTION_HEADING}>
        Subtasks {items.length > 0 && <span className="font-normal text-zinc-600 dark:text-zinc-400">({done}/{items.length} done)</span>}
      </h3>
      {items.length > 0 && (
        <ul className="flex flex-col gap-1">
          {items.map((child) => (
            <li key={child.id} className="flex items-center gap-2 text-sm">
              <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{child.key}</span>
              <Link to={linkTo(child.id)} className={`flex-1 hover:underline ${child.status === 'done' ? 'line-through' : ''}`}>
                {child.title}
              </Link>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">{STATUS_LABELS[child.status]}</span>
            </li>
          ))}
        </ul>
      )}
      <form
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = title.trim();
          if (trimmed) add.mutate({ title: trimmed, group_id: task.group_id ?? null, parent_id: task.id });
        }}
      >
        <label className="sr-only" htmlFor={`new-subtask-${task.id}`}>
          New subtask
        </label>
        <input
          id={`new-subtask-${task.id}`}
          value={title}
          maxLength={200}
          placeholder="Add a subtask"
          onChange={(event) => setTitle(event.target.value)}
          className="min-h-9 flex-1 rounded-md border border-zinc-300 bg-transparent px-2 text-sm dark:border-zinc-700"
        />
        <button type="submit" disabled={add.isPending} className="rounded-md px-3 text-sm font-medium text-indigo-700 hover:bg-zinc-100 dark:text-indigo-400 dark:hover:bg-zinc-800">
          Add
        </button>
      </form>
      {add.error && <ProblemNotice error={add.error} />}
    </section>
  );
}
