import { finishPasskeyRegistration, startPasskeyRegistration, type Passkey } from '../../../api/settings-passkeys';
import { createPasskeyCredential } from '../../../auth/passkey';
import { passkeyPromptProblem } from '../../../auth/passkey-prompt-problem';

/** The whole ceremony: options from the server, a new credential from the browser, stored. */
export async function registerPasskey(name: string): Promise<Passkey> {
  const { ceremony_id, options } = await startPasskeyRegistration(name);
  let credential;
  try {
    credential = await createPasskeyCredential(options);
  } catch (error) {
    throw passkeyPromptProblem(error);
  }
  return finishPasskeyRegistration({ ceremony_id, credential });
}
