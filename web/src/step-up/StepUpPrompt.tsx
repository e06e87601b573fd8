import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';

import { mfaStatusQuery } from '../api/settings-mfa';
import { Button } from '../components/Button';
import { Loading } from '../components/Loading';
import { ProblemNotice } from '../components/ProblemNotice';
import { METHOD_LABELS, stepUpMethods, type StepUpMethod } from './step-up-methods';
import { StepUpCodeForm } from './StepUpCodeForm';
import { StepUpPasskey } from './StepUpPasskey';

interface StepUpPromptProps {
  /** Called once the server accepted the factor: the refused action can go again. */
  onProved: () => void;
  onCancel: () => void;
}

/** Asks, in place, for a second factor when the server wants one proved again. */
export function StepUpPrompt({ onProved, onCancel }: StepUpPromptProps) {
  const id = useId();
  const status = useQuery({ ...mfaStatusQuery, throwOnError: false });
  const methods = status.data ? stepUpMethods(status.data) : [];
  const [chosen, setChosen] = useState<StepUpMethod | null>(null);
  const method = chosen && methods.includes(chosen) ? chosen : methods[0];

  let body;
  if (status.isPending) {
    body = <Loading label="Checking your second factors…" />;
  } else if (status.isError) {
    body = <ProblemNotice error={status.error} />;
  } else if (!method) {
    body = (
      <>
        <p className="text-sm">
          Your account has no second factor this browser can use. Set up an authenticator app or a passkey first.
        </p>
        <Button variant="secondary" className="self-start" onClick={onCancel}>
          Close
        </Button>
      </>
    );
  } else {
    body = (
      <>
        {methods.length > 1 && (
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-sm font-medium">Confirm with</legend>
            {methods.map((option) => (
              <label key={option} className="flex min-h-10 items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={`${id}-method`}
                  value={option}
                  checked={method === option}
                  onChange={() => setChosen(option)}
                  className="size-4"
                />
                {METHOD_LABELS[option]}
              </label>
            ))}
          </fieldset>
        )}
        {method === 'webauthn' && <StepUpPasskey onProved={onProved} onCancel={onCancel} />}
        {method === 'totp' && <StepUpCodeForm key="totp" kind="totp" onProved={onProved} onCancel={onCancel} />}
        {method === 'backup_code' && (
          <StepUpCodeForm key="backup" kind="backup_code" onProved={onProved} onCancel={onCancel} />
        )}
      </>
    );
  }

  return (
    <div
      role="group"
      aria-labelledby={`${id}-heading`}
      aria-describedby={`${id}-why`}
      className="flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950"
    >
      <h3 id={`${id}-heading`} className="font-semibold">
        Confirm it’s you
      </h3>
      <p id={`${id}-why`} className="text-sm">
        This change needs a second factor proved in the last 5 minutes. Once you confirm, it goes ahead.
      </p>
      {body}
    </div>
  );
}
