// The profile's rules, as the server applies them (src/domain/users/fields.rs): a display
// name of 1 to 100 characters (code points, after trimming) without control characters,
// and an IANA time zone.
import { z } from 'zod';

const DISPLAY_NAME_MAX = 100;

export function profileSchema(timeZones: readonly string[]) {
  const known = new Set(timeZones);
  return z.object({
    display_name: z
      .string()
      .trim()
      .min(1, 'Enter your name.')
      .refine((name) => [...name].length <= DISPLAY_NAME_MAX, `Use at most ${DISPLAY_NAME_MAX} characters.`)
      .refine((name) => !/\p{Cc}/u.test(name), 'Remove the control characters.'),
    timezone: z
      .string()
      .trim()
      .min(1, 'Choose a time zone.')
      .refine((zone) => known.size === 0 || known.has(zone), 'Choose a time zone from the list, like Europe/Berlin.'),
  });
}
