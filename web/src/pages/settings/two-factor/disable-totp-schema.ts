// Removing the authenticator takes the password and a current second factor: a code from the
// app, or a backup code (for a lost phone). Codes are checked like at sign-in.
import { z } from 'zod';

import { backupCodeSchema, totpSchema } from '../../../auth/sign-in-schemas';

export const disableTotpSchema = z
  .object({
    password: z.string().min(1, 'Enter your password.'),
    method: z.enum(['totp', 'backup_code']),
    code: z.string(),
  })
  .transform((values, context) => {
    const schema = values.method === 'totp' ? totpSchema : backupCodeSchema;
    const parsed = schema.safeParse({ code: values.code });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', path: ['code'], message: issue.message });
      return z.NEVER;
    }
    const { code } = parsed.data;
    return values.method === 'totp'
      ? { password: values.password, code }
      : { password: values.password, backup_code: code };
  });
