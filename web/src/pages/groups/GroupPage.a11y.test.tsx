import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';

import { storeCsrfToken } from '../../api/csrf';
import { fakeApi, json } from '../../test/fetch';
import { renderRoutes } from '../../test/render';
import { ANA, BO, group, GROUP_ID, groupPath, ME, routes } from './test-data';

const GROUP_URL = `/api/v1/groups/${GROUP_ID}`;

/** Serious and critical axe findings; contrast needs real layout and colours, so the browser journeys judge it. */
async function seriousViolations(): Promise<string[]> {
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } }, resultTypes: ['violations'] });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeEach(() => {
  storeCsrfToken('csrf-1');
  fakeApi({
    'GET /api/v1/me': json(200, ME),
    'GET /api/v1/me/mfa': json(200, { totp_enabled: true, passkeys: 0, backup_codes_remaining: 4, enrolment_required: false }),
    'GET /api/v1/groups': json(200, { items: [group()] }),
    [`GET ${GROUP_URL}`]: json(200, group()),
    [`GET ${GROUP_URL}/members`]: json(200, [ANA, BO]),
    [`GET ${GROUP_URL}/invitations`]: json(200, [
      { id: 'i1', email: 'cy@example.com', role: 'member', created_at: '2026-11-03T10:00:00Z', expires_at: '2026-11-10T10:00:00Z' },
    ]),
    'GET /api/v1/tags': json(200, {
      items: [
        { id: 't1', name: 'bug', color: '#6b7280', uses: 2 },
        { id: 't2', name: 'defect', color: '#dc2626', uses: 5 },
      ],
    }),
    [`GET ${GROUP_URL}/audit`]: json(200, {
      items: [{ id: 'a1', occurred_at: '2026-11-03T10:00:00Z', action: 'group.updated', target_type: 'group', actor_id: ANA.user_id, details: { changed: ['timezone'] } }],
      next_cursor: 'next',
    }),
  });
});

describe('group pages accessibility', () => {
  it('has no serious violations on the list with the new-group form open', async () => {
    renderRoutes(routes, '/groups');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'New group' }));
    expect(await seriousViolations()).toEqual([]);
  });

  it.each([
    ['members', 'bo@example.com'],
    ['invitations', 'cy@example.com'],
    ['settings', 'Check-in days'],
    ['tags', 'defect'],
    ['audit', 'group.updated'],
  ])('has no serious violations on the %s tab', async (tab, loaded) => {
    renderRoutes(routes, groupPath(tab));
    await screen.findByText(loaded);
    if (tab === 'settings') {
      await userEvent.setup().click(screen.getByRole('button', { name: 'Delete group…' }));
      await screen.findByRole('form', { name: /^Delete / });
    }
    if (tab === 'tags') await userEvent.setup().click(screen.getByRole('button', { name: 'Merge tag bug' }));
    expect(await seriousViolations()).toEqual([]);
  });
});
