import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { storeCsrfToken } from '../../api/csrf';
import type { Invitation } from '../../api/group-types';
import { fakeApi, json, problem } from '../../test/fetch';
import { renderRoutes } from '../../test/render';
import { group, GROUP_ID, groupPath, ME, routes } from './test-data';

const GROUP_URL = `/api/v1/groups/${GROUP_ID}`;
const CY: Invitation = {
  id: 'inv-cy',
  email: 'cy@example.com',
  role: 'admin',
  created_at: '2026-11-03T10:00:00Z',
  expires_at: '2026-11-10T10:00:00Z',
};

beforeEach(() => storeCsrfToken('csrf-1'));

describe('GroupPage invitations', () => {
  it('invites someone by e-mail with a role and lists the invitation', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, ME),
      [`GET ${GROUP_URL}`]: json(200, group()),
      [`GET ${GROUP_URL}/invitations`]: [json(200, []), json(200, [CY])],
      [`POST ${GROUP_URL}/invitations`]: json(201, CY),
    });
    renderRoutes(routes, groupPath('invitations'));
    const user = userEvent.setup();

    expect(await screen.findByText('No invitations are waiting for an answer.')).toBeInTheDocument();
    const form = within(screen.getByRole('form', { name: 'Invite by e-mail' }));
    await user.type(form.getByLabelText('E-mail address'), ' cy@example.com ');
    await user.selectOptions(form.getByLabelText('Role'), 'Admin');
    await user.click(form.getByRole('button', { name: 'Send invitation' }));

    expect(await screen.findByText('Invitation sent to cy@example.com.')).toBeInTheDocument();
    const pending = within(await screen.findByRole('list', { name: 'Pending invitations' }));
    expect(pending.getByText('cy@example.com')).toBeInTheDocument();
    expect(pending.getByText(/^Admin · sent/)).toBeInTheDocument();
    expect(api.callsTo(`POST ${GROUP_URL}/invitations`)[0]?.body).toEqual({ email: 'cy@example.com', role: 'admin' });
    expect(form.getByLabelText('E-mail address')).toHaveValue('');
  });

  it('checks the address before sending and shows a conflict from the server', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, ME),
      [`GET ${GROUP_URL}`]: json(200, group()),
      [`GET ${GROUP_URL}/invitations`]: json(200, [CY]),
      [`POST ${GROUP_URL}/invitations`]: problem(409, 'Conflict', {
        detail: 'That address is already invited; resend the invitation instead.',
      }),
    });
    renderRoutes(routes, groupPath('invitations'));
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Invite by e-mail' }));

    await user.type(form.getByLabelText('E-mail address'), 'cy@example');
    await user.click(form.getByRole('button', { name: 'Send invitation' }));
    expect(await form.findByText('Enter an e-mail address like ana@example.com.')).toBeInTheDocument();
    expect(api.callsTo(`POST ${GROUP_URL}/invitations`)).toHaveLength(0);

    await user.type(form.getByLabelText('E-mail address'), '.com');
    await user.click(form.getByRole('button', { name: 'Send invitation' }));
    expect(await form.findByRole('alert')).toHaveTextContent('already invited; resend the invitation instead');
  });

  it('resends and revokes a pending invitation', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, ME),
      [`GET ${GROUP_URL}`]: json(200, group()),
      [`GET ${GROUP_URL}/invitations`]: [json(200, [CY]), json(200, [CY]), json(200, [])],
      [`POST ${GROUP_URL}/invitations/inv-cy/resend`]: new Response(null, { status: 204 }),
      [`DELETE ${GROUP_URL}/invitations/inv-cy`]: new Response(null, { status: 204 }),
    });
    renderRoutes(routes, groupPath('invitations'));
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Resend the invitation to cy@example.com' }));
    expect(await screen.findByText(/Invitation sent again to cy@example.com/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Revoke the invitation to cy@example.com' }));
    await user.click(within(screen.getByRole('group', { name: /Revoke the invitation/ })).getByRole('button', { name: 'Revoke' }));

    expect(await screen.findByText('Invitation to cy@example.com revoked.')).toBeInTheDocument();
    expect(await screen.findByText('No invitations are waiting for an answer.')).toBeInTheDocument();
    expect(api.callsTo(`POST ${GROUP_URL}/invitations/inv-cy/resend`)).toHaveLength(1);
    expect(api.callsTo(`DELETE ${GROUP_URL}/invitations/inv-cy`)).toHaveLength(1);
  });
});
