import { startStepUpPasskey, stepUp } from '../../../api/step-up';
import { getPasskeyAssertion } from '../../../auth/passkey';
import { passkeyPromptProblem } from '../../../auth/passkey-prompt-problem';
import type { StepUpMethod } from './delete-schema';

/** Proves a second factor again, which the server accepts for sensitive actions for 5 minutes. */
export async function proveSecondFactor(method: StepUpMethod, code: string): Promise<void> {
  if (method === 'totp') return stepUp({ code });
  if (method === 'backup_code') return stepUp({ backup_code: code });
  const { ceremony_id, options } = await startStepUpPasskey();
  let credential;
  try {
    credential = await getPasskeyAssertion(options);
  } catch (error) {
    throw passkeyPromptProblem(error);
  }
  return stepUp({ webauthn: { ceremony_id, credential } });
}
