import { infiniteQueryOptions } from '@tanstack/react-query';

import { request } from './client';
import { groupKey } from './group-detail';
import type { AuditList } from './group-types';

const PAGE_SIZE = 50;

/** The group's audit trail, newest first, a page at a time. */
export function groupAuditQuery(groupId: string) {
  return infiniteQueryOptions({
    queryKey: [...groupKey(groupId), 'audit'],
    queryFn: ({ pageParam, signal }) =>
      request<AuditList>(`/api/v1/groups/${groupId}/audit`, { query: { limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}
