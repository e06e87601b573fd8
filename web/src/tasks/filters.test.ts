import { describe, expect, it } from 'vitest';

import type { TaskFilters } from '../api/tasks';
import { filtersFromParams, paramsFromFilters } from './filters';

describe('task filters in the URL', () => {
  it('read known values in a stable order and drop the rest', () => {
    const filters = filtersFromParams(new URLSearchParams('status=done,bogus,todo&priority=high&overdue=true'));
    expect(filters).toEqual({ status: ['todo', 'done'], priority: ['high'], overdue: true });
  });

  it('are empty when the URL names none', () => {
    expect(filtersFromParams(new URLSearchParams())).toEqual({ status: [], priority: [], overdue: false });
  });

  it('round-trip', () => {
    const filters: TaskFilters = { status: ['in_progress'], priority: ['urgent', 'low'], overdue: false };
    const params = paramsFromFilters(filters);
    expect(params.toString()).toBe('status=in_progress&priority=urgent%2Clow');
    expect(filtersFromParams(params)).toEqual(filters);
  });
});
