import type { ComponentProps } from 'react';

import { TextField } from '../components/TextField';

/** The second factors a person types: an authenticator app's code, or a backup code. */
export type TypedFactor = 'totp' | 'backup_code';

// What each needs from the input: a number pad and one-time-code autofill for the app's
// code; a plain keyboard, no autofill, for a backup code (letters and digits).
const INPUTS = {
  totp: { label: 'Code', inputMode: 'numeric', autoComplete: 'one-time-code' },
  backup_code: { label: 'Backup code', inputMode: 'text', autoComplete: 'off' },
} as const;

type SecondFactorCodeFieldProps = Omit<ComponentProps<typeof TextField>, 'label' | 'inputMode' | 'autoComplete'> & {
  factor: TypedFactor;
  /** Instead of the plain "Code" / "Backup code". */
  label?: string;
};

/** The input for a typed second factor, the same wherever one is asked for. */
export function SecondFactorCodeField({ factor, label, ...field }: SecondFactorCodeFieldProps) {
  const input = INPUTS[factor];
  return (
    <TextField
      label={label ?? input.label}
      inputMode={input.inputMode}
      autoComplete={input.autoComplete}
      autoCapitalize="none"
      spellCheck={false}
      {...field}
    />
  );
}
