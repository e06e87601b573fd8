import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';

import { finishSignIn, type SignInResult } from '../../api/session';
import { SecondFactorCodeField } from '../../auth/SecondFactorCodeField';
import { backupCodeSchema, totpSchema } from '../../auth/sign-in-schemas';
import { Button } from '../../components/Button';
import { ProblemNotice } from '../../components/ProblemNotice';

const KINDS = {
  totp: {
    schema: totpSchema,
    hint: 'The 6-digit code your authenticator app shows for Dayline.',
    factor: (code: string) => ({ code }),
  },
  backup_code: {
    schema: backupCodeSchema,
    hint: 'One of the codes you saved when you set up two-step verification. Each works once.',
    factor: (code: string) => ({ backup_code: code }),
  },
} as const;

interface CodeFormProps {
  kind: keyof typeof KINDS;
  mfaToken: string;
  onResult: (result: SignInResult) => void;
}

/** Finishes a sign-in with a typed code: an authenticator app's, or a backup code. */
export function CodeForm({ kind, mfaToken, onResult }: CodeFormProps) {
  const { schema, hint, factor } = KINDS[kind];
  const form = useForm({ resolver: zodResolver(schema), defaultValues: { code: '' } });
  const mutation = useMutation({
    mutationFn: (code: string) => finishSignIn(mfaToken, factor(code)),
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
