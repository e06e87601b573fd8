// The signed-in user's own account: profile, password and sessions (the "account" routes).
import { queryOptions } from '@tanstack/react-query';

import { request } from './client';
import type { components } from './schema';

import type { User } from './types';

type Schemas = components['schemas'];

export type UpdateMeRequest = Schemas['UpdateMeRequest'];
export type ChangePasswordRequest = Schemas['ChangePasswordRequest'];
export type Session = Schemas['SessionResponse'];

export const sessionsKey = ['me', 'sessions'] as const;

export const sessionsQuery = queryOptions({
  queryKey: sessionsKey,
  queryFn: ({ signal }) => request<Session[]>('/api/v1/me/sessions', { signal }),
});

export function updateProfile(body: UpdateMeRequest): Promise<User> {
  return request<User>('/api/v1/me', { method: 'PATCH', body });
}

/** Every other session of the user ends; this one stays signed in. */
export function changePassword(body: ChangePasswordRequest): Promise<void> {
  return request<void>('/api/v1/me/password', { method: 'POST', body });
}

export function endSession(id: string): Promise<void> {
  return request<void>(`/api/v1/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Ends every session of the user, this one included. */
export function endAllSessions(): Promise<void> {
  return request<void>('/api/v1/me/sessions', { method: 'DELETE' });
}
