import { useMutation } from '@tanstack/react-query';

import { finishSignIn, startPasskeySignIn, type SignInResult } from '../../api/session';
import { getPasskeyAssertion } from '../../auth/passkey';
import { Button } from '../../components/Button';
import { ProblemNotice } from '../../components/ProblemNotice';

async function signInWithPasskey(mfaToken: string): Promise<SignInResult> {
  const { ceremony_id, options } = await startPasskeySignIn(mfaToken);
  let credential;
  try {
    credential = await getPasskeyAssertion(options);
  } catch (error) {
    // The browser reports a closed or timed-out prompt as NotAllowedError, on purpose vaguely.
    if (error instanceof DOMException && error.name === 'NotAllowedError') {
      throw new Error('The passkey prompt was closed or timed out. Try again, or use another method.');
    }
    throw error;
  }
  return finishSignIn(mfaToken, { webauthn: { ceremony_id, credential } });
}

/** Finishes a sign-in with a passkey, one ceremony per press. */
export function PasskeyForm({ mfaToken, onResult }: { mfaToken: string; onResult: (result: SignInResult) => void }) {
  const mutation = useMutation({ mutationFn: () => signInWithPasskey(mfaToken), onSuccess: onResult });
  return (
    <div className="flex flex-col gap-4">
      {mutation.error && <ProblemNotice error={mutation.error} />}
      <p className="text-sm text-zinc-700 dark:text-zinc-300">Your browser will ask for the passkey you saved for Dayline.</p>
      <Button onClick={() => mutation.mutate()} disabled={mutation.isPending}>
        {mutation.isPending ? 'Waiting for your passkey…' : 'Use a passkey'}
      </Button>
    </div>
  );
}
