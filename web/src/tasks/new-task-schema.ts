import { z } from 'zod';

import { TASK_PRIORITIES } from './vocabulary';

/** The server's limit, counted in characters (code points) after trimming, as it counts. */
const TITLE_MAX = 200;

export const newTaskSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, 'Give the task a title.')
    .refine((title) => [...title].length <= TITLE_MAX, `Keep the title to ${TITLE_MAX} characters.`),
  priority: z.enum(TASK_PRIORITIES),
});

export type NewTaskInput = z.input<typeof newTaskSchema>;
export type NewTask = z.output<typeof newTaskSchema>;
