import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { readCsrfToken, storeCsrfToken } from '../../api/csrf';
import { fakeApi, json, problem } from '../../test/fetch';
import { renderRoutes } from '../../test/render';
import { Toaster } from '../../toast/Toaster';
import { expectNoSeriousViolations } from './axe-check';
import { adminUser, superAdmin } from './test-data';
import { AdminUsersPage } from './UsersPage';

const routes = [
  {
    path: '/admin/users',
    element: (
      <>
        <AdminUsersPage />
        <Toaster />
      </>
    ),
  },
  { path: '/settings', element: <h1>Settings</h1> },
];

const ada = adminUser({ id: '0192f0c4-0000-7000-8000-000000000001', display_name: 'Ada Lovelace' });
const grace = adminUser({ id: '0192f0c4-0000-7000-8000-000000000002', display_name: 'Grace Hopper' });

beforeEach(() => storeCsrfToken('csrf-1'));

async function card(name: string) {
  return within(await screen.findByRole('listitem', { name }));
}

describe('AdminUsersPage', () => {
  it('deactivates a user after asking, and says so', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, superAdmin),
      'GET /api/v1/admin/users': [
        json(200, { items: [superAdmin, ada, grace] }),
        json(200, { items: [superAdmin, { ...ada, is_active: false }, grace] }),
      ],
      'PATCH /api/v1/admin/users/0192f0c4-0000-7000-8000-000000000001': json(200, { ...ada, is_active: false }),
    });
    renderRoutes(routes, '/admin/users');
    const user = userEvent.setup();

    await user.click((await card('Ada Lovelace')).getByRole('button', { name: 'Deactivate: Ada Lovelace' }));
    const dialog = screen.getByRole('dialog', { name: 'Deactivate Ada Lovelace?' });
    expect(dialog).toHaveTextContent('signed out everywhere');
    await expectNoSeriousViolations();
    expect(api.callsTo('PATCH /api/v1/admin/users/0192f0c4-0000-7000-8000-000000000001')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));

    expect(await screen.findByText('Ada Lovelace deactivated.')).toBeInTheDocument();
    const [patch] = api.callsTo('PATCH /api/v1/admin/users/0192f0c4-0000-7000-8000-000000000001');
    expect(patch?.body).toEqual({ is_active: false });
    expect(patch?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    const ada2 = await card('Ada Lovelace');
    expect(await ada2.findByText('Deactivated')).toBeInTheDocument();
    expect(ada2.getByRole('button', { name: 'Reactivate: Ada Lovelace' })).toBeInTheDocument();
    // One's own account offers no role or activity changes.
    expect((await card('Root Admin')).queryByRole('button', { name: /Deactivate/ })).not.toBeInTheDocument();
  });

  it('asks for a fresh second factor in place, then resets the factors', async () => {
    const reset = 'POST /api/v1/admin/users/0192f0c4-0000-7000-8000-000000000001/mfa/reset';
    const api = fakeApi({
      'GET /api/v1/me': json(200, superAdmin),
      'GET /api/v1/me/mfa': json(200, { totp_enabled: true, passkeys: 0, backup_codes_remaining: 0, enrolment_required: false }),
      'GET /api/v1/admin/users': json(200, { items: [ada] }),
      'POST /api/v1/auth/step-up': new Response(null, { status: 204 }),
      [reset]: [
        problem(401, 'Unauthorized', { type: '/problems/step-up-required', detail: 'This action needs a second factor proved in the last 5 minutes.' }),
        new Response(null, { status: 204 }),
      ],
    });
    const { router } = renderRoutes(routes, '/admin/users');
    const user = userEvent.setup();

    await user.click((await card('Ada Lovelace')).getByRole('button', { name: 'Reset second factors: Ada Lovelace' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Reset second factors' }));

    const prompt = within(await screen.findByRole('group', { name: 'Confirm it’s you' }));
    const code = await prompt.findByLabelText(/^Code/);
    await expectNoSeriousViolations();
    await user.type(code, '123456');
    await user.click(prompt.getByRole('button', { name: 'Confirm and continue' }));

    expect(await screen.findByText("Ada Lovelace's second factors were removed.")).toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/auth/step-up')[0]?.body).toEqual({ code: '123456' });
    expect(api.callsTo(reset)).toHaveLength(2);
    // A step-up refusal is not a lost session: no renewal, no trip to the sign-in page.
    expect(api.callsTo('POST /api/v1/auth/refresh')).toHaveLength(0);
    expect(router.state.location.pathname).toBe('/admin/users');
    expect(readCsrfToken()).toBe('csrf-1');
    expect(screen.queryByText(/Could not reset/)).not.toBeInTheDocument();
  });

  it('searches by the words in the address and shows a user’s groups', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, superAdmin),
      'GET /api/v1/admin/users': (call) => json(200, { items: call.search.get('q') === 'grace' ? [grace] : [ada, grace] }),
      'GET /api/v1/admin/users/0192f0c4-0000-7000-8000-000000000002/groups': json(200, {
        items: [{ id: 'g1', name: 'Compilers', slug: 'compilers', description: '', timezone: 'UTC', checkin_days: [], checkin_time: '20:00', summary_time: '09:00', require_admin_mfa: false, created_at: '2026-10-01T09:00:00Z', my_role: 'admin' }],
      }),
    });
    const { router } = renderRoutes(routes, '/admin/users');
    const user = userEvent.setup();

    await card('Ada Lovelace');
    await user.type(screen.getByRole('searchbox', { name: 'Search by name or e-mail' }), 'grace');

    expect(router.state.location.search).toBe('?q=grace');
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Ada Lovelace' })).not.toBeInTheDocument());
    expect(api.callsTo('GET /api/v1/admin/users').at(-1)?.search.get('q')).toBe('grace');

    await user.click((await card('Grace Hopper')).getByRole('button', { name: 'Groups of Grace Hopper' }));
    const groups = within(await screen.findByRole('heading', { name: "Grace Hopper's groups" }).then((h) => h.parentElement!));
    expect(await groups.findByText('Compilers')).toBeInTheDocument();
    expect(groups.getByText('Admin')).toBeInTheDocument();
    await expectNoSeriousViolations();
  });

  it('tells a regular user the page is for super admins, without asking the admin API', async () => {
    const api = fakeApi({ 'GET /api/v1/me': json(200, { ...ada, role: 'user' }) });
    renderRoutes(routes, '/admin/users');

    expect(await screen.findByRole('heading', { name: 'You need to be a super admin' })).toBeInTheDocument();
    await expectNoSeriousViolations();
    expect(api.calls.map((call) => call.path)).toEqual(['/api/v1/me']);
  });
});
