import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';

import { groupQuery, updateGroup } from '../../../api/group-detail';
import { groupsQuery } from '../../../api/groups';
import type { Group } from '../../../api/types';
import { Button } from '../../../components/Button';
import { ProblemNotice } from '../../../components/ProblemNotice';
import { placeFieldErrors } from '../../../forms/field-errors';
import { showToast } from '../../../toast/toasts';
import { GroupIdentityFields } from '../GroupIdentityFields';
import { WeekdayToggles } from '../WeekdayToggles';
import { ClockTimeField } from './ClockTimeField';
import { changedSettings, SETTINGS_FIELDS, settingsOf, settingsSchema, type Settings, type SettingsInput } from './settings-schema';

export function SettingsForm({ group }: { group: Group }) {
  const mfaHintId = useId();
  const queryClient = useQueryClient();
  const [placed, setPlaced] = useState<string[]>([]);
  const form = useForm<SettingsInput, unknown, Settings>({
    resolver: zodResolver(settingsSchema),
    defaultValues: settingsOf(group),
  });
  const errors = form.formState.errors;
  const [zone, checkinTime, summaryTime] = useWatch({ control: form.control, name: ['timezone', 'checkin_time', 'summary_time'] });

  const mutation = useMutation({
    mutationFn: (settings: Settings) => updateGroup(group.id, changedSettings(group, settings)),
    onSuccess: (updated) => {
      queryClient.setQueryData(groupQuery(group.id).queryKey, updated);
      form.reset(settingsOf(updated));
      showToast('Group settings saved.');
      return queryClient.invalidateQueries({ queryKey: groupsQuery.queryKey, exact: true });
    },
    onError: (error) => setPlaced(placeFieldErrors(error, SETTINGS_FIELDS, form.setError)),
  });

  const save = (settings: Settings) => {
    if (Object.keys(changedSettings(group, settings)).length === 0) {
      showToast('Nothing to save: the settings are as they were.');
      return;
    }
    mutation.mutate(settings);
  };

  return (
    // The section's heading already says "Settings"; a second one would only repeat it.
    <form noValidate aria-label="Group settings" onSubmit={form.handleSubmit(save)} className="flex flex-col gap-4">
      {mutation.error && <ProblemNotice error={mutation.error} shownFields={placed} />}
      <GroupIdentityFields form={form} creating={false} />
      <div className="grid gap-4 sm:grid-cols-2">
        <ClockTimeField
          label="Check-in reminder"
          time={checkinTime}
          zone={zone}
          error={errors.checkin_time?.message}
          {...form.register('checkin_time')}
        />
        <ClockTimeField
          label="Daily summary"
          time={summaryTime}
          zone={zone}
          error={errors.summary_time?.message}
          {...form.register('summary_time')}
        />
      </div>
      <WeekdayToggles legend="Check-in days" registration={form.register('checkin_days')} error={errors.checkin_days?.message} />
      <div className="flex items-start gap-3">
        <input
          id={`${mfaHintId}-input`}
          type="checkbox"
          aria-describedby={mfaHintId}
          className="mt-1 size-5 shrink-0"
          {...form.register('require_admin_mfa')}
        />
        <div>
          <label htmlFor={`${mfaHintId}-input`} className="text-sm font-medium">
            Require two-step verification for admins
          </label>
          <p id={mfaHintId} className="text-sm text-zinc-600 dark:text-zinc-400">
            Admins without a second factor can still use the group, but not administer it.
          </p>
          {errors.require_admin_mfa?.message && (
            <p className="text-sm text-red-700 dark:text-red-400">{errors.require_admin_mfa.message}</p>
          )}
        </div>
      </div>
      <Button type="submit" className="self-start" disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving…' : 'Save settings'}
      </Button>
    </form>
  );
}
