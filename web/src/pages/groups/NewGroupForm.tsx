import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { createGroup } from '../../api/group-detail';
import { groupsQuery } from '../../api/groups';
import { Button } from '../../components/Button';
import { ProblemNotice } from '../../components/ProblemNotice';
import { placeFieldErrors } from '../../forms/field-errors';
import { showToast } from '../../toast/toasts';
import { description, groupName, optionalSlug, timezone } from './group-fields';
import { GroupIdentityFields } from './GroupIdentityFields';
import { viewerZone } from '../../time/zones';

const newGroupSchema = z.object({ name: groupName, slug: optionalSlug, description, timezone });
type NewGroupInput = z.input<typeof newGroupSchema>;
type NewGroup = z.output<typeof newGroupSchema>;

const FIELDS = ['name', 'slug', 'description', 'timezone'] as const;

/** Creates a group with its creator as admin; check-in days and times start at the server's defaults. */
export function NewGroupForm({ onDone }: { onDone: () => void }) {
  const headingId = useId();
  const queryClient = useQueryClient();
  const [placed, setPlaced] = useState<string[]>([]);
  const form = useForm<NewGroupInput, unknown, NewGroup>({
    resolver: zodResolver(newGroupSchema),
    // The creator's own zone is the likeliest; the server would pick UTC.
    defaultValues: { name: '', slug: '', description: '', timezone: viewerZone() },
  });

  const mutation = useMutation({
    mutationFn: ({ name, slug, description, timezone }: NewGroup) =>
      createGroup({ name, timezone, ...(slug && { slug }), ...(description && { description }) }),
    onSuccess: (group) => {
      showToast(`Group “${group.name}” created. You are its admin.`);
      onDone();
      return queryClient.invalidateQueries({ queryKey: groupsQuery.queryKey });
    },
    onError: (error) => setPlaced(placeFieldErrors(error, FIELDS, form.setError)),
  });

  return (
    <form
      noValidate
      aria-labelledby={headingId}
      onSubmit={form.handleSubmit((group) => mutation.mutate(group))}
      className="flex flex-col gap-4 rounded-md border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h2 id={headingId} className="text-lg font-semibold">
        New group
      </h2>
      {mutation.error && <ProblemNotice error={mutation.error} shownFields={placed} />}
      <GroupIdentityFields form={form} creating />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? 'Creating…' : 'Create group'}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
