// The signed-in user's personal API tokens.
import { queryOptions } from '@tanstack/react-query';

import { request } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type ApiToken = Schemas['ApiTokenResponse'];
export type TokenScope = Schemas['TokenScope'];
export type CreateApiTokenRequest = Schemas['CreateApiTokenRequest'];
export type CreatedApiToken = Schemas['CreatedApiToken'];

export const apiTokensKey = ['me', 'tokens'] as const;

export const apiTokensQuery = queryOptions({
  queryKey: apiTokensKey,
  queryFn: ({ signal }) => request<ApiToken[]>('/api/v1/me/tokens', { signal }),
});

/** The answer is the only place the token's secret ever appears. */
export function createApiToken(body: CreateApiTokenRequest): Promise<CreatedApiToken> {
  return request<CreatedApiToken>('/api/v1/me/tokens', { method: 'POST', body });
}

export function revokeApiToken(id: string): Promise<void> {
  return request<void>(`/api/v1/me/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
