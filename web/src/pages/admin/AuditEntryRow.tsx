import { useId, useState } from 'react';
import { Link } from 'react-router';

import type { AuditEntry } from '../../api/admin';
import { Button } from '../../components/Button';
import { formatPreciseInstant } from './formats';
import { CODE_BLOCK, MUTED } from './styles';

const CELL = 'px-3 py-2 align-top';
const ID = 'font-mono text-xs break-all';

interface AuditEntryRowProps {
  entry: AuditEntry;
  /** The current address with the actor filter set to `actorId`. */
  actorHref: (actorId: string) => string;
}

/** One audit entry as a table row, with its details (the JSON the server stored) on request. */
export function AuditEntryRow({ entry, actorHref }: AuditEntryRowProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const facts: [string, string | null | undefined][] = [
    ['Target id', entry.target_id],
    ['Group id', entry.group_id],
    ['IP address', entry.actor_ip],
    ['User agent', entry.user_agent],
    ['Request id', entry.request_id],
    ['Entry id', entry.id],
  ];
  return (
    <>
      <tr>
        <td className={`${CELL} whitespace-nowrap`}>
          <time dateTime={entry.occurred_at}>{formatPreciseInstant(entry.occurred_at)}</time>
        </td>
        <td className={`${CELL} font-mono text-xs`}>{entry.action}</td>
        <td className={CELL}>
          {entry.actor_id ? (
            <Link
              to={actorHref(entry.actor_id)}
              className={`${ID} text-indigo-700 underline dark:text-indigo-400`}
              title="Only this actor's entries"
            >
              {entry.actor_id}
            </Link>
          ) : (
            <span className={MUTED}>System</span>
          )}
        </td>
        <td className={`${CELL} text-xs`}>{entry.target_type}</td>
        <td className={CELL}>
          <Button variant="ghost" className="min-h-8 px-2" aria-expanded={open} aria-controls={open ? `${id}-details` : undefined} onClick={() => setOpen((shown) => !shown)}>
            {open ? 'Hide' : 'Details'}
            <span className="sr-only">
              {' '}
              of {entry.action} at {formatPreciseInstant(entry.occurred_at)}
            </span>
          </Button>
        </td>
      </tr>
      {open && (
        <tr id={`${id}-details`} className="bg-zinc-50 dark:bg-zinc-900">
          <td colSpan={5} className="px-3 py-3">
            <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
              {facts
                .filter(([, value]) => value)
                .map(([term, value]) => (
                  <div key={term} className="contents">
                    <dt className={MUTED}>{term}</dt>
                    <dd className={ID}>{value}</dd>
                  </div>
                ))}
            </dl>
            <pre aria-label="Details as JSON" className={`${CODE_BLOCK} mt-3`}>
              {JSON.stringify(entry.details, null, 2)}
            </pre>
          </td>
        </tr>
      )}
    </>
  );
}
