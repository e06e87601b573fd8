import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';

import { request } from '../../api/client';
import type { components } from '../../api/schema';

type NotificationList = components['schemas']['NotificationList'];

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Recent activity that concerns the viewer: where they were mentioned. */
export function RecentMentions() {
  const id = useId();
  const notifications = useQuery({
    queryKey: ['me', 'notifications'],
    queryFn: ({ signal }) => request<NotificationList>('/api/v1/me/notifications', { signal }),
    // A side panel of home: its failure is not the page's.
    throwOnError: false,
  });
  const items = (notifications.data?.items ?? []).slice(0, 8);
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-lg font-semibold">
        Recent mentions
      </h2>
      {items.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{notifications.isPending ? 'Loading…' : 'Nobody mentioned you lately.'}</p>
      ) : (
        <ul className="flex flex-col gap-2 text-sm">
          {items.map((n) => (
            <li key={n.id} className={n.read_at ? '' : 'font-medium'}>
              {n.task_id ? <Link to={`/tasks?task=${n.task_id}`} className="hover:underline">You were mentioned in a comment</Link> : 'You were mentioned'}{' '}
              <time dateTime={n.created_at} className="text-xs font-normal text-zinc-600 dark:text-zinc-400">
                {when.format(new Date(n.created_at))}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
