import type { TaskFilters } from '../../api/tasks';
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

interface TaskFilterBarProps {
  filters: TaskFilters;
  onChange: (filters: TaskFilters) => void;
}

/** Status, priority and overdue filters; several values of one filter match any of them. */
export function TaskFilterBar({ filters, onChange }: TaskFilterBarProps) {
  return (
    <div className="flex flex-col gap-4">
      <ChipGroup
        legend="Status"
        options={TASK_STATUSES}
        labels={STATUS_LABELS}
        selected={filters.status}
        onChange={(status) => onChange({ ...filters, status })}
      />
      <ChipGroup
        legend="Priority"
        options={TASK_PRIORITIES}
        labels={PRIORITY_LABELS}
        selected={filters.priority}
        onChange={(priority) => onChange({ ...filters, priority })}
      />
      <div className="flex flex-wrap items-center gap-3">
        <label className={CHIP}>
          <input
            type="checkbox"
            className="sr-only"
            checked={filters.overdue}
            onChange={(event) => onChange({ ...filters, overdue: event.target.checked })}
          />
          Overdue only
        </label>
        {hasFilters(filters) && (
          <Button variant="ghost" onClick={() => onChange(NO_FILTERS)}>
            Clear filters
          </Button>
        )}
      </div>
    </div>
  );
}
