import { queryOptions } from '@tanstack/react-query';

import { request } from './client';
import type { CreateGroupRequest, UpdateGroupRequest } from './group-types';
import type { Group } from './types';

/** Everything cached about one group sits under this key, next to the list's `['groups']`. */
export function groupKey(groupId: string) {
  return ['groups', groupId] as const;
}

export function groupQuery(groupId: string) {
  return queryOptions({
    queryKey: [...groupKey(groupId), 'detail'],
    queryFn: ({ signal }) => request<Group>(`/api/v1/groups/${groupId}`, { signal }),
  });
}

export function createGroup(body: CreateGroupRequest): Promise<Group> {
  return request<Group>('/api/v1/groups', { method: 'POST', body });
}

/** Only the fields sent change. */
export function updateGroup(groupId: string, body: UpdateGroupRequest): Promise<Group> {
  return request<Group>(`/api/v1/groups/${groupId}`, { method: 'PATCH', body });
}
