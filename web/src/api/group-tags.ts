import { queryOptions } from '@tanstack/react-query';

import { request } from './client';
import type { UpdateTagRequest } from './group-types';
import type { Tag, TagList } from './types';

export const tagsKey = ['tags'] as const;

/** A group's tags starting with `q`, most used first; the server sends at most 20. */
export function groupTagsQuery(groupId: string, q: string) {
  return queryOptions({
    queryKey: [...tagsKey, groupId, q],
    queryFn: ({ signal }) => request<TagList>('/api/v1/tags', { query: { group_id: groupId, q: q || undefined }, signal }),
  });
}

export function updateTag(tagId: string, body: UpdateTagRequest): Promise<Tag> {
  return request<Tag>(`/api/v1/tags/${tagId}`, { method: 'PATCH', body });
}

/** Gives the tasks of `tagId` the tag `into` and deletes `tagId`; answers with `into`. */
export function mergeTag(tagId: string, into: string): Promise<Tag> {
  return request<Tag>(`/api/v1/tags/${tagId}/merge`, { method: 'POST', body: { into } });
}
