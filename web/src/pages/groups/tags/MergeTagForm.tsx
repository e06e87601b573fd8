import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';

import { mergeTag, tagsKey } from '../../../api/group-tags';
import { tasksKey } from '../../../api/tasks';
import type { Tag } from '../../../api/types';
import { Button } from '../../../components/Button';
import { ProblemNotice } from '../../../components/ProblemNotice';
import { placeFieldErrors } from '../../../forms/field-errors';
import { showToast } from '../../../toast/toasts';
import { SelectField } from '../../../components/SelectField';
import { mergeTagSchema, type MergeTag } from './tag-schemas';

const FIELDS = ['into'] as const;

/** Folds a tag into another of the group: its tasks get the other one, and it is deleted. */
export function MergeTagForm({ tag, others, onDone }: { tag: Tag; others: readonly Tag[]; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [placed, setPlaced] = useState<string[]>([]);
  const form = useForm<MergeTag>({ resolver: zodResolver(mergeTagSchema), defaultValues: { into: '' } });
  const intoId = useWatch({ control: form.control, name: 'into' });
  const into = others.find((other) => other.id === intoId);

  const mutation = useMutation({
    mutationFn: ({ into }: MergeTag) => mergeTag(tag.id, into),
    onSuccess: async (kept) => {
      showToast(`Merged “${tag.name}” into “${kept.name}”.`);
      onDone();
      await queryClient.invalidateQueries({ queryKey: tagsKey });
      await queryClient.invalidateQueries({ queryKey: tasksKey });
    },
    onError: (error) => setPlaced(placeFieldErrors(error, FIELDS, form.setError)),
  });

  const options = [{ value: '', label: 'Choose a tag…' }, ...others.map((other) => ({ value: other.id, label: other.name }))];

  return (
    <form
      noValidate
      aria-label={`Merge tag ${tag.name}`}
      onSubmit={form.handleSubmit((values) => mutation.mutate(values))}
      className="flex w-full flex-col gap-3"
    >
      {mutation.error && <ProblemNotice error={mutation.error} shownFields={placed} />}
      <SelectField label={`Merge “${tag.name}” into`} options={options} error={form.formState.errors.into?.message} {...form.register('into')} />
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        {into
          ? `The ${tag.uses === 1 ? 'task' : `${tag.uses} tasks`} tagged “${tag.name}” get “${into.name}” instead, and “${tag.name}” is deleted. This cannot be undone.`
          : 'Only tags listed here can be chosen; search above to list others.'}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? 'Merging…' : 'Merge tags'}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
