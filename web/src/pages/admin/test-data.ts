// Records as the admin endpoints answer them, for this folder's tests.
import type { AdminUser, AuditEntry, Job } from '../../api/admin';

export const ADMIN_ID = '0192f0c4-0000-7000-8000-00000000000a';

export function adminUser(overrides: Partial<AdminUser> & Pick<AdminUser, 'id' | 'display_name'>): AdminUser {
  return {
    email: `${overrides.display_name.split(' ')[0]!.toLowerCase()}@example.com`,
    role: 'user',
    is_active: true,
    timezone: 'Europe/Berlin',
    created_at: '2026-10-01T09:00:00Z',
    ...overrides,
  };
}

export const superAdmin = adminUser({ id: ADMIN_ID, display_name: 'Root Admin', role: 'super_admin' });

export function auditEntry(overrides: Partial<AuditEntry> & Pick<AuditEntry, 'id' | 'action'>): AuditEntry {
  return {
    occurred_at: '2026-11-02T09:00:00Z',
    actor_id: ADMIN_ID,
    target_type: 'user',
    details: {},
    ...overrides,
  };
}

export function job(overrides: Partial<Job> & Pick<Job, 'id' | 'kind'>): Job {
  return {
    queue: 'default',
    state: 'dead',
    attempts: 5,
    max_attempts: 5,
    run_at: '2026-11-02T09:00:00Z',
    created_at: '2026-11-02T08:00:00Z',
    finished_at: '2026-11-02T09:05:00Z',
    ...overrides,
  };
}
