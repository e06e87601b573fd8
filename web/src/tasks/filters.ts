// The task list's filters live in the URL (`?status=todo,in_progress&priority=high&overdue=true`),
// so a filtered list can be bookmarked, shared and restored with the back button.
import { TASK_SORTS, type TaskFilters } from '../api/tasks';
import { TASK_PRIORITIES, TASK_STATUSES } from './vocabulary';

/** The known values named in a comma-separated parameter, in vocabulary order. */
function pick<T extends string>(raw: string | null, known: readonly T[]): T[] {
  const named = new Set((raw ?? '').split(',').map((value) => value.trim()));
  return known.filter((value) => named.has(value));
}

function day(raw: string | null): string | undefined {
  return raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined;
}

export function filtersFromParams(params: URLSearchParams): TaskFilters {
  return {
    status: pick(params.get('status'), TASK_STATUSES),
    priority: pick(params.get('priority'), TASK_PRIORITIES),
    overdue: params.get('overdue') === 'true',
    group: params.get('group') ?? undefined,
    assignee: pick(params.get('assignee'), ['me', 'none'] as const)[0],
    tag: params.get('tag')?.trim() || undefined,
    sort: pick(params.get('sort'), TASK_SORTS)[0],
    dueBefore: day(params.get('due_before')),
    dueAfter: day(params.get('due_after')),
    hasAttachments: params.get('has_attachments') === 'true' || undefined,
    archived: params.get('archived') === 'true' || undefined,
  };
}

export function paramsFromFilters(filters: TaskFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status.length > 0) params.set('status', filters.status.join(','));
  if (filters.priority.length > 0) params.set('priority', filters.priority.join(','));
  if (filters.overdue) params.set('overdue', 'true');
  if (filters.group) params.set('group', filters.group);
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.sort) params.set('sort', filters.sort);
  if (filters.dueBefore) params.set('due_before', filters.dueBefore);
  if (filters.dueAfter) params.set('due_after', filters.dueAfter);
  if (filters.hasAttachments) params.set('has_attachments', 'true');
  if (filters.archived) params.set('archived', 'true');
  return params;
}

export const NO_FILTERS: TaskFilters = { status: [], priority: [], overdue: false };

export function hasFilters(filters: TaskFilters): boolean {
  return filters.status.length > 0 || filters.priority.length > 0 || filters.overdue || Boolean(filters.assignee ?? filters.tag ?? filters.dueBefore ?? filters.dueAfter ?? filters.hasAttachments ?? filters.archived);
}
