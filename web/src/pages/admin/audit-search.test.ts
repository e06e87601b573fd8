import { describe, expect, it } from 'vitest';

import { auditFiltersFor, auditSearchFromParams, NO_AUDIT_SEARCH, paramsFromAuditSearch } from './audit-search';

const ID = '0192f0c4-0000-7000-8000-000000000001';

describe('audit search in the address', () => {
  it('round-trips the filters it names', () => {
    const params = new URLSearchParams({ action: 'auth.login', actor: ID, target_type: 'user', from: '2026-11-01' });
    expect(paramsFromAuditSearch(auditSearchFromParams(params)).toString()).toBe(params.toString());
  });

  it('leaves out malformed ids and days rather than sending them', () => {
    const search = auditSearchFromParams(new URLSearchParams({ actor: 'nobody', group: ID, from: 'yesterday' }));
    expect(search).toEqual({ ...NO_AUDIT_SEARCH, group: ID });
  });

  it('asks for whole local days, the end day included', () => {
    const filters = auditFiltersFor({ ...NO_AUDIT_SEARCH, from: '2026-12-31', to: '2026-12-31' });
    expect(filters.since).toBe(new Date(2026, 11, 31).toISOString());
    expect(filters.until).toBe(new Date(2027, 0, 1).toISOString());
    expect(auditFiltersFor(NO_AUDIT_SEARCH)).toEqual({
      action: undefined, actor_id: undefined, target_type: undefined, target_id: undefined, group_id: undefined, since: undefined, until: undefined,
    });
  });
});
