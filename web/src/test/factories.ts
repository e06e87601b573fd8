import type { Task } from '../api/types';

export function task(overrides: Partial<Task> & Pick<Task, 'id' | 'title'>): Task {
  return {
    key: 'ME-1',
    description: '',
    status: 'todo',
    priority: 'none',
    position: 'a0',
    tags: [],
    creator_id: '00000000-0000-7000-8000-000000000001',
    is_overdue: false,
    version: 1,
    created_at: '2026-11-02T09:00:00Z',
    updated_at: '2026-11-02T09:00:00Z',
    ...overrides,
  };
}
