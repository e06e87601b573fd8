import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';

import { groupsQuery } from '../../api/groups';
import { Button } from '../../components/Button';
import { Loading } from '../../components/Loading';
import { GroupCard } from './GroupCard';
import { NewGroupForm } from './NewGroupForm';

export function GroupsPage() {
  const { data, isPending } = useQuery(groupsQuery);
  const formId = useId();
  const [creating, setCreating] = useState(false);
  const toggle = useRef<HTMLDivElement>(null);
  const wasCreating = useRef(false);

  useEffect(() => {
    // A closed form takes the focus with it: hand it back to the button that opened it.
    if (wasCreating.current && !creating) toggle.current?.querySelector('button')?.focus();
    wasCreating.current = creating;
  }, [creating]);

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <title>Groups · Dayline</title>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Groups</h1>
        <div ref={toggle}>
          <Button aria-expanded={creating} aria-controls={formId} onClick={() => setCreating((open) => !open)}>
            New group
          </Button>
        </div>
      </div>
      <div id={formId} className="contents">{creating && <NewGroupForm onDone={() => setCreating(false)} />}</div>
      {isPending ? (
        <Loading label="Loading groups…" />
      ) : !data?.items.length ? (
        <p className="text-zinc-600 dark:text-zinc-400">
          You are not in a group yet. A group admin can invite you, or start one with “New group”.
        </p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {data.items.map((group) => (
            <GroupCard key={group.id} group={group} />
          ))}
        </ul>
      )}
    </div>
  );
}
