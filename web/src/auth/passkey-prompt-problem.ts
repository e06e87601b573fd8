/**
 * What to tell the person when the browser's passkey prompt fails. Browsers report a closed
 * or timed-out prompt as NotAllowedError, on purpose vaguely.
 */
export function passkeyPromptProblem(error: unknown): Error {
  if (error instanceof DOMException) {
    if (error.name === 'NotAllowedError') return new Error('The passkey prompt was closed or timed out. Try again.');
    if (error.name === 'InvalidStateError') return new Error('This device already holds one of your Dayline passkeys.');
  }
  return error instanceof Error ? error : new Error('The passkey prompt failed.');
}
