import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { groupTagsQuery } from '../../../api/group-tags';
import type { Group } from '../../../api/types';
import { Loading } from '../../../components/Loading';
import { ProblemNotice } from '../../../components/ProblemNotice';
import { TextField } from '../../../components/TextField';
import { useDebounced } from '../../../hooks/use-debounced';
import { TagRow } from './TagRow';

export function TagsSection({ group }: { group: Group }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const tags = useQuery({ ...groupTagsQuery(group.id, q), placeholderData: keepPreviousData, throwOnError: false });
  const items = tags.data?.items ?? [];

  return (
    <div className="flex flex-col gap-4">
      <TextField
        label="Find tags"
        type="search"
        hint="The 20 most used are listed; type the start of a name to find others."
        autoComplete="off"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      {tags.isPending ? (
        <Loading label="Loading tags…" />
      ) : tags.error ? (
        <ProblemNotice error={tags.error} />
      ) : items.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {q ? `No tag starts with “${q}”.` : 'No tags yet: they appear here once tasks of the group carry them.'}
        </p>
      ) : (
        <ul aria-label="Tags" className="flex flex-col divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {items.map((tag) => (
            <TagRow key={tag.id} tag={tag} others={items.filter((other) => other.id !== tag.id)} />
          ))}
        </ul>
      )}
    </div>
  );
}
