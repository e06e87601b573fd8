import { z } from 'zod';

const NAME_MAX = 50;

/** As the server reads a tag name: runs of spaces become one, at most 50 characters, no commas. */
export const tagEditSchema = z.object({
  name: z
    .string()
    .transform((name) => name.split(/\s+/).filter(Boolean).join(' '))
    .pipe(
      z
        .string()
        .min(1, 'Give the tag a name.')
        .refine((name) => [...name].length <= NAME_MAX, `Keep a tag to ${NAME_MAX} characters.`)
        .refine((name) => !name.includes(','), 'A tag cannot contain a comma.'),
    ),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'Pick a colour like #6b7280.')
    .transform((color) => color.toLowerCase()),
});

export type TagEditInput = z.input<typeof tagEditSchema>;
export type TagEdit = z.output<typeof tagEditSchema>;

export const mergeTagSchema = z.object({ into: z.string().min(1, 'Pick the tag to keep.') });
export type MergeTag = z.infer<typeof mergeTagSchema>;
