import { useId, useState } from 'react';

import type { SignInResult } from '../../api/session';
import type { MfaChallenge } from '../../api/types';
import { passkeysSupported } from '../../auth/passkey';
import { Button } from '../../components/Button';
import { CodeForm } from './CodeForm';
import { PasskeyForm } from './PasskeyForm';

type Method = 'totp' | 'webauthn' | 'backup_code';

const METHOD_LABELS: Record<Method, string> = {
  totp: 'Use an authenticator app',
  webauthn: 'Use a passkey',
  backup_code: 'Use a backup code',
};

/** The methods the account has that this browser can use, in the order we suggest them. */
function usableMethods(offered: readonly string[]): Method[] {
  const order: Method[] = ['webauthn', 'totp', 'backup_code'];
  return order.filter((method) => offered.includes(method) && (method !== 'webauthn' || passkeysSupported()));
}

interface SecondFactorStepProps {
  challenge: MfaChallenge;
  onResult: (result: SignInResult) => void;
  onRestart: () => void;
}

export function SecondFactorStep({ challenge, onResult, onRestart }: SecondFactorStepProps) {
  const methods = usableMethods(challenge.methods);
  const [method, setMethod] = useState<Method>(methods[0] ?? 'backup_code');
  const name = useId();
  const token = challenge.mfa_token;

  return (
    <section aria-labelledby={`${name}-heading`} className="flex flex-col gap-4">
      <h1 id={`${name}-heading`} className="text-2xl font-semibold">
        Two-step verification
      </h1>
      {methods.length > 1 && (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">Verify with</legend>
          {methods.map((option) => (
            <label key={option} className="flex min-h-10 items-center gap-2">
              <input
                type="radio"
                name={name}
                value={option}
                checked={method === option}
                onChange={() => setMethod(option)}
                className="size-4"
              />
              {METHOD_LABELS[option]}
            </label>
          ))}
        </fieldset>
      )}
      {method === 'webauthn' && <PasskeyForm mfaToken={token} onResult={onResult} />}
      {method === 'totp' && <CodeForm key="totp" kind="totp" mfaToken={token} onResult={onResult} />}
      {method === 'backup_code' && <CodeForm key="backup" kind="backup_code" mfaToken={token} onResult={onResult} />}
      <Button variant="ghost" onClick={onRestart}>
        Start over
      </Button>
    </section>
  );
}
