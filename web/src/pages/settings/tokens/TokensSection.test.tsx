import { storeCsrfToken } from '../../../api/csrf';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { fakeApi, json, problem } from '../../../test/fetch';
import { accountRoutes, expectNoSeriousViolations, me, renderSettings } from '../test-kit';

const exporter = {
  id: 't-1',
  name: 'CI exporter',
  scopes: ['read', 'write'],
  created_at: '2026-11-02T09:00:00Z',
  expires_at: null,
  last_used_at: null,
};
const secret = 'dl_pat_3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c1e';
const noContent = () => new Response(null, { status: 204 });

afterEach(() => vi.useRealTimers());

describe('API tokens', () => {
  it('creates a token and shows its secret only once', async () => {
    const api = fakeApi({
      ...accountRoutes(),
      'GET /api/v1/me/tokens': [json(200, []), json(200, [exporter])],
      'POST /api/v1/me/tokens': json(201, { ...exporter, token: secret }),
    });
    renderSettings('tokens');
    const user = userEvent.setup();

    expect(await screen.findByText('You have no API tokens.')).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /Administer/ })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Name'), 'CI exporter');
    await user.click(screen.getByRole('checkbox', { name: /^Write/ }));
    await user.selectOptions(screen.getByLabelText('Expires'), 'Never');
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    const notice = await screen.findByRole('region', { name: 'Copy your new token' });
    expect(within(notice).getByLabelText('Token')).toHaveValue(secret);
    expect(api.callsTo('POST /api/v1/me/tokens')[0]?.body).toEqual({
      name: 'CI exporter',
      scopes: ['read', 'write'],
      expires_at: null,
    });
    await expectNoSeriousViolations();

    await user.click(within(notice).getByRole('button', { name: 'Copy the token' }));
    // user-event stands in for the system clipboard.
    expect(await navigator.clipboard.readText()).toBe(secret);
    expect(await screen.findByText('Copied to the clipboard.')).toBeInTheDocument();

    await user.click(within(notice).getByRole('button', { name: 'Done' }));
    expect(screen.queryByDisplayValue(secret)).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(secret);
    const list = await screen.findByRole('list', { name: 'API tokens' });
    expect(within(list).getByText('CI exporter')).toBeInTheDocument();
  });

  it('sends an expiry in the future and checks the form first', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-02T09:00:00Z'), toFake: ['Date'] });
    const api = fakeApi({
      ...accountRoutes(),
      'GET /api/v1/me/tokens': json(200, []),
      'POST /api/v1/me/tokens': json(201, { ...exporter, token: secret }),
    });
    renderSettings('tokens');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('checkbox', { name: /^Read/ }));
    await user.selectOptions(screen.getByLabelText('Expires'), 'On a date…');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('Name the token after what will use it.')).toBeInTheDocument();
    expect(screen.getByText('Choose at least one permission.')).toBeInTheDocument();
    expect(screen.getByText('Choose the day it stops working.')).toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/me/tokens')).toHaveLength(0);

    await user.type(screen.getByLabelText('Name'), 'Backup');
    await user.click(screen.getByRole('checkbox', { name: /^Read/ }));
    await user.type(screen.getByLabelText('Last day it works'), '2026-10-01');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('Choose a day in the future.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Last day it works'));
    await user.type(screen.getByLabelText('Last day it works'), '2027-01-31');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    await screen.findByRole('region', { name: 'Copy your new token' });
    const sent = api.callsTo('POST /api/v1/me/tokens')[0]?.body as { expires_at: string };
    expect(new Date(sent.expires_at).getTime()).toBe(new Date('2027-01-31T23:59:59').getTime());
  });

  it('offers the admin scope to super admins', async () => {
    fakeApi({
      ...accountRoutes(),
      'GET /api/v1/me': json(200, { ...me, role: 'super_admin' }),
      'GET /api/v1/me/tokens': json(200, []),
    });
    renderSettings('tokens');

    expect(await screen.findByRole('checkbox', { name: /Administer/ })).toBeInTheDocument();
  });

  it('revokes a token after asking', async () => {
    const api = fakeApi({
      ...accountRoutes(),
      'GET /api/v1/me/tokens': [json(200, [exporter]), json(200, [])],
      'DELETE /api/v1/me/tokens/t-1': noContent(),
    });
    renderSettings('tokens');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Revoke CI exporter' }));
    await user.click(screen.getByRole('button', { name: 'Revoke token' }));

    expect(await screen.findByText('Token revoked.')).toBeInTheDocument();
    expect(api.callsTo('DELETE /api/v1/me/tokens/t-1')).toHaveLength(1);
    await waitFor(() => expect(screen.getByText('You have no API tokens.')).toBeInTheDocument());
  });

  it('renews an expired session once and repeats the request', async () => {
    const api = fakeApi({
      ...accountRoutes(),
      'GET /api/v1/me/tokens': json(200, [exporter]),
      'DELETE /api/v1/me/tokens/t-1': [problem(401, 'Unauthorized', { type: '/problems/unauthenticated' }), noContent()],
      'POST /api/v1/auth/refresh': json(200, { csrf_token: 'csrf-2', expires_in: 900 }),
    });
    // The session's CSRF token, which the refresh must present.
    storeCsrfToken('csrf-1');
    renderSettings('tokens');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Revoke CI exporter' }));
    await user.click(screen.getByRole('button', { name: 'Revoke token' }));

    await waitFor(() => expect(api.callsTo('DELETE /api/v1/me/tokens/t-1')).toHaveLength(2));
    const order = api.calls.map((c) => `${c.method} ${c.path}`);
    const firstTry = order.indexOf('DELETE /api/v1/me/tokens/t-1');
    expect(order.slice(firstTry, firstTry + 3)).toEqual([
      'DELETE /api/v1/me/tokens/t-1',
      'POST /api/v1/auth/refresh',
      'DELETE /api/v1/me/tokens/t-1',
    ]);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
