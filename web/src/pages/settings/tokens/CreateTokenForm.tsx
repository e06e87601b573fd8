import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { useForm } from 'react-hook-form';

import { ProblemError } from '../../../api/problem';
import { apiTokensKey, createApiToken, type CreatedApiToken, type TokenScope } from '../../../api/settings-tokens';
import { Button } from '../../../components/Button';
import { TextField } from '../../../components/TextField';
import { showToast } from '../../../toast/toasts';
import { ActionProblem } from '../../../step-up/ActionProblem';
import { EXPIRY_CHOICES, tokenSchema, type ExpiryChoice } from './token-schema';

const SCOPES: { scope: TokenScope; label: string; hint: string }[] = [
  { scope: 'read', label: 'Read', hint: 'See tasks, groups and comments.' },
  { scope: 'write', label: 'Write', hint: 'Create and change them. Most scripts need Read too.' },
  { scope: 'admin', label: 'Administer', hint: 'Instance administration, as a super admin.' },
];

const ERROR_CLASS = 'text-sm text-red-700 dark:text-red-400';

interface CreateTokenFormProps {
  /** Super admins may give a token the admin scope. */
  canAdminister: boolean;
  onCreated: (created: CreatedApiToken) => void;
}

export function CreateTokenForm({ canAdminister, onCreated }: CreateTokenFormProps) {
  const id = useId();
  const queryClient = useQueryClient();
  const schema = useMemo(() => tokenSchema(() => new Date()), []);
  const form = useForm({
    resolver: zodResolver(schema),
    defaultValues: { name: '', scopes: ['read'] as TokenScope[], expiry: '90' as ExpiryChoice, expiry_date: '' },
  });
  const mutation = useMutation({
    mutationFn: createApiToken,
    onSuccess: async (created) => {
      form.reset();
      showToast(`Token “${created.name}” created.`);
      onCreated(created);
      await queryClient.invalidateQueries({ queryKey: apiTokensKey });
    },
    onError: (error) => {
      if (!(error instanceof ProblemError)) return;
      for (const { field, message } of error.fieldErrors) {
        if (field === 'name' || field === 'scopes') form.setError(field, { type: 'server', message });
        // The form picks the expiry in two fields; the server's word goes next to the one in use.
        if (field === 'expires_at') {
          form.setError(form.getValues('expiry') === 'custom' ? 'expiry_date' : 'expiry', { type: 'server', message });
        }
      }
    },
  });
  const { errors } = form.formState;
  const expiry = form.watch('expiry');
  const scopes = SCOPES.filter(({ scope }) => scope !== 'admin' || canAdminister);

  return (
    <div className="flex flex-col gap-3">
      <h3 className="font-semibold">New token</h3>
      <ActionProblem mutation={mutation} shownFields={['name', 'scopes', 'expires_at']} />
      <form noValidate onSubmit={form.handleSubmit((body) => mutation.mutate(body))} className="flex flex-col gap-4">
        <TextField
          label="Name"
          hint="What will use it, like “CI exporter”."
          autoComplete="off"
          error={errors.name?.message}
          {...form.register('name')}
        />
        <fieldset className="flex flex-col gap-1" aria-describedby={errors.scopes ? `${id}-scopes-error` : undefined}>
          <legend className="mb-1 text-sm font-medium">Permissions</legend>
          {scopes.map(({ scope, label, hint }) => (
            <label key={scope} className="flex min-h-10 items-start gap-2 py-1 text-sm">
              <input type="checkbox" value={scope} className="mt-0.5 size-4" {...form.register('scopes')} />
              <span>
                <span className="font-medium">{label}</span>
                <span className="block text-zinc-600 dark:text-zinc-400">{hint}</span>
              </span>
            </label>
          ))}
          {errors.scopes && (
            <p id={`${id}-scopes-error`} className={ERROR_CLASS}>
              {errors.scopes.message}
            </p>
          )}
        </fieldset>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-expiry`} className="text-sm font-medium">
            Expires
          </label>
          <select
            id={`${id}-expiry`}
            aria-invalid={errors.expiry ? true : undefined}
            aria-describedby={errors.expiry ? `${id}-expiry-error` : undefined}
            className="min-h-10 rounded-md border border-zinc-300 bg-white px-3 text-base dark:border-zinc-700 dark:bg-zinc-900"
            {...form.register('expiry')}
          >
            {Object.entries(EXPIRY_CHOICES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {errors.expiry && (
            <p id={`${id}-expiry-error`} className={ERROR_CLASS}>
              {errors.expiry.message}
            </p>
          )}
        </div>
        {expiry === 'custom' && (
          <TextField
            label="Last day it works"
            type="date"
            error={errors.expiry_date?.message}
            {...form.register('expiry_date')}
          />
        )}
        <Button type="submit" className="self-start" disabled={mutation.isPending}>
          {mutation.isPending ? 'Creating…' : 'Create token'}
        </Button>
      </form>
    </div>
  );
}
