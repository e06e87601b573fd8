// Proving a second factor again. The server accepts it for sensitive actions for 5 minutes;
// the prompt shown when an action is refused and the forms that ask up front (deleting a
// group) prove it the same way.
import { startStepUpPasskey, stepUp } from '../api/step-up';
import { CODE_FACTORS } from '../auth/code-factors';
import { getPasskeyAssertion } from '../auth/passkey';
import { passkeyPromptProblem } from '../auth/passkey-prompt-problem';
import type { StepUpMethod } from './step-up-methods';

/** One passkey ceremony in the browser, then the server's check of its answer. */
export async function proveWithPasskey(): Promise<void> {
  const { ceremony_id, options } = await startStepUpPasskey();
  let credential;
  try {
    credential = await getPasskeyAssertion(options);
  } catch (error) {
    throw passkeyPromptProblem(error);
  }
  await stepUp({ webauthn: { ceremony_id, credential } });
}

/** Proves `method`; `code` is what was typed (nothing for a passkey). */
export function proveSecondFactor(method: StepUpMethod, code: string): Promise<void> {
  return method === 'webauthn' ? proveWithPasskey() : stepUp(CODE_FACTORS[method].body(code));
}
