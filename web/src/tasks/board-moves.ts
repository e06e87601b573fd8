// Board arithmetic, kept apart from the drag events so it can be tested: where a dropped
// card goes, and which of its new neighbours the server should place it between.
import type { MoveTaskRequest, Task, TaskStatus } from '../api/types';

/** Tasks share a column order only within their group (or among personal tasks). */
function sameScope(a: Task, b: Task): boolean {
  return (a.group_id ?? null) === (b.group_id ?? null);
}

/**
 * The move request for putting `moved` at `index` of `column` (which no longer holds it).
 * Only neighbours of the moved task's own scope count: on a board of several groups the
 * cards between belong to other columns' orders.
 */
export function moveRequest(column: readonly Task[], index: number, moved: Task, status: TaskStatus): MoveTaskRequest {
  const before = column.slice(0, index).reverse().find((t) => sameScope(t, moved));
  const after = column.slice(index).find((t) => sameScope(t, moved));
  return { status, after_id: before?.id ?? null, before_id: after?.id ?? null };
}

/** Where among `midpoints` (of the cards' vertical centres) a pointer at `y` drops. */
export function dropIndex(midpoints: readonly number[], y: number): number {
  const at = midpoints.findIndex((mid) => y < mid);
  return at === -1 ? midpoints.length : at;
}

/** `column` with `moved` taken out (if there) and put at `index`. */
export function placeIn(column: readonly Task[], moved: Task, index: number): Task[] {
  const rest = column.filter((t) => t.id !== moved.id);
  return [...rest.slice(0, index), moved, ...rest.slice(index)];
}
