// The audit log's filters live in the address (`?action=auth.login_failed&from=2026-11-01`),
// so a filtered view can be bookmarked and shared. Dates are whole local days there; the API
// takes instants.
import { z } from 'zod';

import type { AuditFilters } from '../../api/admin';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const id = z
  .string()
  .trim()
  .refine((value) => value === '' || UUID.test(value), 'Enter a whole id, like 0192f0c4-6a1e-7d3b-9c2f-5e8a1b3c4d5e.');
const day = z.string().refine((value) => value === '' || DAY.test(value), 'Enter a date.');

export const auditSearchSchema = z
  .object({
    action: z.string().trim(),
    actor: id,
    targetType: z.string(),
    target: id,
    group: id,
    from: day,
    to: day,
  })
  .refine((search) => !search.from || !search.to || search.from <= search.to, {
    path: ['to'],
    message: 'End on or after the start date.',
  });

/** Every filter as typed; an empty string is no filter. */
export type AuditSearch = z.output<typeof auditSearchSchema>;

export const NO_AUDIT_SEARCH: AuditSearch = { action: '', actor: '', targetType: '', target: '', group: '', from: '', to: '' };

const PARAM_NAMES: Readonly<Record<keyof AuditSearch, string>> = {
  action: 'action',
  actor: 'actor',
  targetType: 'target_type',
  target: 'target',
  group: 'group',
  from: 'from',
  to: 'to',
};

/** The filters named in the address; a malformed one is left out rather than sent. */
export function auditSearchFromParams(params: URLSearchParams): AuditSearch {
  const search = { ...NO_AUDIT_SEARCH };
  for (const [key, name] of Object.entries(PARAM_NAMES) as [keyof AuditSearch, string][]) {
    search[key] = params.get(name)?.trim() ?? '';
  }
  for (const key of ['actor', 'target', 'group'] as const) {
    if (!UUID.test(search[key])) search[key] = '';
  }
  for (const key of ['from', 'to'] as const) {
    if (!DAY.test(search[key])) search[key] = '';
  }
  return search;
}

export function paramsFromAuditSearch(search: AuditSearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, name] of Object.entries(PARAM_NAMES) as [keyof AuditSearch, string][]) {
    if (search[key]) params.set(name, search[key]);
  }
  return params;
}

export function hasAuditSearch(search: AuditSearch): boolean {
  return Object.values(search).some(Boolean);
}

/** Local midnight at the start of `day`, `offset` days later, as an RFC 3339 instant. */
function startOfDay(day: string, offset = 0): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + offset).toISOString();
}

/** What the API is asked: the end date counts whole, so `until` is the next day's start. */
export function auditFiltersFor(search: AuditSearch): AuditFilters {
  return {
    action: search.action || undefined,
    actor_id: search.actor || undefined,
    target_type: search.targetType || undefined,
    target_id: search.target || undefined,
    group_id: search.group || undefined,
    since: search.from ? startOfDay(search.from) : undefined,
    until: search.to ? startOfDay(search.to, 1) : undefined,
  };
}
