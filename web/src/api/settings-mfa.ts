// The signed-in user's second factors: status, authenticator app (TOTP) and backup codes.
import { queryOptions } from '@tanstack/react-query';

import { request } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type MfaStatus = Schemas['MfaStatus'];
export type TotpEnrolment = Schemas['TotpEnrolment'];
export type TotpDisableRequest = Schemas['TotpDisableRequest'];
export type BackupCodes = Schemas['BackupCodes'];

export const mfaStatusKey = ['me', 'mfa'] as const;

export const mfaStatusQuery = queryOptions({
  queryKey: mfaStatusKey,
  queryFn: ({ signal }) => request<MfaStatus>('/api/v1/me/mfa', { signal }),
});

/** A new secret, not in force until confirmed with a code from the app. */
export function startTotpEnrolment(): Promise<TotpEnrolment> {
  return request<TotpEnrolment>('/api/v1/me/mfa/totp', { method: 'POST' });
}

/** Puts the new authenticator in force; the answer carries backup codes, shown this once. */
export function confirmTotp(code: string): Promise<BackupCodes> {
  return request<BackupCodes>('/api/v1/me/mfa/totp/confirm', { method: 'POST', body: { code } });
}

export function disableTotp(body: TotpDisableRequest): Promise<void> {
  return request<void>('/api/v1/me/mfa/totp', { method: 'DELETE', body });
}

/** A new set of backup codes; the old ones stop working. */
export function regenerateBackupCodes(password: string): Promise<BackupCodes> {
  return request<BackupCodes>('/api/v1/me/mfa/backup-codes', { method: 'POST', body: { password } });
}
