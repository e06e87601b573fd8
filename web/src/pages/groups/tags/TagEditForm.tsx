import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';

import { tagsKey, updateTag } from '../../../api/group-tags';
import type { UpdateTagRequest } from '../../../api/group-types';
import { tasksKey } from '../../../api/tasks';
import type { Tag } from '../../../api/types';
import { Button } from '../../../components/Button';
import { ProblemNotice } from '../../../components/ProblemNotice';
import { TextField } from '../../../components/TextField';
import { placeFieldErrors } from '../../../forms/field-errors';
import { showToast } from '../../../toast/toasts';
import { tagEditSchema, type TagEdit, type TagEditInput } from './tag-schemas';

const FIELDS = ['name', 'color'] as const;

/** Renames or recolours a tag; every task carrying it shows the change. */
export function TagEditForm({ tag, onDone }: { tag: Tag; onDone: () => void }) {
  const colorId = useId();
  const queryClient = useQueryClient();
  const [placed, setPlaced] = useState<string[]>([]);
  const form = useForm<TagEditInput, unknown, TagEdit>({
    resolver: zodResolver(tagEditSchema),
    defaultValues: { name: tag.name, color: tag.color },
  });
  const errors = form.formState.errors;

  const mutation = useMutation({
    mutationFn: (changes: UpdateTagRequest) => updateTag(tag.id, changes),
    onSuccess: async (updated) => {
      showToast(`Tag “${updated.name}” saved.`);
      onDone();
      await queryClient.invalidateQueries({ queryKey: tagsKey });
      await queryClient.invalidateQueries({ queryKey: tasksKey });
    },
    onError: (error) => setPlaced(placeFieldErrors(error, FIELDS, form.setError)),
  });

  const save = ({ name, color }: TagEdit) => {
    // Only what changed: a rename to the same name would be refused as taken by a sibling
    // spelled differently, and there is nothing to tell the tasks.
    const changes: UpdateTagRequest = {
      ...(name !== tag.name && { name }),
      ...(color !== tag.color.toLowerCase() && { color }),
    };
    if (Object.keys(changes).length === 0) onDone();
    else mutation.mutate(changes);
  };

  return (
    <form noValidate aria-label={`Edit tag ${tag.name}`} onSubmit={form.handleSubmit(save)} className="flex w-full flex-col gap-3">
      {mutation.error && <ProblemNotice error={mutation.error} shownFields={placed} />}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField label="Name" autoComplete="off" className="flex-1" error={errors.name?.message} {...form.register('name')} />
        <div className="flex flex-col gap-1">
          <label htmlFor={colorId} className="text-sm font-medium">
            Colour
          </label>
          <input
            id={colorId}
            type="color"
            aria-invalid={errors.color ? true : undefined}
            aria-describedby={errors.color ? `${colorId}-error` : undefined}
            className="h-10 w-16 cursor-pointer rounded-md border border-zinc-300 bg-white p-1 dark:border-zinc-700 dark:bg-zinc-900"
            {...form.register('color')}
          />
          {errors.color && (
            <p id={`${colorId}-error`} className="text-sm text-red-700 dark:text-red-400">
              {errors.color.message}
            </p>
          )}
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Save tag'}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
