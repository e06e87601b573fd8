import { queryOptions } from '@tanstack/react-query';

import { request } from './client';
import type { Member, TagList } from './types';

export function membersQuery(groupId: string) {
  return queryOptions({
    queryKey: ['groups', groupId, 'members'],
    queryFn: ({ signal }) => request<Member[]>(`/api/v1/groups/${groupId}/members`, { signal }),
    staleTime: 60_000,
  });
}

/** Tags of a group (or the caller's personal ones) starting with `q`, most used first. */
export function tagSuggestions(groupId: string | null | undefined, q: string, signal?: AbortSignal): Promise<TagList> {
  return request<TagList>('/api/v1/tags', { query: { group_id: groupId ?? undefined, q }, signal });
}
