import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../../components/Button';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';

import { groupKey } from '../../../api/group-detail';
import { deleteGroup } from '../../../api/group-lifecycle';
import { groupsQuery } from '../../../api/groups';
import { ProblemError } from '../../../api/problem';
import { mfaStatusQuery } from '../../../api/settings-mfa';
import type { Group } from '../../../api/types';
import { SecondFactorCodeField } from '../../../auth/SecondFactorCodeField';
import { Loading } from '../../../components/Loading';
import { ProblemNotice } from '../../../components/ProblemNotice';
import { TextField } from '../../../components/TextField';
import { proveSecondFactor } from '../../../step-up/prove';
import { METHOD_LABELS, stepUpMethods, type StepUpMethod } from '../../../step-up/step-up-methods';
import { showToast } from '../../../toast/toasts';
import { deleteSchema, type DeleteInput, type DeleteValues } from './delete-schema';

const CODE_LABELS = { totp: 'Code from your authenticator app', backup_code: 'Backup code' } as const;

// The step-up answers about these when the factor is wrong.
const FACTOR_FIELDS = ['code', 'backup_code'];

interface DeleteGroupFormProps {
  group: Group;
  /** Super admins can still see, and restore, the deleted group. */
  staysVisible: boolean;
}

/** Asks for the group's name and a second factor the account has and this browser can use. */
export function DeleteGroupForm(props: DeleteGroupFormProps) {
  const status = useQuery({ ...mfaStatusQuery, throwOnError: false });
  if (status.isPending) return <Loading label="Checking your second factors…" />;
  if (status.isError) return <ProblemNotice error={status.error} />;
  const methods = stepUpMethods(status.data);
  const [suggested] = methods;
  if (!suggested) {
    return (
      <p className="text-sm">
        Deleting a group needs a second factor, and your account has none this browser can use. Set up an authenticator
        app or a passkey first.
      </p>
    );
  }
  return <DeleteWithFactor {...props} methods={methods} suggested={suggested} />;
}

interface FactorChoice {
  methods: StepUpMethod[];
  suggested: StepUpMethod;
}

function DeleteWithFactor({ group, staysVisible, methods, suggested }: DeleteGroupFormProps & FactorChoice) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const schema = useMemo(() => deleteSchema(group.name), [group.name]);
  const form = useForm<DeleteInput, unknown, DeleteValues>({
    resolver: zodResolver(schema),
    defaultValues: { confirmName: '', method: suggested, code: '' },
  });
  const method = useWatch({ control: form.control, name: 'method' });
  const errors = form.formState.errors;

  const mutation = useMutation({
    mutationFn: async ({ method, code }: DeleteValues) => {
      await proveSecondFactor(method, code);
      await deleteGroup(group.id);
    },
    onSuccess: async () => {
      showToast(`“${group.name}” deleted. A super admin can restore it within 30 days.`);
      if (staysVisible) {
        await queryClient.invalidateQueries({ queryKey: groupKey(group.id) });
      } else {
        await navigate('/groups');
        queryClient.removeQueries({ queryKey: groupKey(group.id) });
      }
      await queryClient.invalidateQueries({ queryKey: groupsQuery.queryKey, exact: true });
    },
    onError: (error) => {
      const wrongFactor = error instanceof ProblemError && error.fieldErrors.find((e) => FACTOR_FIELDS.includes(e.field));
      if (wrongFactor) form.setError('code', { type: 'server', message: wrongFactor.message });
    },
  });

  const shownFields = errors.code?.type === 'server' ? FACTOR_FIELDS : [];

  return (
    <form
      noValidate
      aria-label={`Delete ${group.name}`}
      onSubmit={form.handleSubmit((values) => mutation.mutate(values))}
      className="flex flex-col gap-4"
    >
      {mutation.error && <ProblemNotice error={mutation.error} shownFields={shownFields} />}
      <TextField
        label={`Type “${group.name}” to confirm`}
        autoComplete="off"
        spellCheck={false}
        error={errors.confirmName?.message}
        {...form.register('confirmName')}
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Confirm it is you with</legend>
        <div className="flex flex-wrap gap-x-4">
          {methods.map((option) => (
            <label key={option} className="flex min-h-10 items-center gap-2 text-sm">
              <input type="radio" value={option} className="size-4" {...form.register('method')} />
              {METHOD_LABELS[option]}
            </label>
          ))}
        </div>
      </fieldset>
      {method === 'webauthn' ? (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">Your browser will ask for the passkey you saved for Dayline.</p>
      ) : (
        <SecondFactorCodeField
          key={method}
          factor={method}
          label={CODE_LABELS[method]}
          error={errors.code?.message}
          {...form.register('code')}
        />
      )}
      <Button variant="danger" type="submit" className="self-start" disabled={mutation.isPending}>
        {mutation.isPending ? 'Deleting…' : 'Delete group'}
      </Button>
    </form>
  );
}
