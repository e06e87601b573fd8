// Keeping every cached copy of a task in step: its own entry and each list or board page
// that shows it, so a change made in the side panel shows on the board at once.
import type { InfiniteData, QueryClient } from '@tanstack/react-query';

import { taskKey } from '../api/task';
import { tasksKey } from '../api/tasks';
import type { Task, TaskList } from '../api/types';

type Pages = InfiniteData<TaskList>;

function mapPages(data: Pages | undefined, change: (items: Task[]) => Task[]): Pages | undefined {
  if (!data) return data;
  return { ...data, pages: data.pages.map((page) => ({ ...page, items: change(page.items) })) };
}

/** Puts `task` wherever it is cached (lists keep their order; the next fetch re-sorts). */
export function storeTask(queryClient: QueryClient, task: Task): void {
  queryClient.setQueryData(taskKey(task.id), task);
  queryClient.setQueriesData<Pages>({ queryKey: tasksKey }, (data) =>
    mapPages(data, (items) => items.map((item) => (item.id === task.id ? task : item))),
  );
}

/** What every cached list looks like now, to put back if an optimistic change fails. */
export function snapshotLists(queryClient: QueryClient) {
  return queryClient.getQueriesData<Pages>({ queryKey: tasksKey });
}

export function restoreLists(queryClient: QueryClient, snapshot: ReturnType<typeof snapshotLists>): void {
  for (const [key, data] of snapshot) queryClient.setQueryData(key, data);
}

export function updateLists(queryClient: QueryClient, change: (items: Task[]) => Task[]): void {
  queryClient.setQueriesData<Pages>({ queryKey: tasksKey }, (data) => mapPages(data, change));
}
