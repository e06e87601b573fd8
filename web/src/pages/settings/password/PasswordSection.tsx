import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';

import { changePassword, sessionsKey } from '../../../api/account';
import { meQuery } from '../../../api/me';
import { Button } from '../../../components/Button';
import { TextField } from '../../../components/TextField';
import { placeFieldErrors } from '../../../forms/field-errors';
import { showToast } from '../../../toast/toasts';
import { SettingsSection } from '../SettingsSection';
import { ActionProblem } from '../../../step-up/ActionProblem';
import { changePasswordSchema, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS } from './password-schema';

const FIELDS = ['current_password', 'new_password'] as const;
const EMPTY = { current_password: '', new_password: '', confirm_password: '' };

export function PasswordSection() {
  const queryClient = useQueryClient();
  const { data: me } = useQuery({ ...meQuery, throwOnError: false });
  const form = useForm({ resolver: zodResolver(changePasswordSchema), defaultValues: EMPTY });
  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: async () => {
      form.reset(EMPTY);
      showToast('Password changed. Your other sessions were signed out.');
      await queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
    onError: (error) => placeFieldErrors(error, FIELDS, form.setError),
  });
  const { errors } = form.formState;

  return (
    <SettingsSection title="Password" description="Changing it signs you out everywhere else.">
      <ActionProblem mutation={mutation} shownFields={FIELDS} />
      <form
        noValidate
        onSubmit={form.handleSubmit(({ current_password, new_password }) =>
          mutation.mutate({ current_password, new_password }),
        )}
        className="flex flex-col gap-4"
      >
        {/* Lets password managers file the new password under the right account. */}
        <input
          type="text"
          name="username"
          aria-label="E-mail"
          autoComplete="username"
          value={me?.email ?? ''}
          readOnly
          hidden
        />
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={errors.current_password?.message}
          {...form.register('current_password')}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`${PASSWORD_MIN_CHARS} to ${PASSWORD_MAX_CHARS} characters. A few unrelated words make a strong one; common or personal passwords are refused.`}
          error={errors.new_password?.message}
          {...form.register('new_password')}
        />
        <TextField
          label="New password again"
          type="password"
          autoComplete="new-password"
          error={errors.confirm_password?.message}
          {...form.register('confirm_password')}
        />
        <Button type="submit" className="self-start" disabled={mutation.isPending}>
          {mutation.isPending ? 'Changing…' : 'Change password'}
        </Button>
      </form>
    </SettingsSection>
  );
}
