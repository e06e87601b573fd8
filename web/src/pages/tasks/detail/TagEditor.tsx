import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';

import { tagSuggestions } from '../../../api/members';
import type { Task } from '../../../api/types';
import type { useTaskUpdate } from './use-task-update';

const MAX_TAGS = 20;

/** Tags as removable chips, and a field that adds one (Enter or comma) with suggestions. */
export function TagEditor({ task, update }: { task: Task; update: ReturnType<typeof useTaskUpdate> }) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const typed = draft.trim();
  const suggestions = useQuery({
    queryKey: ['tags', task.group_id ?? 'personal', typed],
    queryFn: ({ signal }) => tagSuggestions(task.group_id, typed, signal),
    enabled: typed.length > 0,
    staleTime: 30_000,
  });
  const has = (name: string) => task.tags.some((t) => t.toLowerCase() === name.toLowerCase());
  const offered = (suggestions.data?.items ?? []).filter((tag) => !has(tag.name)).slice(0, 6);

  const add = (name: string) => {
    const tag = name.trim();
    setDraft('');
    if (!tag || has(tag)) return;
    update.mutate({ tags: [...task.tags, tag] });
  };

  return (
    <div className="grid grid-cols-[7rem_1fr] items-start gap-2">
      <label htmlFor={id} className="pt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Tags
      </label>
      <div className="flex flex-col gap-2">
        {task.tags.length > 0 && (
          <ul aria-label="Tags" className="flex flex-wrap gap-1 px-2 pt-1">
            {task.tags.map((tag) => (
              <li key={tag} className="flex items-center gap-1 rounded-full bg-zinc-100 py-0.5 pr-1 pl-2 text-xs dark:bg-zinc-800">
                {tag}
                <button type="button" className="rounded-full px-1" onClick={() => update.mutate({ tags: task.tags.filter((t) => t !== tag) })}>
                  <span aria-hidden="true">×</span>
                  <span className="sr-only">Remove tag {tag}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {task.tags.length < MAX_TAGS && (
          <>
            <input
              id={id}
              value={draft}
              list={`${id}-suggestions`}
              placeholder="Add a tag"
              autoComplete="off"
              onChange={(event) => {
                const value = event.target.value;
                if (value.endsWith(',')) add(value.slice(0, -1));
                else setDraft(value);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  add(draft);
                }
              }}
              className="min-h-9 rounded-md border border-zinc-300 bg-transparent px-2 text-sm dark:border-zinc-700"
            />
            {/* A datalist keeps the suggestions native: keyboard and screen reader friendly. */}
            <datalist id={`${id}-suggestions`}>
              {offered.map((tag) => (
                <option key={tag.id} value={tag.name} />
              ))}
            </datalist>
          </>
        )}
      </div>
    </div>
  );
}
