import { useQuery } from '@tanstack/react-query';

import { meQuery } from '../../api/me';
import { NO_FILTERS } from '../../tasks/filters';
import { addDays, localToday } from '../../tasks/quick-add';
import { MyGroups } from './MyGroups';
import { RecentMentions } from './RecentMentions';
import { TaskPreview } from './TaskPreview';

const OPEN = { ...NO_FILTERS, status: ['todo', 'in_progress'] as const };

/** The day at a glance: what is late, what is due today and this week, groups and mentions. */
export function HomePage() {
  const { data: me } = useQuery(meQuery);
  const today = localToday();
  return (
    <div className="grid max-w-6xl gap-8 lg:grid-cols-[2fr_1fr]">
      <title>Home · Dayline</title>
      <div className="flex flex-col gap-8">
        <h1 className="text-2xl font-semibold">{me ? `Welcome back, ${me.display_name}` : 'Home'}</h1>
        <TaskPreview title="Overdue" filters={{ ...OPEN, overdue: true, sort: 'due' }} empty="Nothing is overdue." />
        <TaskPreview title="Due today" filters={{ ...OPEN, overdue: false, dueAfter: today, dueBefore: today, sort: 'due' }} empty="Nothing is due today." />
        <TaskPreview
          title="Upcoming"
          filters={{ ...OPEN, dueAfter: addDays(today, 1), dueBefore: addDays(today, 7), sort: 'due' }}
          empty="Nothing is due in the next seven days."
        />
      </div>
      <div className="flex flex-col gap-8 lg:pt-14">
        <MyGroups />
        <RecentMentions />
      </div>
    </div>
  );
}
