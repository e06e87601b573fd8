// Deleting a group needs a second factor proved in the last minutes (a step-up, see
// step-up.ts); restoring one is for super admins.
import { request } from './client';
import type { Group } from './types';

export function deleteGroup(groupId: string): Promise<void> {
  return request<void>(`/api/v1/groups/${groupId}`, { method: 'DELETE' });
}

export function restoreGroup(groupId: string): Promise<Group> {
  return request<Group>(`/api/v1/groups/${groupId}/restore`, { method: 'POST' });
}
