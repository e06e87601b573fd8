import { useMutation } from '@tanstack/react-query';

import { Button } from '../components/Button';
import { ProblemNotice } from '../components/ProblemNotice';
import { proveWithPasskey } from './prove';

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
