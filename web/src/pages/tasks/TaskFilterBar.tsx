import { useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';

import { groupsQuery } from '../../api/groups';
import { TASK_SORTS, type TaskFilters, type TaskSort } from '../../api/tasks';
import { NO_FILTERS, hasFilters } from '../../tasks/filters';
import { PRIORITY_LABELS, STATUS_LABELS, TASK_PRIORITIES, TASK_STATUSES } from '../../tasks/vocabulary';
import { Button } from '../../components/Button';

const CHIP =
  'flex min-h-9 cursor-pointer items-center gap-2 rounded-full border border-zinc-300 px-3 text-sm has-checked:border-indigo-600 has-checked:bg-indigo-50 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600 dark:border-zinc-700 dark:has-checked:border-indigo-400 dark:has-checked:bg-indigo-950';

function toggle<T>(values: readonly T[], value: T, on: boolean, order: readonly T[]): T[] {
  const next = new Set(values);
  if (on) next.add(value);
  else next.delete(value);
  return order.filter((v) => next.has(v));
}

interface ChipGroupProps<T extends string> {
  legend: string;
  options: readonly T[];
  labels: Readonly<Record<T, string>>;
  selected: readonly T[];
  onChange: (selected: T[]) => void;
}

function ChipGroup<T extends string>({ legend, options, labels, selected, onChange }: ChipGroupProps<T>) {
  return (
    <fieldset className="flex flex-wrap items-center gap-2">
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      {options.map((option) => (
        <label key={option} className={CHIP}>
          {/* The input stays in the accessibility tree; only its box is hidden. */}
          <input
            type="checkbox"
            className="sr-only"
            checked={selected.includes(option)}
            onChange={(event) => onChange(toggle(selected, option, event.target.checked, options))}
          />
          {labels[option]}
        </label>
      ))}
    </fieldset>
  );
}

function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className={CHIP}>
      {/* The input stays in the accessibility tree; only its box is hidden. */}
      <input type="checkbox" className="sr-only" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );
}

interface TaskFilterBarProps {
  filters: TaskFilters;
  onChange: (filters: TaskFilters) => void;
  /** The board is always in board order, and its columns are the statuses. */
  board?: boolean;
}

const SORT_LABELS: Readonly<Record<TaskSort, string>> = {
  created: 'Newest',
  updated: 'Recently updated',
  due: 'Due soonest',
  priority: 'Priority',
  position: 'Board order',
};

const SELECT = 'min-h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900';

/** One filter with its label above it. */
function Labelled({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A day the due dates start from or end at; cleared, the bound goes away. */
function DueBound({ id, label, value, onChange }: { id: string; label: string; value: string | undefined; onChange: (day: string | undefined) => void }) {
  return (
    <Labelled id={id} label={label}>
      <input id={id} type="date" className={SELECT} value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)} />
    </Labelled>
  );
}

/** Group, assignee, tag, due range and sort: one value each. */
function Scope({ filters, onChange, board }: TaskFilterBarProps) {
  const id = useId();
  // Without the groups the filter still works for everything else.
  const groups = useQuery({ ...groupsQuery, throwOnError: false });
  return (
    <div className="flex flex-wrap items-end gap-3">
      <Labelled id={`${id}-group`} label="Group">
        <select id={`${id}-group`} className={SELECT} value={filters.group ?? ''} onChange={(event) => onChange({ ...filters, group: event.target.value || undefined })}>
          <option value="">All my tasks</option>
          {(groups.data?.items ?? []).map((group) => (
            <option key={group.id} value={group.id}>
              {group.name}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled id={`${id}-assignee`} label="Assignee">
        <select
          id={`${id}-assignee`}
          className={SELECT}
          value={filters.assignee ?? ''}
          onChange={(event) => onChange({ ...filters, assignee: (event.target.value || undefined) as TaskFilters['assignee'] })}
        >
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="none">Nobody</option>
        </select>
      </Labelled>
      <Labelled id={`${id}-tag`} label="Tag">
        <input
          id={`${id}-tag`}
          className={`${SELECT} w-32`}
          defaultValue={filters.tag ?? ''}
          key={filters.tag ?? ''}
          placeholder="Any"
          onBlur={(event) => onChange({ ...filters, tag: event.target.value.trim() || undefined })}
          onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
        />
      </Labelled>
      <DueBound id={`${id}-after`} label="Due from" value={filters.dueAfter} onChange={(dueAfter) => onChange({ ...filters, dueAfter })} />
      <DueBound id={`${id}-before`} label="Due until" value={filters.dueBefore} onChange={(dueBefore) => onChange({ ...filters, dueBefore })} />
      {!board && (
        <Labelled id={`${id}-sort`} label="Sort">
          <select id={`${id}-sort`} className={SELECT} value={filters.sort ?? 'created'} onChange={(event) => onChange({ ...filters, sort: event.target.value as TaskSort })}>
            {TASK_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </Labelled>
      )}
    </div>
  );
}

/** Status, priority and overdue filters; several values of one filter match any of them. */
export function TaskFilterBar({ filters, onChange, board = false }: TaskFilterBarProps) {
  return (
    <div className="flex flex-col gap-4">
      <Scope filters={filters} onChange={onChange} board={board} />
      {!board && (
        <ChipGroup
          legend="Status"
          options={TASK_STATUSES}
          labels={STATUS_LABELS}
          selected={filters.status}
          onChange={(status) => onChange({ ...filters, status })}
        />
      )}
      <ChipGroup
        legend="Priority"
        options={TASK_PRIORITIES}
        labels={PRIORITY_LABELS}
        selected={filters.priority}
        onChange={(priority) => onChange({ ...filters, priority })}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Toggle label="Overdue only" checked={filters.overdue} onChange={(overdue) => onChange({ ...filters, overdue })} />
        <Toggle
          label="With attachments"
          checked={filters.hasAttachments ?? false}
          onChange={(on) => onChange({ ...filters, hasAttachments: on || undefined })}
        />
        {!board && (
          <Toggle label="Archived" checked={filters.archived ?? false} onChange={(on) => onChange({ ...filters, archived: on || undefined })} />
        )}
        {hasFilters(filters) && (
          <Button variant="ghost" onClick={() => onChange({ ...NO_FILTERS, group: filters.group, sort: filters.sort })}>
            Clear filters
          </Button>
        )}
      </div>
    </div>
  );
}
