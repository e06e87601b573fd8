// Attachments. Uploads go through XMLHttpRequest rather than fetch because only it reports
// upload progress, which the task page shows per file.
import { queryOptions } from '@tanstack/react-query';

import { request } from './client';
import { CSRF_HEADER, readCsrfToken } from './csrf';
import { problemFrom } from './problem';
import type { Attachment, AttachmentList } from './types';

export const attachmentsKey = (taskId: string) => ['task', taskId, 'attachments'] as const;

export function attachmentsQuery(taskId: string) {
  return queryOptions({
    queryKey: attachmentsKey(taskId),
    queryFn: ({ signal }) => request<AttachmentList>(`/api/v1/tasks/${taskId}/attachments`, { signal }),
  });
}

export function deleteAttachment(id: string): Promise<void> {
  return request<void>(`/api/v1/attachments/${id}`, { method: 'DELETE' });
}

/** Fractions of a file sent so far, 0 to 1. */
export type Progress = (fraction: number) => void;

function send(taskId: string, file: File, onProgress: Progress): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/tasks/${taskId}/attachments`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    const csrf = readCsrfToken();
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const headers = new Headers();
      for (const line of xhr.getAllResponseHeaders().trim().split(/\r?\n/)) {
        const at = line.indexOf(':');
        if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      }
      resolve(new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, headers }));
    };
    xhr.onerror = () => reject(new Error(`The upload of ${file.name} was interrupted. Try again.`));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/**
 * Uploads one file and returns what the server stored. An expired session is renewed once
 * (by any authenticated request, which refreshes it) and the upload retried.
 */
export async function uploadAttachment(taskId: string, file: File, onProgress: Progress): Promise<Attachment> {
  let response = await send(taskId, file, onProgress);
  if (response.status === 401) {
    await request('/api/v1/me');
    onProgress(0);
    response = await send(taskId, file, onProgress);
  }
  if (!response.ok) throw await problemFrom(response);
  const list = (await response.json()) as AttachmentList;
  const stored = list.items[0];
  if (!stored) throw new Error(`The server stored nothing for ${file.name}.`);
  return stored;
}
