import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';

import { addRelation, relationsKey, relationsQuery, removeRelation, searchTasks } from '../../../api/task';
import type { RelationKind, Task } from '../../../api/types';
import { ProblemNotice } from '../../../components/ProblemNotice';
import { useDebounced } from '../../../hooks/use-debounced';
import { STATUS_LABELS } from '../../../tasks/vocabulary';
import { SECTION_HEADING } from './field-styles';
import { useTaskLink } from './task-link';

const KIND_LABELS: Readonly<Record<RelationKind, string>> = {
  blocks: 'Blocks',
  blocked_by: 'Blocked by',
  relates_to: 'Relates to',
  duplicates: 'Duplicates',
  duplicated_by: 'Duplicated by',
};

/** Relations to other tasks, read from this one, and a search to add one. */
export function RelationList({ task }: { task: Task }) {
  const id = useId();
  const queryClient = useQueryClient();
  const linkTo = useTaskLink();
  const relations = useQuery(relationsQuery(task.id));
  const [kind, setKind] = useState<RelationKind>('relates_to');
  const [q, setQ] = useState('');
  const settled = useDebounced(q.trim());
  const found = useQuery({
    queryKey: ['search', settled],
    queryFn: ({ signal }) => searchTasks(settled, signal, 8),
    enabled: settled.length >= 2,
  });
  const changed = () => queryClient.invalidateQueries({ queryKey: relationsKey(task.id) });
  const add = useMutation({
    mutationFn: (otherId: string) => addRelation(task.id, kind, otherId),
    onSuccess: () => {
      setQ('');
      return changed();
    },
  });
  const remove = useMutation({ mutationFn: (relationId: string) => removeRelation(task.id, relationId), onSuccess: changed });
  const related = new Set((relations.data?.items ?? []).map((r) => r.task_id));
  const candidates = (found.data?.items ?? []).filter((t) => t.id !== task.id && !related.has(t.id));

  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-2">
      <h3 id={`${id}-heading`} className={SECTION_HEADING}>
        Related tasks
      </h3>
      {(relations.data?.items.length ?? 0) > 0 && (
        <ul className="flex flex-col gap-1">
          {relations.data!.items.map((relation) => (
            <li key={relation.id} className="flex items-center gap-2 text-sm">
              <span className="w-24 shrink-0 text-xs text-zinc-600 dark:text-zinc-400">{KIND_LABELS[relation.kind]}</span>
              <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{relation.key}</span>
              <Link to={linkTo(relation.task_id)} className="flex-1 hover:underline">
                {relation.title}
              </Link>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">{STATUS_LABELS[relation.status]}</span>
              <button type="button" className="rounded px-1 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800" onClick={() => remove.mutate(relation.id)}>
                <span aria-hidden="true">×</span>
                <span className="sr-only">
                  Remove relation to {relation.key}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-col gap-2 sm:flex-row">
        <label className="sr-only" htmlFor={`${id}-kind`}>
          Relation
        </label>
        <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as RelationKind)} className="min-h-9 rounded-md border border-zinc-300 bg-transparent px-2 text-sm dark:border-zinc-700">
          {(Object.keys(KIND_LABELS) as RelationKind[]).map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor={`${id}-q`}>
          Find a task to relate
        </label>
        <input id={`${id}-q`} type="search" value={q} placeholder="Find a task to relate…" onChange={(event) => setQ(event.target.value)} className="min-h-9 flex-1 rounded-md border border-zinc-300 bg-transparent px-2 text-sm dark:border-zinc-700" />
      </div>
      {candidates.length > 0 && (
        <ul aria-label="Matching tasks" className="flex flex-col rounded-md border border-zinc-200 dark:border-zinc-800">
          {candidates.map((candidate) => (
            <li key={candidate.id}>
              <button type="button" className="flex w-full gap-2 px-3 py-1.5 text-left text-sm hover:bg-zinc-50 dark:hover:bg-zinc-900" onClick={() => add.mutate(candidate.id)}>
                <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{candidate.key}</span>
                {candidate.title}
              </button>
            </li>
          ))}
        </ul>
      )}
      {(add.error ?? remove.error) && <ProblemNotice error={add.error ?? remove.error} />}
    </section>
  );
}
