import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';

import { mfaStatusKey } from '../../../api/settings-mfa';
import { passkeysKey } from '../../../api/settings-passkeys';
import { Button } from '../../../components/Button';
import { TextField } from '../../../components/TextField';
import { placeFieldErrors } from '../../../forms/field-errors';
import { showToast } from '../../../toast/toasts';
import { ActionProblem } from '../../../step-up/ActionProblem';
import { passkeyNameSchema } from './passkey-name-schema';
import { registerPasskey } from './register-passkey';

export function AddPasskeyForm() {
  const queryClient = useQueryClient();
  const form = useForm({ resolver: zodResolver(passkeyNameSchema), defaultValues: { name: '' } });
  const mutation = useMutation({
    mutationFn: registerPasskey,
    onSuccess: async (passkey) => {
      form.reset({ name: '' });
      showToast(`Passkey “${passkey.name}” added.`);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: passkeysKey }),
        queryClient.invalidateQueries({ queryKey: mfaStatusKey }),
      ]);
    },
    onError: (error) => placeFieldErrors(error, ['name'], form.setError),
  });

  return (
    <div className="flex flex-col gap-3">
      <ActionProblem mutation={mutation} shownFields={['name']} />
      <form noValidate onSubmit={form.handleSubmit(({ name }) => mutation.mutate(name))} className="flex flex-col gap-3">
        <TextField
          label="Name for a new passkey"
          hint="So you can tell your passkeys apart, like “Work laptop” or “Security key”."
          autoComplete="off"
          error={form.formState.errors.name?.message}
          {...form.register('name')}
        />
        <Button type="submit" className="self-start" disabled={mutation.isPending}>
          {mutation.isPending ? 'Waiting for your device…' : 'Add a passkey'}
        </Button>
      </form>
    </div>
  );
}
