import type { Task } from '../api/types';

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const instantFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** When a task is due, for people: a day as the calendar day it names, an instant in local time. */
export function dueLabel(task: Pick<Task, 'due_date' | 'due_at'>): string | undefined {
  // A due day is a calendar day, not an instant: format it in UTC so no zone shifts it.
  if (task.due_date) return dayFormat.format(new Date(`${task.due_date}T00:00:00Z`));
  if (task.due_at) return instantFormat.format(new Date(task.due_at));
  return undefined;
}
