import type { AuditEntry } from '../../../api/group-types';
import { formatInstant } from '../format';

/** Details as compact `key: value` pairs; they vary by action, so they are shown as sent. */
function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object') return String(details);
  return Object.entries(details as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

export function AuditEntryItem({ entry, actorName }: { entry: AuditEntry; actorName: string }) {
  const details = detailsText(entry.details);
  return (
    <li className="flex flex-col gap-1 p-3 text-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <span className="font-mono font-medium break-all">{entry.action}</span>
        <time dateTime={entry.occurred_at} className="text-xs text-zinc-600 dark:text-zinc-400">
          {formatInstant(entry.occurred_at)}
        </time>
      </div>
      <p className="text-zinc-700 dark:text-zinc-300">
        By {actorName} · on {entry.target_type}
        {entry.actor_ip && <span className="text-zinc-600 dark:text-zinc-400"> · from {entry.actor_ip}</span>}
      </p>
      {details && <p className="font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">{details}</p>}
    </li>
  );
}
