import type { MfaStatus } from '../api/settings-mfa';
import { passkeysSupported } from '../auth/passkey';

export type StepUpMethod = 'totp' | 'webauthn' | 'backup_code';

export const METHOD_LABELS: Record<StepUpMethod, string> = {
  totp: 'Authenticator app',
  webauthn: 'Passkey',
  backup_code: 'Backup code',
};

/** The factors the account has that this browser can use, in the order we suggest them. */
export function stepUpMethods(status: MfaStatus): StepUpMethod[] {
  const methods: StepUpMethod[] = [];
  if (status.passkeys > 0 && passkeysSupported()) methods.push('webauthn');
  if (status.totp_enabled) methods.push('totp');
  if (status.backup_codes_remaining > 0) methods.push('backup_code');
  return methods;
}
