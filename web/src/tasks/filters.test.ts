import { describe, expect, it } from 'vitest';

import type { TaskFilters } from '../api/tasks';
import { filtersFromParams, paramsFromFilters } from './filters';

describe('task filters in the URL', () => {
  it('read known values in a stable order and drop the rest', () => {
    const filters = filtersFromParams(new URLSearchParams('status=done,bogus,todo&priority=high&overdue=true&sort=sideways&assignee=me'));
    expect(filters).toMatchObject({ status: ['todo', 'done'], priority: ['high'], overdue: true, assignee: 'me', sort: undefined });
  });

  it('are empty when the URL names none', () => {
    expect(filtersFromParams(new URLSearchParams())).toMatchObject({ status: [], priority: [], overdue: false, group: undefined, tag: undefined });
  });

  it('round-trip', () => {
    const filters: TaskFilters = {
      status: ['in_progress'],
      priority: ['urgent', 'low'],
      overdue: false,
      group: 'g1',
      assignee: 'none',
      tag: 'ops',
      sort: 'due',
      dueAfter: '2026-12-01',
      dueBefore: '2026-12-31',
      hasAttachments: true,
      archived: true,
    };
    const params = paramsFromFilters(filters);
    expect(params.toString()).toBe(
      'status=in_progress&priority=urgent%2Clow&group=g1&assignee=none&tag=ops&sort=due&due_before=2026-12-31&due_after=2026-12-01&has_attachments=true&archived=true',
    );
    expect(filtersFromParams(params)).toEqual(filters);
  });
});
