import { useLocation } from 'react-router';

/**
 * Links that open a task in the side panel while keeping the page under it (its filters,
 * view and search) as it is: the panel is the `task` parameter of the current address.
 */
export function useTaskLink(): (taskId: string | null) => string {
  const location = useLocation();
  return (taskId) => {
    const params = new URLSearchParams(location.search);
    if (taskId) params.set('task', taskId);
    else params.delete('task');
    const search = params.toString();
    const path = location.pathname.startsWith('/tasks') ? location.pathname : '/tasks';
    return search ? `${path}?${search}` : path;
  };
}
