import { infiniteQueryOptions } from '@tanstack/react-query';

import { request } from './client';
import type { CreateTaskRequest, Task, TaskList, TaskPriority, TaskStatus } from './types';

/** The list filters the web app offers; the API takes more. */
export interface TaskFilters {
  status: readonly TaskStatus[];
  priority: readonly TaskPriority[];
  overdue: boolean;
}

const PAGE_SIZE = 50;

function listTasks(filters: TaskFilters, limit: number, cursor: string | undefined, signal: AbortSignal) {
  return request<TaskList>('/api/v1/tasks', {
    signal,
    query: {
      status: filters.status.join(',') || undefined,
      priority: filters.priority.join(',') || undefined,
      overdue: filters.overdue || undefined,
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
