/** Where a group's tasks are shown as a board. */
export function boardPath(groupId: string): string {
  return `/tasks?${new URLSearchParams({ view: 'board', group: groupId }).toString()}`;
}

export function groupPath(groupId: string, tab?: string): string {
  return tab ? `/groups/${groupId}?tab=${tab}` : `/groups/${groupId}`;
}

export const LINK = 'font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-400';
