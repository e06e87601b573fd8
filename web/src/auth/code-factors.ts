// The second factors one types (an authenticator app's code, a backup code): how the form
// checks each, what it tells the person, and the body the server takes. Signing in and
// proving oneself again before a sensitive action ask for them the same way.
import { backupCodeSchema, totpSchema } from './sign-in-schemas';

export const CODE_FACTORS = {
  totp: {
    schema: totpSchema,
    hint: 'The 6-digit code your authenticator app shows for Dayline.',
    body: (code: string) => ({ code }),
  },
  backup_code: {
    schema: backupCodeSchema,
    hint: 'One of the codes you saved when you set up two-step verification. Each works once.',
    body: (code: string) => ({ backup_code: code }),
  },
} as const;

export type CodeFactor = keyof typeof CODE_FACTORS;
