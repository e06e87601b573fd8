// One task and what hangs off it: reading, changing with its version (`If-Match`), moving on
// the board, archiving, subtasks, relations and history.
import { queryOptions } from '@tanstack/react-query';

import { request } from './client';
import type {
  MoveTaskRequest,
  Relation,
  RelationKind,
  RelationList,
  Task,
  TaskHistory,
  TaskList,
  UpdateTaskRequest,
} from './types';

export const taskKey = (id: string) => ['task', id] as const;

export function taskQuery(id: string) {
  return queryOptions({
    queryKey: taskKey(id),
    queryFn: ({ signal }) => request<Task>(`/api/v1/tasks/${id}`, { signal }),
  });
}

/**
 * Changes the fields in `patch`, based on `version`: if someone changed the task since, the
 * server answers 412 with the current task (`problem.current`) and nothing is overwritten.
 */
export function updateTask(id: string, version: number, patch: UpdateTaskRequest): Promise<Task> {
  return request<Task>(`/api/v1/tasks/${id}`, {
    method: 'PATCH',
    body: patch,
    headers: { 'If-Match': `"${version}"` },
  });
}

export function moveTask(id: string, move: MoveTaskRequest): Promise<Task> {
  return request<Task>(`/api/v1/tasks/${id}/position`, { method: 'PUT', body: move });
}

export function setArchived(id: string, archived: boolean): Promise<Task> {
  return request<Task>(`/api/v1/tasks/${id}/${archived ? 'archive' : 'restore'}`, { method: 'POST' });
}

export const subtasksKey = (id: string) => ['task', id, 'subtasks'] as const;

export function subtasksQuery(id: string) {
  return queryOptions({
    queryKey: subtasksKey(id),
    queryFn: ({ signal }) => request<TaskList>(`/api/v1/tasks/${id}/subtasks`, { signal }),
  });
}

export const historyKey = (id: string) => ['task', id, 'history'] as const;

export function historyQuery(id: string) {
  return queryOptions({
    queryKey: historyKey(id),
    queryFn: ({ signal }) => request<TaskHistory>(`/api/v1/tasks/${id}/history`, { signal }),
  });
}

export const relationsKey = (id: string) => ['task', id, 'relations'] as const;

export function relationsQuery(id: string) {
  return queryOptions({
    queryKey: relationsKey(id),
    queryFn: ({ signal }) => request<RelationList>(`/api/v1/tasks/${id}/relations`, { signal }),
  });
}

export function addRelation(id: string, kind: RelationKind, otherId: string): Promise<Relation> {
  return request<Relation>(`/api/v1/tasks/${id}/relations`, { method: 'POST', body: { kind, task_id: otherId } });
}

export function removeRelation(id: string, relationId: string): Promise<void> {
  return request<void>(`/api/v1/tasks/${id}/relations/${relationId}`, { method: 'DELETE' });
}

/**
 * Full-text search over titles, descriptions and comments: title matches, then description,
 * then comment matches; newest first in each.
 */
export function searchTasks(q: string, signal?: AbortSignal, limit = 20): Promise<TaskList> {
  return request<TaskList>('/api/v1/search', { query: { q, limit }, signal });
}
