import { useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';

import { membersQuery } from '../../../api/members';
import { ProblemError } from '../../../api/problem';
import type { Frequency, RecurrenceRule, Task, UpdateTaskRequest } from '../../../api/types';
import { localToday } from '../../../tasks/quick-add';
import { FREQUENCY_LABELS } from '../../../tasks/recurrence';
import { viewerZone } from '../../../time/zones';
import { PRIORITY_LABELS, STATUS_LABELS, TASK_PRIORITIES, TASK_STATUSES } from '../../../tasks/vocabulary';
import { INLINE_INPUT } from './field-styles';
import type { useTaskUpdate } from './use-task-update';

type Update = ReturnType<typeof useTaskUpdate>;

/** An instant as a `datetime-local` value: the viewer's wall-clock time, to the minute. */
function localMoment(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** The server's message about `field` from the last failed save, if it named that field. */
function serverError(update: Update, field: string): string | undefined {
  const error = update.error;
  return error instanceof ProblemError ? error.fieldErrors.find((e) => e.field === field)?.message : undefined;
}

function Row({ label, htmlFor, error, children }: { label: string; htmlFor?: string; error?: string | undefined; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_1fr] items-start gap-2">
      <label htmlFor={htmlFor} className="pt-2 text-sm text-zinc-600 dark:text-zinc-400">
        {label}
      </label>
      <div className="flex min-w-0 flex-col gap-1">
        {children}
        {error && <p className="px-2 text-sm text-red-700 dark:text-red-400">{error}</p>}
      </div>
    </div>
  );
}

function Select<T extends string>({ id, value, options, labels, onChange }: { id: string; value: T; options: readonly T[]; labels: Readonly<Record<T, string>>; onChange: (value: T) => void }) {
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value as T)} className={INLINE_INPUT}>
      {options.map((option) => (
        <option key={option} value={option}>
          {labels[option]}
        </option>
      ))}
    </select>
  );
}

function AssigneeSelect({ id, task, update }: { id: string; task: Task; update: Update }) {
  const members = useQuery({ ...membersQuery(task.group_id ?? ''), enabled: Boolean(task.group_id) });
  return (
    <select
      id={id}
      value={task.assignee_id ?? ''}
      onChange={(event) => update.mutate({ assignee_id: event.target.value || null })}
      className={INLINE_INPUT}
    >
      <option value="">Nobody</option>
      {(members.data ?? []).map((member) => (
        <option key={member.user_id} value={member.user_id}>
          {member.display_name}
        </option>
      ))}
      {/* A personal task belongs to its owner, who can still mark it as theirs. */}
      {!task.group_id && task.assignee_id && <option value={task.assignee_id}>Me</option>}
    </select>
  );
}

function RecurrenceFields({ task, update }: { task: Task; update: Update }) {
  const id = useId();
  const rule = task.recurrence ?? null;
  const change = (next: RecurrenceRule | null) => update.mutate({ recurrence: next } as UpdateTaskRequest);
  return (
    <Row label="Repeats" htmlFor={id} error={serverError(update, 'recurrence')}>
      <select
        id={id}
        value={rule?.freq ?? ''}
        className={INLINE_INPUT}
        onChange={(event) => {
          const freq = event.target.value as Frequency | '';
          change(freq ? { freq, interval: rule?.interval ?? 1, from_completion: rule?.from_completion ?? false } : null);
        }}
      >
        <option value="">Does not repeat</option>
        {(Object.keys(FREQUENCY_LABELS) as Frequency[]).map((freq) => (
          <option key={freq} value={freq}>
            {FREQUENCY_LABELS[freq]}
          </option>
        ))}
      </select>
      {rule && (
        <div className="flex flex-col gap-2 px-2 text-sm">
          <label className="flex items-center gap-2">
            Every
            <input
              type="number"
              min={1}
              max={366}
              defaultValue={rule.interval ?? 1}
              key={`${task.version}-interval`}
              onBlur={(event) => {
                const interval = Number(event.target.value);
                if (Number.isInteger(interval) && interval !== (rule.interval ?? 1)) change({ ...rule, interval });
              }}
              className="min-h-9 w-20 rounded-md border border-zinc-300 bg-transparent px-2 dark:border-zinc-700"
            />
            {rule.freq === 'daily' ? 'days' : rule.freq === 'weekly' ? 'weeks' : rule.freq === 'monthly' ? 'months' : 'years'}
          </label>
          {rule.freq === 'weekly' && (
            <fieldset className="flex flex-wrap gap-2">
              <legend className="sr-only">On these days</legend>
              {WEEKDAYS.map((day) => (
                <label key={day} className="flex items-center gap-1">
                  <input
                    type="checkbox"
                    checked={rule.weekdays?.includes(day) ?? false}
                    onChange={(event) => {
                      const days = new Set(rule.weekdays ?? []);
                      if (event.target.checked) days.add(day);
                      else days.delete(day);
                      change({ ...rule, weekdays: WEEKDAYS.filter((d) => days.has(d)) });
                    }}
                  />
                  {day}
                </label>
              ))}
            </fieldset>
          )}
          {rule.freq === 'monthly' && (
            <label className="flex items-center gap-2">
              On day
              <input
                type="number"
                min={1}
                max={31}
                placeholder="due day"
                defaultValue={rule.month_day ?? ''}
                key={`${task.version}-month-day`}
                onBlur={(event) => {
                  const day = event.target.value ? Number(event.target.value) : null;
                  if (day !== (rule.month_day ?? null)) change({ ...rule, month_day: day });
                }}
                className="min-h-9 w-20 rounded-md border border-zinc-300 bg-transparent px-2 dark:border-zinc-700"
              />
              <span className="text-xs text-zinc-600 dark:text-zinc-400">(shorter months use their last day)</span>
            </label>
          )}
          <label className="flex items-center gap-2">
            Until
            <input
              type="date"
              value={rule.until ?? ''}
              onChange={(event) => change({ ...rule, until: event.target.value || null })}
              className="min-h-9 rounded-md border border-zinc-300 bg-transparent px-2 dark:border-zinc-700"
            />
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={rule.from_completion ?? false} onChange={(event) => change({ ...rule, from_completion: event.target.checked })} />
            Count from completion (“every!”)
          </label>
        </div>
      )}
    </Row>
  );
}

