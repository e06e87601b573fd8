import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { storeCsrfToken } from '../../api/csrf';
import { fakeApi, json, problem } from '../../test/fetch';
import { renderRoutes } from '../../test/render';
import { ANA, BO, BO_ID, group, GROUP_ID, groupPath, ME, routes } from './test-data';

const GROUP_URL = `/api/v1/groups/${GROUP_ID}`;

beforeEach(() => storeCsrfToken('csrf-1'));

describe('GroupPage members', () => {
  it('lets an admin make a member an admin', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, ME),
      [`GET ${GROUP_URL}`]: json(200, group()),
      [`GET ${GROUP_URL}/members`]: [json(200, [ANA, BO]), json(200, [ANA, { ...BO, role: 'admin' }])],
      [`PATCH ${GROUP_URL}/members/${BO_ID}`]: json(200, { ...BO, role: 'admin' }),
    });
    renderRoutes(routes, groupPath());
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Make Bo Berg admin' }));

    expect(await screen.findByText('Bo Berg is now an admin.')).toBeInTheDocument();
    expect(api.callsTo(`PATCH ${GROUP_URL}/members/${BO_ID}`)[0]?.body).toEqual({ role: 'admin' });
    expect(await screen.findByRole('button', { name: 'Make Bo Berg member' })).toBeInTheDocument();
  });

  it("asks before an admin gives up their own role, and shows the server's refusal", async () => {
    fakeApi({
      'GET /api/v1/me': json(200, ME),
      [`GET ${GROUP_URL}`]: json(200, group()),
      [`GET ${GROUP_URL}/members`]: json(200, [ANA, BO]),
      [`PATCH ${GROUP_URL}/members/${ANA.user_id}`]: problem(409, 'Conflict', {
        detail: 'A group needs at least one admin; make someone else admin first.',
      }),
    });
    renderRoutes(routes, groupPath());
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Make Ana Alves member' }));
    await user.click(screen.getByRole('button', { name: 'Make me a member' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('A group needs at least one admin');
    const ana = within(screen.getByText('ana@example.com').closest('li')!);
    expect(ana.getByText('Admin', { exact: true })).toBeInTheDocument();
  });

  it('removes a member after asking', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, ME),
      [`GET ${GROUP_URL}`]: json(200, group()),
      [`GET ${GROUP_URL}/members`]: [json(200, [ANA, BO]), json(200, [ANA])],
      [`DELETE ${GROUP_URL}/members/${BO_ID}`]: new Response(null, { status: 204 }),
    });
    renderRoutes(routes, groupPath());
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Remove Bo Berg' }));
    const question = within(screen.getByRole('group', { name: /Remove Bo Berg from “Platform team”\?/ }));
    expect(question.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(question.getByRole('button', { name: 'Remove' }));

    expect(await screen.findByText('Bo Berg was removed from “Platform team”.')).toBeInTheDocument();
    expect(api.callsTo(`DELETE ${GROUP_URL}/members/${BO_ID}`)).toHaveLength(1);
    expect(screen.queryByText('bo@example.com')).not.toBeInTheDocument();
  });

  it('adds an existing user and puts "invite them instead" next to the address', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, ME),
      [`GET ${GROUP_URL}`]: json(200, group()),
      [`GET ${GROUP_URL}/members`]: json(200, [ANA]),
      [`POST ${GROUP_URL}/members`]: problem(422, 'Unprocessable Entity', {
        errors: [{ field: 'email', message: 'no active account uses this address; invite them instead' }],
      }),
    });
    renderRoutes(routes, groupPath());
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Add someone with an account' }));

    await user.type(form.getByLabelText('E-mail address'), 'cy@example.com');
    await user.click(form.getByRole('button', { name: 'Add member' }));

    expect(await form.findByText('no active account uses this address; invite them instead')).toBeInTheDocument();
    expect(form.getByLabelText('E-mail address')).toHaveAccessibleDescription(/invite them instead/);
    expect(api.callsTo(`POST ${GROUP_URL}/members`)[0]?.body).toEqual({ email: 'cy@example.com', role: 'member' });
  });

  it('shows a member the group without admin controls or admin tabs', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, { ...ME, id: BO_ID }),
      [`GET ${GROUP_URL}`]: json(200, group({ my_role: 'member' })),
      [`GET ${GROUP_URL}/members`]: json(200, [ANA, BO]),
    });
    // A shared link to an admin tab falls back to the members.
    renderRoutes(routes, groupPath('invitations'));

    expect(await screen.findByText('bo@example.com')).toBeInTheDocument();
    const tabs = within(screen.getByRole('navigation', { name: 'Group sections' }));
    expect(tabs.getAllByRole('link').map((link) => link.textContent)).toEqual(['Members', 'Settings']);
    expect(tabs.getByRole('link', { name: 'Members' })).toHaveAttribute('aria-current', 'page');
    expect(screen.queryByRole('button', { name: /^Make / })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add someone with an account' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Leave group' })).toBeInTheDocument();
    expect(api.callsTo(`GET ${GROUP_URL}/invitations`)).toHaveLength(0);
  });

  it('keeps the open tab in the address', async () => {
    fakeApi({
      'GET /api/v1/me': json(200, { ...ME, id: BO_ID }),
      [`GET ${GROUP_URL}`]: json(200, group({ my_role: 'member', timezone: 'Europe/Berlin' })),
      [`GET ${GROUP_URL}/members`]: json(200, [ANA, BO]),
    });
    const { router } = renderRoutes(routes, groupPath());
    const user = userEvent.setup();

    await user.click(await screen.findByRole('link', { name: 'Settings' }));

    expect(router.state.location.search).toBe('?tab=settings');
    expect(await screen.findByRole('heading', { name: 'Settings', level: 2 })).toBeInTheDocument();
    expect(screen.getByText('Monday, Tuesday, Wednesday, Thursday, Friday')).toBeInTheDocument();
  });
});
