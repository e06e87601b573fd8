import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';

import { createTask, tasksKey } from '../../api/tasks';
import { Button } from '../../components/Button';
import { ProblemNotice } from '../../components/ProblemNotice';
import { TextField } from '../../components/TextField';
import { placeFieldErrors } from '../../forms/field-errors';
import { idempotencyKeys } from '../../forms/idempotency';
import { newTaskSchema, type NewTask, type NewTaskInput } from '../../tasks/new-task-schema';
import { PRIORITY_LABELS, TASK_PRIORITIES } from '../../tasks/vocabulary';

const FIELDS = ['title', 'priority'] as const;

/** Adds a task to the group being viewed (or a personal one); the rest of its fields are for its panel. */
export function NewTaskForm({ groupId }: { groupId?: string | undefined }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const priorityId = useId();
  const [keys] = useState(idempotencyKeys);
  const [placed, setPlaced] = useState<string[]>([]);
  const form = useForm<NewTaskInput, unknown, NewTask>({
    resolver: zodResolver(newTaskSchema),
    defaultValues: { title: '', priority: 'none' },
  });

  const mutation = useMutation({
    mutationFn: (task: NewTask) => {
      const body = groupId ? { ...task, group_id: groupId } : task;
      return createTask(body, keys.keyFor(body));
    },
    onSuccess: () => {
      keys.settle();
      form.reset();
      return queryClient.invalidateQueries({ queryKey: tasksKey });
    },
    onError: (error) => setPlaced(placeFieldErrors(error, FIELDS, form.setError)),
  });

  return (
    <form
      noValidate
      aria-labelledby={headingId}
      onSubmit={form.handleSubmit((task) => mutation.mutate(task))}
      className="flex flex-col gap-3 rounded-md border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h2 id={headingId} className="text-base font-semibold">
        Add a task
      </h2>
      {mutation.error && <ProblemNotice error={mutation.error} shownFields={placed} />}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField
          label="Title"
          placeholder="What needs doing?"
          className="flex-1"
          error={form.formState.errors.title?.message}
          {...form.register('title')}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor={priorityId} className="text-sm font-medium">
            Priority
          </label>
          <select
            id={priorityId}
            className="min-h-10 rounded-md border border-zinc-300 bg-white px-3 dark:border-zinc-700 dark:bg-zinc-900"
            {...form.register('priority')}
          >
            {TASK_PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {PRIORITY_LABELS[priority]}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" className="sm:mt-6" disabled={mutation.isPending}>
          {mutation.isPending ? 'Adding…' : 'Add task'}
        </Button>
      </div>
    </form>
  );
}
