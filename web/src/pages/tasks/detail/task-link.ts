import { useCallback } from 'react';
import { useLocation } from 'react-router';

/**
 * Links that open a task in the side panel while keeping the page under it (its filters,
 * view and search) as it is: the panel is the `task` parameter of the current address.
 */
export function useTaskLink(): (taskId: string | null) => string {
  const { pathname, search } = useLocation();
  // The same function until the address changes, so the cards and rows given it as a prop
  // do not render again for nothing.
  return useCallback(
    (taskId) => {
      const params = new URLSearchParams(search);
      if (taskId) params.set('task', taskId);
      else params.delete('task');
      const query = params.toString();
      const path = pathname.startsWith('/tasks') ? pathname : '/tasks';
      return query ? `${path}?${query}` : path;
    },
    [pathname, search],
  );
}
