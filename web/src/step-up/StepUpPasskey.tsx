import { useMutation } from '@tanstack/react-query';

import { startStepUpPasskey, stepUp } from '../api/step-up';
import { getPasskeyAssertion } from '../auth/passkey';
import { Button } from '../components/Button';
import { ProblemNotice } from '../components/ProblemNotice';
import { passkeyPromptProblem } from '../auth/passkey-prompt-problem';

async function proveWithPasskey(): Promise<void> {
  const { ceremony_id, options } = await startStepUpPasskey();
  let credential;
  try {
    credential = await getPasskeyAssertion(options);
  } catch (error) {
    throw passkeyPromptProblem(error);
  }
  await stepUp({ webauthn: { ceremony_id, credential } });
}

/** Proves a passkey again, one ceremony per press. */
export function StepUpPasskey({ onProved, onCancel }: { onProved: () => void; onCancel: () => void }) {
  const mutation = useMutation({ mutationFn: proveWithPasskey, onSuccess: onProved });
  return (
    <div className="flex flex-col gap-3">
      {mutation.error && <ProblemNotice error={mutation.error} />}
      <p className="text-sm">Your browser will ask for the passkey you saved for Dayline.</p>
      <div className="flex flex-wrap gap-2">
        <Button autoFocus disabled={mutation.isPending} onClick={() => mutation.mutate()}>
          {mutation.isPending ? 'Waiting for your passkey…' : 'Use a passkey'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
