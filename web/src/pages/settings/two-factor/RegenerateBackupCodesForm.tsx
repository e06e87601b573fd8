import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { mfaStatusKey, regenerateBackupCodes } from '../../../api/settings-mfa';
import { Button } from '../../../components/Button';
import { TextField } from '../../../components/TextField';
import { placeFieldErrors } from '../../../forms/field-errors';
import { showToast } from '../../../toast/toasts';
import { ActionProblem } from '../../../step-up/ActionProblem';

const schema = z.object({ password: z.string().min(1, 'Enter your password.') });

interface RegenerateBackupCodesFormProps {
  onCreated: (codes: string[]) => void;
  onCancel: () => void;
}

export function RegenerateBackupCodesForm({ onCreated, onCancel }: RegenerateBackupCodesFormProps) {
  const queryClient = useQueryClient();
  const form = useForm({ resolver: zodResolver(schema), defaultValues: { password: '' } });
  const mutation = useMutation({
    mutationFn: regenerateBackupCodes,
    onSuccess: async ({ codes }) => {
      showToast('New backup codes created. The old ones no longer work.');
      onCreated(codes);
      await queryClient.invalidateQueries({ queryKey: mfaStatusKey });
    },
    onError: (error) => placeFieldErrors(error, ['password'], form.setError),
  });

  return (
    <div className="flex flex-col gap-3">
      <ActionProblem mutation={mutation} shownFields={['password']} />
      <form
        noValidate
        onSubmit={form.handleSubmit(({ password }) => mutation.mutate(password))}
        className="flex flex-col gap-4"
      >
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          hint="New codes replace all your current ones."
          autoFocus
          error={form.formState.errors.password?.message}
          {...form.register('password')}
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? 'Creating…' : 'Create new codes'}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}
