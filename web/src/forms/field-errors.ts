import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

import { ProblemError } from '../api/problem';

/**
 * Puts the server's per-field messages (a 422's `errors`) next to the inputs they concern.
 * Returns the fields it placed, so the form's notice does not repeat them.
 */
export function placeFieldErrors<T extends FieldValues>(
  error: unknown,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): Path<T>[] {
  if (!(error instanceof ProblemError)) return [];
  const placed: Path<T>[] = [];
  for (const { field, message } of error.fieldErrors) {
    const match = fields.find((name) => name === field);
    if (match) {
      setError(match, { type: 'server', message });
      placed.push(match);
    }
  }
  return placed;
}
