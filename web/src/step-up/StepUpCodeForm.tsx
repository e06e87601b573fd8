import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';

import { ProblemError } from '../api/problem';
import { CODE_FACTORS, type CodeFactor } from '../auth/code-factors';
import { SecondFactorCodeField } from '../auth/SecondFactorCodeField';
import { Button } from '../components/Button';
import { ProblemNotice } from '../components/ProblemNotice';
import { proveSecondFactor } from './prove';

interface StepUpCodeFormProps {
  kind: CodeFactor;
  onProved: () => void;
  onCancel: () => void;
}

/** Proves a typed second factor again: an authenticator code or a backup code. */
export function StepUpCodeForm({ kind, onProved, onCancel }: StepUpCodeFormProps) {
  const { schema, hint } = CODE_FACTORS[kind];
  const form = useForm({ resolver: zodResolver(schema), defaultValues: { code: '' } });
  const mutation = useMutation({
    mutationFn: (code: string) => proveSecondFactor(kind, code),
    onSuccess: onProved,
    onError: (error) => {
      // The server names the field it was sent (`code` or `backup_code`); here both are one input.
      if (!(error instanceof ProblemError)) return;
      const refusal = error.fieldErrors.find((e) => e.field === 'code' || e.field === 'backup_code');
      if (refusal) form.setError('code', { type: 'server', message: refusal.message });
    },
  });

  return (
    <form noValidate onSubmit={form.handleSubmit(({ code }) => mutation.mutate(code))} className="flex flex-col gap-3">
      {mutation.error && <ProblemNotice error={mutation.error} shownFields={['code', 'backup_code']} />}
      <SecondFactorCodeField
        factor={kind}
        hint={hint}
        autoFocus
        error={form.formState.errors.code?.message}
        {...form.register('code')}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? 'Checking…' : 'Confirm and continue'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
