import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { useForm } from 'react-hook-form';

import { updateProfile } from '../../../api/account';
import { meQuery } from '../../../api/me';
import type { User } from '../../../api/types';
import { Button } from '../../../components/Button';
import { ProblemNotice } from '../../../components/ProblemNotice';
import { TextField } from '../../../components/TextField';
import { placeFieldErrors } from '../../../forms/field-errors';
import { showToast } from '../../../toast/toasts';
import { profileSchema } from './profile-schema';
import { timeZoneChoices, viewerZone } from '../../../time/zones';

const FIELDS = ['display_name', 'timezone'] as const;

export function ProfileForm({ me }: { me: User }) {
  const listId = useId();
  const queryClient = useQueryClient();
  const zones = useMemo(() => timeZoneChoices(me.timezone), [me.timezone]);
  const schema = useMemo(() => profileSchema(zones), [zones]);
  const form = useForm({
    resolver: zodResolver(schema),
    defaultValues: { display_name: me.display_name, timezone: me.timezone },
  });
  const mutation = useMutation({
    mutationFn: updateProfile,
    onSuccess: async (user) => {
      queryClient.setQueryData(meQuery.queryKey, user);
      form.reset({ display_name: user.display_name, timezone: user.timezone });
      showToast('Profile saved.');
      // Due dates and "overdue" are computed in the owner's zone: everything shown may have moved.
      if (user.timezone !== me.timezone) {
        await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
      }
    },
    onError: (error) => placeFieldErrors(error, FIELDS, form.setError),
  });
  const { errors } = form.formState;
  const device = viewerZone();

  return (
    <form noValidate onSubmit={form.handleSubmit((values) => mutation.mutate(values))} className="flex flex-col gap-4">
      {mutation.error && <ProblemNotice error={mutation.error} shownFields={FIELDS} />}
      <TextField
        label="Display name"
        hint="How other people in your groups see you."
        autoComplete="name"
        error={errors.display_name?.message}
        {...form.register('display_name')}
      />
      <div className="flex flex-col gap-2">
        <TextField
          label="Time zone"
          hint="Due dates and reminders follow this zone. Type to search, like “Berlin”."
          list={zones.length > 0 ? listId : undefined}
          autoComplete="off"
          spellCheck={false}
          error={errors.timezone?.message}
          {...form.register('timezone')}
        />
        {zones.length > 0 && (
          <datalist id={listId}>
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        )}
        {device && device !== form.watch('timezone') && (
          <Button
            variant="ghost"
            className="self-start"
            onClick={() => form.setValue('timezone', device, { shouldDirty: true, shouldValidate: true })}
          >
            Use this device’s zone ({device})
          </Button>
        )}
      </div>
      <Button type="submit" className="self-start" disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving…' : 'Save profile'}
      </Button>
    </form>
  );
}
