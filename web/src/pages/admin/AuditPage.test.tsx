import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { storeCsrfToken } from '../../api/csrf';
import { fakeApi, json, type Call } from '../../test/fetch';
import { renderRoutes } from '../../test/render';
import { AdminAuditPage } from './AuditPage';
import { expectNoSeriousViolations } from './axe-check';
import { auditEntry, superAdmin } from './test-data';

const routes = [{ path: '/admin/audit', Component: AdminAuditPage }];
const ACTOR = '0192f0c4-0000-7000-8000-000000000001';
const GROUP = '0192f0c4-0000-7000-8000-0000000000b1';

function pages(call: Call) {
  return call.search.get('cursor') === 'page-2'
    ? json(200, { items: [auditEntry({ id: 'e2', action: 'group.created' })] })
    : json(200, {
        items: [auditEntry({ id: 'e1', action: 'auth.login_failed', actor_id: null, details: { attempts: 3, reason: 'wrong password' } })],
        next_cursor: 'page-2',
      });
}

beforeEach(() => storeCsrfToken('csrf-1'));

describe('AdminAuditPage', () => {
  it('puts the filters in the address, sends them, and exports with the same ones', async () => {
    const api = fakeApi({ 'GET /api/v1/me': json(200, superAdmin), 'GET /api/v1/admin/audit': pages });
    const { router } = renderRoutes(routes, '/admin/audit');
    const user = userEvent.setup();

    await screen.findByText('auth.login_failed');
    expect(Object.fromEntries(api.callsTo('GET /api/v1/admin/audit')[0]!.search)).toEqual({ limit: '50' });

    await user.type(screen.getByRole('combobox', { name: 'Action' }), 'user.role_changed');
    await user.type(screen.getByRole('textbox', { name: 'Actor id' }), ACTOR);
    await user.type(screen.getByRole('textbox', { name: 'Group id' }), GROUP);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Target type' }), 'user');
    await user.type(screen.getByLabelText('From'), '2026-11-01');
    await user.type(screen.getByLabelText('To'), '2026-11-30');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    const address = new URLSearchParams(router.state.location.search);
    expect(Object.fromEntries(address)).toEqual({
      action: 'user.role_changed',
      actor: ACTOR,
      target_type: 'user',
      group: GROUP,
      from: '2026-11-01',
      to: '2026-11-30',
    });
    await screen.findByRole('button', { name: 'Clear filters' });
    const sent = api.callsTo('GET /api/v1/admin/audit').at(-1)!.search;
    expect(sent.get('action')).toBe('user.role_changed');
    expect(sent.get('actor_id')).toBe(ACTOR);
    expect(sent.get('group_id')).toBe(GROUP);
    expect(sent.get('target_type')).toBe('user');
    // Whole local days: from the start of the first to the start of the day after the last.
    expect(sent.get('since')).toBe(new Date(2026, 10, 1).toISOString());
    expect(sent.get('until')).toBe(new Date(2026, 11, 1).toISOString());

    const exported = new URL(screen.getByRole('link', { name: 'Export' }).getAttribute('href')!, 'http://localhost');
    expect(exported.pathname).toBe('/api/v1/admin/audit/export');
    expect(Object.fromEntries(exported.searchParams)).toEqual(
      Object.fromEntries([...sent].filter(([key]) => key !== 'limit' && key !== 'cursor')),
    );
  });

  it('refuses a partial id before asking the server', async () => {
    const api = fakeApi({ 'GET /api/v1/me': json(200, superAdmin), 'GET /api/v1/admin/audit': pages });
    const { router } = renderRoutes(routes, '/admin/audit');
    const user = userEvent.setup();

    await screen.findByText('auth.login_failed');
    await user.type(screen.getByRole('textbox', { name: 'Actor id' }), '0192f0c4');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    expect(await screen.findByText(/Enter a whole id/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Actor id' })).toHaveAttribute('aria-invalid', 'true');
    expect(router.state.location.search).toBe('');
    expect(api.callsTo('GET /api/v1/admin/audit')).toHaveLength(1);
  });

  it('loads older entries with the cursor and shows an entry’s details', async () => {
    const api = fakeApi({ 'GET /api/v1/me': json(200, superAdmin), 'GET /api/v1/admin/audit': pages });
    renderRoutes(routes, '/admin/audit?action=auth.login_failed');
    const user = userEvent.setup();

    const row = (await screen.findByText('auth.login_failed')).closest('tr')!;
    expect(within(row).getByText('System')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: /^Details of auth.login_failed/ }));
    expect(screen.getByLabelText('Details as JSON')).toHaveTextContent('"reason": "wrong password"');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('group.created')).toBeInTheDocument();
    const second = api.callsTo('GET /api/v1/admin/audit')[1]!.search;
    expect(second.get('cursor')).toBe('page-2');
    expect(second.get('action')).toBe('auth.login_failed');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    await expectNoSeriousViolations();
  });
});
