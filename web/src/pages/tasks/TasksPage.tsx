import { useInfiniteQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';

import { tasksQuery } from '../../api/tasks';
import { Button } from '../../components/Button';
import { Loading } from '../../components/Loading';
import { ProblemNotice } from '../../components/ProblemNotice';
import { filtersFromParams, hasFilters, paramsFromFilters } from '../../tasks/filters';
import { TaskItem } from '../../tasks/TaskItem';
import { NewTaskForm } from './NewTaskForm';
import { TaskFilterBar } from './TaskFilterBar';

export function TasksPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const { data, isPending, error, hasNextPage, fetchNextPage, isFetchingNextPage } = useInfiniteQuery(
    tasksQuery(filters),
  );
  const tasks = data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <title>My tasks · Dayline</title>
      <h1 className="text-2xl font-semibold">My tasks</h1>
      <NewTaskForm />
      <TaskFilterBar filters={filters} onChange={(next) => setParams(paramsFromFilters(next), { replace: true })} />
      <section aria-label="Tasks" aria-busy={isPending || isFetchingNextPage} className="flex flex-col gap-4">
        {isPending ? (
          <Loading label="Loading tasks…" />
        ) : tasks.length === 0 ? (
          <p className="text-zinc-600 dark:text-zinc-400">
            {hasFilters(filters) ? 'No tasks match these filters.' : 'No tasks yet. Add one above.'}
          </p>
        ) : (
          <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {tasks.map((task) => (
              <TaskItem key={task.id} task={task} />
            ))}
          </ul>
        )}
        {/* Only a failed "Load more" lands here: a failed first page shows the error page. */}
        {error && data && <ProblemNotice error={error} />}
        {hasNextPage && (
          <Button variant="secondary" className="self-start" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        )}
      </section>
    </div>
  );
}
