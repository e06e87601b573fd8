import { z } from 'zod';

import { backupCodeSchema, totpSchema } from '../../../auth/sign-in-schemas';
import type { StepUpMethod } from '../../../step-up/step-up-methods';

const STEP_UP_METHODS = ['totp', 'backup_code', 'webauthn'] as const satisfies readonly StepUpMethod[];

/** Typing the name guards against deleting the wrong group; the code is the server's step-up. */
export function deleteSchema(groupName: string) {
  return z
    .object({
      confirmName: z.string().refine((typed) => typed.trim() === groupName.trim(), 'Type the group’s name exactly as shown.'),
      method: z.enum(STEP_UP_METHODS),
      code: z.string(),
    })
    .transform((values, context) => {
      if (values.method === 'webauthn') return { ...values, code: '' };
      const checked = (values.method === 'totp' ? totpSchema : backupCodeSchema).shape.code.safeParse(values.code);
      if (checked.success) return { ...values, code: checked.data };
      context.addIssue({ code: 'custom', path: ['code'], message: checked.error.issues[0]?.message ?? 'Enter the code.' });
      return z.NEVER;
    });
}

export type DeleteInput = z.input<ReturnType<typeof deleteSchema>>;
export type DeleteValues = z.output<ReturnType<typeof deleteSchema>>;
