import { describe, expect, it } from 'vitest';

import { task } from '../test/factories';
import { dropIndex, moveRequest, placeIn } from './board-moves';

const a = task({ id: 'a', title: 'A', group_id: 'g1' });
const b = task({ id: 'b', title: 'B', group_id: 'g2' });
const c = task({ id: 'c', title: 'C', group_id: 'g1' });
const moved = task({ id: 'm', title: 'Moved', group_id: 'g1' });

describe('board moves', () => {
  it('places a card between its neighbours of the same group', () => {
    // Dropped between B (another group) and C: after A, before C.
    expect(moveRequest([a, b, c], 2, moved, 'in_progress')).toEqual({ status: 'in_progress', after_id: 'a', before_id: 'c' });
    expect(moveRequest([a, b, c], 0, moved, 'todo')).toEqual({ status: 'todo', after_id: null, before_id: 'a' });
    expect(moveRequest([a, b, c], 3, moved, 'done')).toEqual({ status: 'done', after_id: 'c', before_id: null });
    expect(moveRequest([], 0, moved, 'done')).toEqual({ status: 'done', after_id: null, before_id: null });
  });

  it('finds the drop slot from the pointer and the cards’ centres', () => {
    expect(dropIndex([10, 30, 50], 5)).toBe(0);
    expect(dropIndex([10, 30, 50], 31)).toBe(2);
    expect(dropIndex([10, 30, 50], 90)).toBe(3);
  });

  it('moves a card within its column without duplicating it', () => {
    expect(placeIn([a, moved, c], moved, 2).map((t) => t.id)).toEqual(['a', 'c', 'm']);
    expect(placeIn([a, c], moved, 0).map((t) => t.id)).toEqual(['m', 'a', 'c']);
  });
});
