// New-password rules as the server applies them (src/domain/users/fields.rs): 8 to 128
// characters counted as code points, not only spaces, never trimmed. Whether it is too easy
// to guess only the server judges (it knows the account's name and e-mail); its answer lands
// next to the field.
import { z } from 'zod';

export const PASSWORD_MIN_CHARS = 8;
export const PASSWORD_MAX_CHARS = 128;

const length = (text: string) => [...text].length;

export const changePasswordSchema = z
  .object({
    current_password: z.string().min(1, 'Enter your current password.'),
    new_password: z
      .string()
      .refine((p) => length(p) >= PASSWORD_MIN_CHARS, `Use at least ${PASSWORD_MIN_CHARS} characters.`)
      .refine((p) => length(p) <= PASSWORD_MAX_CHARS, `Use at most ${PASSWORD_MAX_CHARS} characters.`)
      .refine((p) => p.trim().length > 0, 'A password of only spaces is not allowed.'),
    confirm_password: z.string(),
  })
  .refine((values) => values.new_password === values.confirm_password, {
    path: ['confirm_password'],
    message: 'This differs from the new password above.',
  });
