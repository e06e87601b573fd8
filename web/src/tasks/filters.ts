// The task list's filters live in the URL (`?status=todo,in_progress&priority=high&overdue=true`),
// so a filtered list can be bookmarked, shared and restored with the back button.
import type { TaskFilters } from '../api/tasks';
import { TASK_PRIORITIES, TASK_STATUSES } from './vocabulary';

/** The known values named in a comma-separated parameter, in vocabulary order. */
function pick<T extends string>(raw: string | null, known: readonly T[]): T[] {
  const named = new Set((raw ?? '').split(',').map((value) => value.trim()));
  return known.filter((value) => named.has(value));
}

export function filtersFromParams(params: URLSearchParams): TaskFilters {
  return {
    status: pick(params.get('status'), TASK_STATUSES),
    priority: pick(params.get('priority'), TASK_PRIORITIES),
    overdue: params.get('overdue') === 'true',
  };
}

export function paramsFromFilters(filters: TaskFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status.length > 0) params.set('status', filters.status.join(','));
  if (filters.priority.length > 0) params.set('priority', filters.priority.join(','));
  if (filters.overdue) params.set('overdue', 'true');
  return params;
}

export const NO_FILTERS: TaskFilters = { status: [], priority: [], overdue: false };

export function hasFilters(filters: TaskFilters): boolean {
  return filters.status.length > 0 || filters.priority.length > 0 || filters.overdue;
}
