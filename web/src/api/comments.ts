import { queryOptions } from '@tanstack/react-query';

import { request } from './client';
import type { Comment, CommentList } from './types';

export const commentsKey = (taskId: string) => ['task', taskId, 'comments'] as const;

export function commentsQuery(taskId: string) {
  return queryOptions({
    queryKey: commentsKey(taskId),
    queryFn: ({ signal }) => request<CommentList>(`/api/v1/tasks/${taskId}/comments`, { signal }),
  });
}

export function addComment(taskId: string, body: string): Promise<Comment> {
  return request<Comment>(`/api/v1/tasks/${taskId}/comments`, { method: 'POST', body: { body } });
}

export function editComment(taskId: string, commentId: string, body: string): Promise<Comment> {
  return request<Comment>(`/api/v1/tasks/${taskId}/comments/${commentId}`, { method: 'PATCH', body: { body } });
}

export function deleteComment(taskId: string, commentId: string): Promise<void> {
  return request<void>(`/api/v1/tasks/${taskId}/comments/${commentId}`, { method: 'DELETE' });
}

/** Group admins hide a comment from members (moderation, audited) and show it again. */
export function setCommentHidden(taskId: string, commentId: string, hidden: boolean): Promise<Comment> {
  return request<Comment>(`/api/v1/tasks/${taskId}/comments/${commentId}/${hidden ? 'hide' : 'unhide'}`, { method: 'POST' });
}
