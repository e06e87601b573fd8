// Rules for group form fields, mirroring the server's checks so a typo shows before a round
// trip. The server stays the judge: its 422 messages land next to the same fields.
import { z } from 'zod';

import { GROUP_ROLES } from './roles';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const NAME_MAX = 100;
const DESCRIPTION_MAX = 2_000;
const EMAIL_MAX_BYTES = 254;
const SLUG = /^[a-z0-9][a-z0-9-]{0,48}[a-z0-9]$/;
const SLUG_MESSAGE = 'Use 2 to 50 lowercase letters, digits or dashes, like platform-team.';

/** The server counts characters as code points, after trimming. */
const length = (text: string) => [...text].length;

export const groupName = z
  .string()
  .trim()
  .min(1, 'Give the group a name.')
  .refine((name) => length(name) <= NAME_MAX, `Keep the name to ${NAME_MAX} characters.`);

export const slug = z.string().trim().toLowerCase().regex(SLUG, SLUG_MESSAGE);

/** Left empty, the server makes one from the name. */
export const optionalSlug = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => value === '' || SLUG.test(value), SLUG_MESSAGE);

export const description = z
  .string()
  .trim()
  .refine((text) => length(text) <= DESCRIPTION_MAX, `Keep the description to ${DESCRIPTION_MAX.toLocaleString('en')} characters.`);

export const timezone = z.string().min(1, 'Pick a time zone.');

export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a 24-hour time like 09:00.');

/** Sent in week order, as the server stores them. */
export const weekdays = z
  .array(z.enum(WEEKDAYS))
  .min(1, 'Pick at least one day.')
  .transform((days) => WEEKDAYS.filter((day) => days.includes(day)));

/** The server's pragmatic check: one `@`, a local part, a dotted domain, no spaces. */
function looksLikeEmail(value: string): boolean {
  const at = value.indexOf('@');
  if (at < 1) return false;
  const domain = value.slice(at + 1);
  return (
    !domain.includes('@') && domain.includes('.') && !domain.startsWith('.') && !domain.endsWith('.') && !/[\s\p{Cc}]/u.test(value)
  );
}

export const email = z
  .string()
  .trim()
  .min(1, 'Enter an e-mail address.')
  .refine((value) => new TextEncoder().encode(value).length <= EMAIL_MAX_BYTES, 'This address is too long.')
  .refine(looksLikeEmail, 'Enter an e-mail address like ana@example.com.');

export const role = z.enum(GROUP_ROLES);

/** E-mail and role: adding an existing user and inviting someone ask the same. */
export const personSchema = z.object({ email, role });
export type PersonInput = z.input<typeof personSchema>;
export type Person = z.output<typeof personSchema>;