/** Status, priority, assignee, dates and recurrence: each saves as soon as it changes. */
export function TaskFields({ task, update }: { task: Task; update: Update }) {
  const id = useId();
  const dueId = `${id}-due`;
  return (
    <div className="flex flex-col gap-2">
      <Row label="Status" htmlFor={`${id}-status`} error={serverError(update, 'status')}>
        <Select id={`${id}-status`} value={task.status} options={TASK_STATUSES} labels={STATUS_LABELS} onChange={(status) => update.mutate({ status })} />
      </Row>
      <Row label="Priority" htmlFor={`${id}-priority`} error={serverError(update, 'priority')}>
        <Select id={`${id}-priority`} value={task.priority} options={TASK_PRIORITIES} labels={PRIORITY_LABELS} onChange={(priority) => update.mutate({ priority })} />
      </Row>
      <Row label="Assignee" htmlFor={`${id}-assignee`} error={serverError(update, 'assignee_id')}>
        <AssigneeSelect id={`${id}-assignee`} task={task} update={update} />
      </Row>
      <Row label="Due" htmlFor={dueId} error={serverError(update, 'due_date') ?? serverError(update, 'due_at')}>
        {task.due_at ? (
          // A due moment: edited in the viewer's clock, kept with the zone it was set in.
          <div className="flex flex-wrap items-center gap-2">
            <input
              id={dueId}
              type="datetime-local"
              value={localMoment(task.due_at)}
              onChange={(event) => event.target.value && update.mutate({ due_at: new Date(event.target.value).toISOString(), due_zone: viewerZone() })}
              className={`${INLINE_INPUT} w-auto`}
            />
            {task.due_zone && task.due_zone !== viewerZone() && (
              <span className="text-xs text-zinc-600 dark:text-zinc-400">
                {new Date(task.due_at).toLocaleString(undefined, { timeZone: task.due_zone, dateStyle: 'medium', timeStyle: 'short' })} in {task.due_zone}
              </span>
            )}
            <button type="button" className="text-xs underline" onClick={() => update.mutate({ due_at: null, due_zone: null })}>
              Clear
            </button>
          </div>
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            <input
              id={dueId}
              type="date"
              value={task.due_date ?? ''}
              onChange={(event) => update.mutate({ due_date: event.target.value || null })}
              className={`${INLINE_INPUT} w-auto`}
            />
            <button
              type="button"
              className="text-xs underline"
              onClick={() => {
                // A day becomes that day at nine in the morning, the viewer's time.
                const day = task.due_date ?? localToday();
                update.mutate({ due_date: null, due_at: new Date(`${day}T09:00`).toISOString(), due_zone: viewerZone() });
              }}
            >
              Add a time
            </button>
          </div>
        )}
        {task.is_overdue && <p className="px-2 text-sm font-medium text-red-700 dark:text-red-400">Overdue</p>}
      </Row>
      <Row label="Starts" htmlFor={`${id}-start`} error={serverError(update, 'start_date')}>
        <input
          id={`${id}-start`}
          type="date"
          value={task.start_date ?? ''}
          onChange={(event) => update.mutate({ start_date: event.target.value || null })}
          className={INLINE_INPUT}
        />
      </Row>
      <RecurrenceFields task={task} update={update} />
    </div>
  );
}
