// The signed-in user's passkeys (WebAuthn credentials used as second factors).
import { queryOptions } from '@tanstack/react-query';

import { request } from './client';
import type { components } from './schema';

import type { WebauthnOptions, WebauthnResponse } from './types';

type Schemas = components['schemas'];

export type Passkey = Schemas['PasskeyResponse'];

export const passkeysKey = ['me', 'passkeys'] as const;

export const passkeysQuery = queryOptions({
  queryKey: passkeysKey,
  queryFn: ({ signal }) => request<Passkey[]>('/api/v1/me/passkeys', { signal }),
});

/** Options for `navigator.credentials.create()`; the name is kept with the ceremony. */
export function startPasskeyRegistration(name: string): Promise<WebauthnOptions> {
  return request<WebauthnOptions>('/api/v1/me/passkeys/registration', { method: 'POST', body: { name } });
}

export function finishPasskeyRegistration(body: WebauthnResponse): Promise<Passkey> {
  return request<Passkey>('/api/v1/me/passkeys', { method: 'POST', body });
}

export function renamePasskey(id: string, name: string): Promise<Passkey> {
  return request<Passkey>(`/api/v1/me/passkeys/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } });
}

export function deletePasskey(id: string): Promise<void> {
  return request<void>(`/api/v1/me/passkeys/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
