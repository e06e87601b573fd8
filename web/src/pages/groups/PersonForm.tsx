import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';

import { Button } from '../../components/Button';
import { ProblemNotice } from '../../components/ProblemNotice';
import { TextField } from '../../components/TextField';
import { placeFieldErrors } from '../../forms/field-errors';
import { personSchema, type Person, type PersonInput } from './group-fields';
import { GROUP_ROLES, ROLE_LABELS } from './roles';
import { SelectField } from '../../components/SelectField';

const FIELDS = ['email', 'role'] as const;
const ROLE_OPTIONS = GROUP_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

interface PersonFormProps {
  heading: string;
  hint: string;
  submitLabel: string;
  pendingLabel: string;
  send: (person: Person) => Promise<unknown>;
  onSent: (person: Person) => Promise<unknown> | void;
}

/** An e-mail address and a role: what adding a member and inviting someone both ask for. */
export function PersonForm({ heading, hint, submitLabel, pendingLabel, send, onSent }: PersonFormProps) {
  const headingId = useId();
  const [placed, setPlaced] = useState<string[]>([]);
  const form = useForm<PersonInput, unknown, Person>({
    resolver: zodResolver(personSchema),
    defaultValues: { email: '', role: 'member' },
  });
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: (_, person) => {
      form.reset();
      return onSent(person);
    },
    onError: (error) => setPlaced(placeFieldErrors(error, FIELDS, form.setError)),
  });

  return (
    <form
      noValidate
      aria-labelledby={headingId}
      onSubmit={form.handleSubmit((person) => mutation.mutate(person))}
      className="flex flex-col gap-3 rounded-md border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <div>
        <h3 id={headingId} className="text-base font-semibold">
          {heading}
        </h3>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{hint}</p>
      </div>
      {mutation.error && <ProblemNotice error={mutation.error} shownFields={placed} />}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField
          label="E-mail address"
          type="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          className="flex-1"
          error={form.formState.errors.email?.message}
          {...form.register('email')}
        />
        <SelectField label="Role" options={ROLE_OPTIONS} error={form.formState.errors.role?.message} {...form.register('role')} />
        <Button type="submit" className="sm:mt-6" disabled={mutation.isPending}>
          {mutation.isPending ? pendingLabel : submitLabel}
        </Button>
      </div>
    </form>
  );
}
