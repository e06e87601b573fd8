import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';

import { ProblemError } from '../../../api/problem';
import { disableTotp, mfaStatusKey } from '../../../api/settings-mfa';
import { SecondFactorCodeField } from '../../../auth/SecondFactorCodeField';
import { Button } from '../../../components/Button';
import { TextField } from '../../../components/TextField';
import { showToast } from '../../../toast/toasts';
import { ActionProblem } from '../../../step-up/ActionProblem';
import { disableTotpSchema } from './disable-totp-schema';

const SHOWN_FIELDS = ['password', 'code', 'backup_code'];

interface DisableTotpFormProps {
  /** With a passkey left, sign-ins still ask for a second factor and backup codes stay. */
  hasPasskeys: boolean;
  onDone: () => void;
}

export function DisableTotpForm({ hasPasskeys, onDone }: DisableTotpFormProps) {
  const queryClient = useQueryClient();
  const form = useForm({
    resolver: zodResolver(disableTotpSchema),
    defaultValues: { password: '', method: 'totp' as const, code: '' },
  });
  const mutation = useMutation({
    mutationFn: disableTotp,
    onSuccess: async () => {
      showToast('Authenticator app removed.');
      onDone();
      await queryClient.invalidateQueries({ queryKey: mfaStatusKey });
    },
    onError: (error) => {
      if (!(error instanceof ProblemError)) return;
      for (const { field, message } of error.fieldErrors) {
        if (field === 'password') form.setError('password', { type: 'server', message });
        // The server names the factor it was sent; the form has one input for either.
        if (field === 'code' || field === 'backup_code') form.setError('code', { type: 'server', message });
      }
    },
  });
  const { errors } = form.formState;
  const method = form.watch('method');

  return (
    <div className="flex flex-col gap-3 rounded-md border border-zinc-200 p-4 dark:border-zinc-800">
      <h3 className="font-semibold">Remove the authenticator app</h3>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        {hasPasskeys
          ? 'Sign-ins will ask for your passkey instead of its codes.'
          : 'Sign-ins will no longer ask for a second factor, and your backup codes stop working.'}
      </p>
      <ActionProblem mutation={mutation} shownFields={SHOWN_FIELDS} />
      <form noValidate onSubmit={form.handleSubmit((body) => mutation.mutate(body))} className="flex flex-col gap-4">
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          autoFocus
          error={errors.password?.message}
          {...form.register('password')}
        />
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-sm font-medium">Confirm with</legend>
          <label className="flex min-h-10 items-center gap-2 text-sm">
            <input type="radio" value="totp" className="size-4" {...form.register('method')} />
            A code from the app
          </label>
          <label className="flex min-h-10 items-center gap-2 text-sm">
            <input type="radio" value="backup_code" className="size-4" {...form.register('method')} />
            A backup code
          </label>
        </fieldset>
        <SecondFactorCodeField
          factor={method}
          error={errors.code?.message}
          {...form.register('code')}
        />
        <div className="flex flex-wrap gap-2">
          <Button variant="danger" type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? 'Removing…' : 'Remove authenticator'}
          </Button>
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}
