import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

import type { SignInResult } from '../../api/session';
import type { MfaChallenge } from '../../api/types';
import { safeNext } from '../../auth/next';
import { PasswordStep } from './PasswordStep';
import { SecondFactorStep } from './SecondFactorStep';

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);

  function onResult(result: SignInResult) {
    if (result.kind === 'second-factor') {
      setChallenge(result.challenge);
      return;
    }
    // Nothing cached from an earlier session may show to this one.
    queryClient.clear();
    void navigate(safeNext(params.get('next')), { replace: true });
  }

  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-sm flex-col justify-center gap-6 px-4 py-10">
      <title>Sign in · Dayline</title>
      <p className="text-lg font-semibold text-indigo-700 dark:text-indigo-400">Dayline</p>
      {challenge ? (
        <SecondFactorStep challenge={challenge} onResult={onResult} onRestart={() => setChallenge(null)} />
      ) : (
        <PasswordStep onResult={onResult} />
      )}
    </main>
  );
}
