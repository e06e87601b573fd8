import { useId } from 'react';

import type { AuditEntry } from '../../api/admin';
import { AuditEntryRow } from './AuditEntryRow';

const HEAD = 'px-3 py-2 text-left text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400';

interface AuditTableProps {
  entries: readonly AuditEntry[];
  actorHref: (actorId: string) => string;
}

/** Newest first. Narrow screens scroll the table sideways; the region takes the keyboard too. */
export function AuditTable({ entries, actorHref }: AuditTableProps) {
  const id = useId();
  return (
    // Relative, so screen-reader-only text in the cells (positioned absolutely) scrolls with
    // the table instead of widening the page beside it.
    <div
      role="region"
      aria-labelledby={`${id}-caption`}
      tabIndex={0}
      className="relative overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800"
    >
      <table className="w-full min-w-[44rem] text-sm">
        <caption id={`${id}-caption`} className="sr-only">
          Audit entries, newest first
        </caption>
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            <th scope="col" className={HEAD}>
              When
            </th>
            <th scope="col" className={HEAD}>
              Action
            </th>
            <th scope="col" className={HEAD}>
              Actor
            </th>
            <th scope="col" className={HEAD}>
              Target
            </th>
            <th scope="col" className={HEAD}>
              <span className="sr-only">Details</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {entries.map((entry) => (
            <AuditEntryRow key={entry.id} entry={entry} actorHref={actorHref} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
