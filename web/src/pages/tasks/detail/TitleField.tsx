import { useEffect, useState } from 'react';

import type { Task } from '../../../api/types';
import { newTaskSchema } from '../../../tasks/new-task-schema';
import type { useTaskUpdate } from './use-task-update';

/** The title, edited in place: Enter or leaving the field saves, Escape puts it back. */
export function TitleField({ task, update, headingId }: { task: Task; update: ReturnType<typeof useTaskUpdate>; headingId: string }) {
  const [draft, setDraft] = useState(task.title);
  const [error, setError] = useState<string>();
  useEffect(() => setDraft(task.title), [task.title]);

  const save = () => {
    const checked = newTaskSchema.shape.title.safeParse(draft);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    if (checked.data !== task.title) update.mutate({ title: checked.data });
  };

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={headingId} className="sr-only">
        Title
      </label>
      <textarea
        id={headingId}
        rows={1}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${headingId}-error` : undefined}
        onChange={(event) => setDraft(event.target.value.replace(/\n/g, ' '))}
        onBlur={save}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            event.currentTarget.blur();
          } else if (event.key === 'Escape') {
            event.stopPropagation();
            setDraft(task.title);
            setError(undefined);
          }
        }}
        className="field-sizing-content w-full resize-none rounded-md border border-transparent bg-transparent px-2 py-1 text-xl font-semibold hover:border-zinc-300 focus:border-zinc-400 dark:hover:border-zinc-700 aria-invalid:border-red-600"
      />
      {error && (
        <p id={`${headingId}-error`} className="px-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
