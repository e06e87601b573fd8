import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';

import { historyQuery } from '../../../api/task';
import type { Member, TaskChange, TaskPriority, TaskStatus } from '../../../api/types';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../../tasks/vocabulary';
import { SECTION_HEADING } from './field-styles';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (field === 'status' && typeof value === 'string' && value in STATUS_LABELS) return STATUS_LABELS[value as TaskStatus];
  if (field === 'priority' && typeof value === 'string' && value in PRIORITY_LABELS) return PRIORITY_LABELS[value as TaskPriority];
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'nothing';
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function describe(change: TaskChange): string {
  switch (change.field) {
    case 'created':
      return 'created the task';
    case 'archived':
      return 'archived the task';
    case 'restored':
      return 'restored the task';
    case 'description':
      return 'changed the description';
    default:
      return `changed ${change.field.replace(/_/g, ' ')} from ${show(change.field, change.old_value)} to ${show(change.field, change.new_value)}`;
  }
}

/** Every change to the task, newest first as the server lists it: who, what, when. */
export function HistoryList({ taskId, people }: { taskId: string; people: readonly Member[] }) {
  const id = useId();
  const history = useQuery(historyQuery(taskId));
  const names = new Map(people.map((m) => [m.user_id, m.display_name]));
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-2">
      <h3 id={`${id}-heading`} className={SECTION_HEADING}>
        History
      </h3>
      <ol className="flex flex-col gap-1 text-xs text-zinc-700 dark:text-zinc-300">
        {(history.data?.items ?? []).map((change) => (
          <li key={change.id}>
            <span className="font-medium">{(change.actor_id && names.get(change.actor_id)) || 'Someone'}</span> {describe(change)}{' '}
            <time dateTime={change.changed_at} className="text-zinc-600 dark:text-zinc-400">
              {when.format(new Date(change.changed_at))}
            </time>
          </li>
        ))}
      </ol>
    </section>
  );
}
