// A passkey's name as the server accepts it: 1 to 60 characters after trimming.
import { z } from 'zod';

const NAME_MAX = 60;

export const passkeyNameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the passkey a name.')
    .refine((name) => [...name].length <= NAME_MAX, `Use at most ${NAME_MAX} characters.`),
});
