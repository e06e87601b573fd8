import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';

import { searchTasks } from '../../api/task';
import { tasksQuery } from '../../api/tasks';
import { Button } from '../../components/Button';
import { Skeleton } from '../../components/Skeleton';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useDebounced } from '../../hooks/use-debounced';
import { filtersFromParams, hasFilters, paramsFromFilters } from '../../tasks/filters';
import { TaskItem } from '../../tasks/TaskItem';
import { BoardView } from './board/BoardView';
import { TaskPanel } from './detail/TaskPanel';
import { NewTaskForm } from './NewTaskForm';
import { TaskFilterBar } from './TaskFilterBar';

type View = 'list' | 'board';

const LIST = 'divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800';

function TaskListView({ params }: { params: URLSearchParams }) {
  const filters = filtersFromParams(params);
  const { data, isPending, error, hasNextPage, fetchNextPage, isFetchingNextPage } = useInfiniteQuery(tasksQuery(filters));
  const tasks = data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-label="Tasks" aria-busy={isPending || isFetchingNextPage} className="flex flex-col gap-4">
      {isPending ? (
        <Skeleton label="Loading tasks…" rows={5} />
      ) : tasks.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">{hasFilters(filters) ? 'No tasks match these filters.' : 'No tasks yet. Add one above.'}</p>
      ) : (
        <ul className={LIST}>
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
  );
}

function SearchResults({ q }: { q: string }) {
  const settled = useDebounced(q);
  const results = useQuery({ queryKey: ['search', settled], queryFn: ({ signal }) => searchTasks(settled, signal, 50), throwOnError: false });
  const items = results.data?.items ?? [];
  return (
    <section aria-label="Search results" aria-busy={results.isFetching} className="flex flex-col gap-2">
      {results.error ? (
        <ProblemNotice error={results.error} />
      ) : results.isPending ? (
        <Skeleton label="Searching…" rows={3} />
      ) : items.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">Nothing matches “{settled}”.</p>
      ) : (
        <ul className={LIST}>
          {items.map((task) => (
            <TaskItem key={task.id} task={task} />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Tasks as a list or a board, filtered and searched. Everything shown — view, filters,
 * search, the open task — is in the address, so any state can be bookmarked and shared.
 */
export function TasksPage() {
  const searchId = useId();
  const [params, setParams] = useSearchParams();
  // One object per address, so the board's memos and query keys hold between renders.
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const view: View = params.get('view') === 'board' ? 'board' : 'list';
  const q = params.get('q') ?? '';
  const openTask = params.get('task');

  const change = (edit: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    edit(next);
    setParams(next, { replace: true });
  };
  const viewHref = (target: View) => {
    const next = new URLSearchParams(params);
    if (target === 'board') next.set('view', 'board');
    else next.delete('view');
    return `?${next.toString()}`;
  };
  const tab = (target: View) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${view === target ? 'bg-white shadow-sm dark:bg-zinc-700' : 'text-zinc-700 dark:text-zinc-300'}`;

  return (
    <div className="flex flex-col gap-6">
      <title>{view === 'board' ? 'Board · Dayline' : 'Tasks · Dayline'}</title>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Tasks</h1>
        <nav aria-label="Views" className="flex gap-1 rounded-lg bg-zinc-100 p-1 dark:bg-zinc-800">
          <Link to={viewHref('list')} aria-current={view === 'list' ? 'page' : undefined} className={tab('list')}>
            List
          </Link>
          <Link to={viewHref('board')} aria-current={view === 'board' ? 'page' : undefined} className={tab('board')}>
            Board
          </Link>
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <label htmlFor={searchId} className="sr-only">
            Search tasks
          </label>
          <input
            id={searchId}
            type="search"
            value={q}
            placeholder="Search tasks…"
            onChange={(event) =>
              change((next) => {
                if (event.target.value) next.set('q', event.target.value);
                else next.delete('q');
              })
            }
            className="min-h-10 w-64 max-w-full rounded-md border border-zinc-300 bg-white px-3 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
        </div>
      </div>
      {q.trim() ? (
        <SearchResults q={q.trim()} />
      ) : (
        <>
          {/* On the board, quick add (c) adds cards: the columns stay in view. */}
          {view === 'list' && (
            <div className="max-w-4xl">
              <NewTaskForm groupId={filters.group} />
            </div>
          )}
          <TaskFilterBar
            filters={filters}
            board={view === 'board'}
            onChange={(next) =>
              setParams(
                () => {
                  const kept = paramsFromFilters(next);
                  for (const key of ['view', 'task']) {
                    const value = params.get(key);
                    if (value) kept.set(key, value);
                  }
                  return kept;
                },
                { replace: true },
              )
            }
          />
          {view === 'board' ? <BoardView filters={filters} /> : <TaskListView params={params} />}
        </>
      )}
      {openTask && <TaskPanel taskId={openTask} />}
    </div>
  );
}
