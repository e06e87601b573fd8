import { infiniteQueryOptions } from '@tanstack/react-query';

import { request } from './client';
import type { CreateTaskRequest, Task, TaskList, TaskPriority, TaskStatus } from './types';

/** The list filters the web app offers; the API takes more. */
export interface TaskFilters {
  status: readonly TaskStatus[];
  priority: readonly TaskPriority[];
  overdue: boolean;
  /** One group's tasks; none: every group's and the personal ones. */
  group?: string | undefined;
  assignee?: 'me' | 'none' | undefined;
  tag?: string | undefined;
  sort?: TaskSort | undefined;
  /** Due on or before / on or after this day (`YYYY-MM-DD`). */
  dueBefore?: string | undefined;
  dueAfter?: string | undefined;
  /** Only tasks with files attached. */
  hasAttachments?: boolean | undefined;
  /** Archived tasks instead of live ones. */
  archived?: boolean | undefined;
}

export const TASK_SORTS = ['created', 'updated', 'due', 'priority', 'position'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

const PAGE_SIZE = 50;

function listTasks(filters: TaskFilters, limit: number, cursor: string | undefined, signal: AbortSignal) {
  return request<TaskList>('/api/v1/tasks', {
    signal,
    query: {
      status: filters.status.join(',') || undefined,
      priority: filters.priority.join(',') || undefined,
      overdue: filters.overdue || undefined,
      group_id: filters.group,
      assignee: filters.assignee,
      tag: filters.tag,
      sort: filters.sort,
      due_before: filters.dueBefore,
      due_after: filters.dueAfter,
      has_attachments: filters.hasAttachments || undefined,
      archived: filters.archived || undefined,
      limit,
      cursor,
    },
  });
}

export const tasksKey = ['tasks'] as const;

export function tasksQuery(filters: TaskFilters, limit = PAGE_SIZE) {
  return infiniteQueryOptions({
    queryKey: [...tasksKey, filters, limit],
    queryFn: ({ pageParam, signal }) => listTasks(filters, limit, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

/** The key makes a retried submission (a lost answer, a double click) create one task. */
export function createTask(task: CreateTaskRequest, idempotencyKey: string): Promise<Task> {
  return request<Task>('/api/v1/tasks', {
    method: 'POST',
    body: task,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}
