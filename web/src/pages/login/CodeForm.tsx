import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';

import { finishSignIn, type SignInResult } from '../../api/session';
import { CODE_FACTORS, type CodeFactor } from '../../auth/code-factors';
import { SecondFactorCodeField } from '../../auth/SecondFactorCodeField';
import { Button } from '../../components/Button';
import { ProblemNotice } from '../../components/ProblemNotice';

interface CodeFormProps {
  kind: CodeFactor;
  mfaToken: string;
  onResult: (result: SignInResult) => void;
}

/** Finishes a sign-in with a typed code: an authenticator app's, or a backup code. */
export function CodeForm({ kind, mfaToken, onResult }: CodeFormProps) {
  const { schema, hint, body } = CODE_FACTORS[kind];
  const form = useForm({ resolver: zodResolver(schema), defaultValues: { code: '' } });
  const mutation = useMutation({
    mutationFn: (code: string) => finishSignIn(mfaToken, body(code)),
    onSuccess: onResult,
  });

  return (
    <form noValidate onSubmit={form.handleSubmit(({ code }) => mutation.mutate(code))} className="flex flex-col gap-4">
      {mutation.error && <ProblemNotice error={mutation.error} />}
      <SecondFactorCodeField
        factor={kind}
        hint={hint}
        autoFocus
        error={form.formState.errors.code?.message}
        {...form.register('code')}
      />
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? 'Checking…' : 'Verify'}
      </Button>
    </form>
  );
}
