// Sign-in form rules, mirroring what the server accepts, so people hear about a typo before
// a round trip (and before it counts as a failed attempt).
import { z } from 'zod';

const EMAIL_MAX_BYTES = 254;

/** The server's pragmatic check: one `@`, a local part, a dotted domain, no spaces. */
function looksLikeEmail(value: string): boolean {
  const at = value.indexOf('@');
  if (at < 1) return false;
  const domain = value.slice(at + 1);
  return (
    !domain.includes('@') &&
    domain.includes('.') &&
    !domain.startsWith('.') &&
    !domain.endsWith('.') &&
    !/[\s\p{Cc}]/u.test(value)
  );
}

export const passwordStepSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your e-mail address.')
    .refine((email) => new TextEncoder().encode(email).length <= EMAIL_MAX_BYTES, 'This address is too long.')
    .refine(looksLikeEmail, 'Enter an e-mail address like ana@example.com.'),
  // Not the rules for new passwords: an older account may predate them, and the server
  // judges the password anyway.
  password: z.string().min(1, 'Enter your password.'),
});

export const totpSchema = z.object({
  code: z
    .string()
    .transform((code) => code.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.')),
});

// Backup codes are Crockford base32 (no i, l, o, u); like the server, read o as 0 and i or
// l as 1, and ignore case, spaces and dashes.
const BACKUP_ALPHABET = /^[0-9abcdefghjkmnpqrstvwxyz]{16}$/;

function normalizeBackupCode(typed: string): string {
  return typed
    .replace(/[\s-]/g, '')
    .toLowerCase()
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
}

export const backupCodeSchema = z.object({
  code: z
    .string()
    .transform(normalizeBackupCode)
    .pipe(z.string().regex(BACKUP_ALPHABET, 'Enter a backup code like k3m9-x2pq-7hvd-a0wz.'))
    .transform((code) => code.match(/.{4}/g)?.join('-') ?? code),
});
