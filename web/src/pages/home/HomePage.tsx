import { useQuery } from '@tanstack/react-query';

import { meQuery } from '../../api/me';
import { NO_FILTERS } from '../../tasks/filters';
import { TaskPreview } from './TaskPreview';

export function HomePage() {
  const { data: me } = useQuery(meQuery);
  return (
    <div className="flex max-w-3xl flex-col gap-8">
      <title>Home · Dayline</title>
      <h1 className="text-2xl font-semibold">{me ? `Welcome back, ${me.display_name}` : 'Home'}</h1>
      <TaskPreview
        title="Overdue"
        filters={{ ...NO_FILTERS, overdue: true }}
        empty="Nothing is overdue."
      />
      <TaskPreview
        title="In progress"
        filters={{ ...NO_FILTERS, status: ['in_progress'] }}
        empty="Nothing is in progress."
      />
    </div>
  );
}
