// Super-admin endpoints: accounts, the audit trail and background jobs.
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';

import { request } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type AdminUser = Schemas['UserResponse'];
export type AdminUserList = Schemas['UserList'];
export type GlobalRole = Schemas['GlobalRole'];
export type AdminUpdateUserRequest = Schemas['AdminUpdateUserRequest'];
export type UserGroupList = Schemas['GroupList'];
export type AuditEntry = Schemas['AuditEntryResponse'];
export type AuditList = Schemas['AuditList'];
export type Job = Schemas['JobResponse'];
export type JobList = Schemas['JobList'];

const PAGE_SIZE = 50;

export const adminKey = ['admin'] as const;

// Accounts.

export const adminUsersKey = [...adminKey, 'users'] as const;

export function adminUsersQuery(q: string) {
  return infiniteQueryOptions({
    queryKey: [...adminUsersKey, 'list', q],
    queryFn: ({ pageParam, signal }) =>
      request<AdminUserList>('/api/v1/admin/users', { signal, query: { q: q || undefined, limit: PAGE_SIZE, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export function adminUserGroupsQuery(userId: string) {
  return queryOptions({
    queryKey: [...adminUsersKey, 'groups', userId],
    queryFn: ({ signal }) => request<UserGroupList>(`/api/v1/admin/users/${userId}/groups`, { signal }),
  });
}

/** Needs a recent step-up: a refusal is a ProblemError that `isStepUpRequired` recognises. */
export function updateAdminUser(userId: string, change: AdminUpdateUserRequest): Promise<AdminUser> {
  return request<AdminUser>(`/api/v1/admin/users/${userId}`, { method: 'PATCH', body: change });
}

export function unlockUser(userId: string): Promise<void> {
  return request<void>(`/api/v1/admin/users/${userId}/unlock`, { method: 'POST' });
}

/** Needs a recent step-up, like `updateAdminUser`. */
export function resetUserMfa(userId: string): Promise<void> {
  return request<void>(`/api/v1/admin/users/${userId}/mfa/reset`, { method: 'POST' });
}

// The audit trail.

/** The filters the audit endpoint takes, in its own names; the paging fields aside. */
export interface AuditFilters {
  action?: string | undefined;
  actor_id?: string | undefined;
  target_type?: string | undefined;
  target_id?: string | undefined;
  group_id?: string | undefined;
  /** RFC 3339 instants: at or after `since`, before `until`. */
  since?: string | undefined;
  until?: string | undefined;
}

function auditQueryParams(filters: AuditFilters): Record<string, string | undefined> {
  const { action, actor_id, target_type, target_id, group_id, since, until } = filters;
  return { action, actor_id, target_type, target_id, group_id, since, until };
}

export function auditQuery(filters: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: [...adminKey, 'audit', auditQueryParams(filters)],
    queryFn: ({ pageParam, signal }) =>
      request<AuditList>('/api/v1/admin/audit', {
        signal,
        query: { ...auditQueryParams(filters), limit: PAGE_SIZE, cursor: pageParam },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

/** Where the browser downloads every matching entry (newline-delimited JSON). */
export function auditExportHref(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(auditQueryParams(filters))) {
    if (value) params.set(key, value);
  }
  const search = params.toString();
  return search ? `/api/v1/admin/audit/export?${search}` : '/api/v1/admin/audit/export';
}

// Background jobs.

export const JOB_STATES = ['dead', 'failed', 'queued', 'running', 'succeeded'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const adminJobsKey = [...adminKey, 'jobs'] as const;

export function adminJobsQuery(state: JobState) {
  return infiniteQueryOptions({
    queryKey: [...adminJobsKey, state],
    queryFn: ({ pageParam, signal }) =>
      request<JobList>('/api/v1/admin/jobs', { signal, query: { state, limit: PAGE_SIZE, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export function retryJob(jobId: string): Promise<void> {
  return request<void>(`/api/v1/admin/jobs/${jobId}/retry`, { method: 'POST' });
}

export function discardJob(jobId: string): Promise<void> {
  return request<void>(`/api/v1/admin/jobs/${jobId}`, { method: 'DELETE' });
}
