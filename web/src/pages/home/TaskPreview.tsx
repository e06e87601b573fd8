import { useInfiniteQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';

import { tasksQuery, type TaskFilters } from '../../api/tasks';
import { Skeleton } from '../../components/Skeleton';
import { paramsFromFilters } from '../../tasks/filters';
import { TaskItem } from '../../tasks/TaskItem';

const PREVIEW_SIZE = 5;

interface TaskPreviewProps {
  title: string;
  filters: TaskFilters;
  empty: string;
}

/** The first few tasks of a filtered list, with a link to all of them. */
export function TaskPreview({ title, filters, empty }: TaskPreviewProps) {
  const headingId = useId();
  const { data, isPending } = useInfiniteQuery(tasksQuery(filters, PREVIEW_SIZE));
  const tasks = data?.pages[0]?.items ?? [];

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <div className="flex items-baseline justify-between gap-4">
        <h2 id={headingId} className="text-lg font-semibold">
          {title}
        </h2>
        <Link
          to={{ pathname: '/tasks', search: paramsFromFilters(filters).toString() }}
          className="text-sm font-medium text-indigo-700 underline dark:text-indigo-400"
        >
          See all<span className="sr-only"> {title.toLowerCase()} tasks</span>
        </Link>
      </div>
      {isPending ? (
        <Skeleton label={`Loading ${title.toLowerCase()} tasks…`} />
      ) : tasks.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {tasks.map((task) => (
            <TaskItem key={task.id} task={task} />
          ))}
        </ul>
      )}
    </section>
  );
}
