// Labels for the API's task enums. Typed as complete records, so a status or priority added
// to the API fails the build here until it has a label.
import type { TaskPriority, TaskStatus } from '../api/types';

export const STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const PRIORITY_LABELS: Readonly<Record<TaskPriority, string>> = {
  urgent: 'Urgent',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'No priority',
};

export const TASK_STATUSES = Object.keys(STATUS_LABELS) as TaskStatus[];
export const TASK_PRIORITIES = Object.keys(PRIORITY_LABELS) as TaskPriority[];
