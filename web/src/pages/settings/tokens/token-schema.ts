// A new token as the server accepts it: a name of 1 to 100 characters after trimming, at
// least one scope, and an expiry in the future (or none).
import { z } from 'zod';

import type { TokenScope } from '../../../api/settings-tokens';

const NAME_MAX = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

export const EXPIRY_CHOICES = {
  '30': 'In 30 days',
  '90': 'In 90 days',
  '365': 'In a year',
  never: 'Never',
  custom: 'On a date…',
} as const;

export type ExpiryChoice = keyof typeof EXPIRY_CHOICES;

/** The end of a calendar day in the browser's zone, as an instant. */
function endOfDay(date: string): Date {
  return new Date(`${date}T23:59:59`);
}

export function tokenSchema(now: () => Date) {
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(1, 'Name the token after what will use it.')
        .refine((name) => [...name].length <= NAME_MAX, `Use at most ${NAME_MAX} characters.`),
      scopes: z.array(z.enum(['read', 'write', 'admin'])).min(1, 'Choose at least one permission.'),
      expiry: z.enum(Object.keys(EXPIRY_CHOICES) as [ExpiryChoice, ...ExpiryChoice[]]),
      expiry_date: z.string(),
    })
    .superRefine((values, context) => {
      if (values.expiry !== 'custom') return;
      const date = endOfDay(values.expiry_date);
      if (!values.expiry_date || Number.isNaN(date.getTime())) {
        context.addIssue({ code: 'custom', path: ['expiry_date'], message: 'Choose the day it stops working.' });
      } else if (date <= now()) {
        context.addIssue({ code: 'custom', path: ['expiry_date'], message: 'Choose a day in the future.' });
      }
    })
    .transform(({ name, scopes, expiry, expiry_date }) => {
      let expiresAt: Date | null = null;
      if (expiry === 'custom') expiresAt = endOfDay(expiry_date);
      else if (expiry !== 'never') expiresAt = new Date(now().getTime() + Number(expiry) * DAY_MS);
      return { name, scopes: scopes as TokenScope[], expires_at: expiresAt?.toISOString() ?? null };
    });
}
