import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { storeCsrfToken } from '../../api/csrf';
import { fakeApi, json, problem } from '../../test/fetch';
import { renderRoutes } from '../../test/render';
import { group, GROUP_ID, routes } from './test-data';

beforeEach(() => storeCsrfToken('csrf-1'));

describe('GroupsPage', () => {
  it("lists the caller's groups with links to each group and its board", async () => {
    fakeApi({ 'GET /api/v1/groups': json(200, { items: [group({ my_role: 'member' })] }) });
    renderRoutes(routes, '/groups');

    const card = within((await screen.findByRole('heading', { name: 'Platform team' })).closest('li')!);
    expect(card.getByText('Member', { exact: true })).toBeInTheDocument();
    expect(card.getByRole('link', { name: 'Platform team' })).toHaveAttribute('href', `/groups/${GROUP_ID}`);
    expect(card.getByRole('link', { name: 'Board of Platform team' })).toHaveAttribute(
      'href',
      `/tasks?view=board&group=${GROUP_ID}`,
    );
  });

  it('creates a group and shows it in the list', async () => {
    const created = group({ id: 'g-new', name: 'Support rota', slug: 'support-rota', timezone: 'Europe/Berlin', description: '' });
    const api = fakeApi({
      'GET /api/v1/groups': [json(200, { items: [] }), json(200, { items: [created] })],
      'POST /api/v1/groups': json(201, created),
    });
    renderRoutes(routes, '/groups');
    const user = userEvent.setup();

    await screen.findByText(/You are not in a group yet/);
    await user.click(screen.getByRole('button', { name: 'New group' }));
    const form = within(screen.getByRole('form', { name: 'New group' }));
    await user.type(form.getByLabelText('Name'), '  Support rota ');
    await user.type(form.getByLabelText('Search time zones'), 'berlin');
    await user.selectOptions(form.getByLabelText('Time zone'), 'Europe/Berlin');
    await user.click(form.getByRole('button', { name: 'Create group' }));

    expect(await screen.findByText('Group “Support rota” created. You are its admin.')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Support rota' })).toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/groups')[0]?.body).toEqual({ name: 'Support rota', timezone: 'Europe/Berlin' });
    expect(api.callsTo('POST /api/v1/groups')[0]?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(screen.queryByRole('form', { name: 'New group' })).not.toBeInTheDocument();
  });

  it('checks the slug before sending, and shows the server’s verdict next to it', async () => {
    const api = fakeApi({
      'GET /api/v1/groups': json(200, { items: [] }),
      'POST /api/v1/groups': problem(422, 'Unprocessable Entity', {
        detail: 'One or more fields are invalid.',
        errors: [{ field: 'slug', message: 'is already taken by another group' }],
      }),
    });
    renderRoutes(routes, '/groups');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'New group' }));
    const form = within(screen.getByRole('form', { name: 'New group' }));
    await user.type(form.getByLabelText('Name'), 'Ops');
    await user.type(form.getByLabelText(/^Slug/), '-ops');
    await user.click(form.getByRole('button', { name: 'Create group' }));

    expect(await form.findByText(/Use 2 to 50 lowercase letters/)).toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/groups')).toHaveLength(0);

    await user.clear(form.getByLabelText(/^Slug/));
    await user.type(form.getByLabelText(/^Slug/), 'Ops');
    await user.click(form.getByRole('button', { name: 'Create group' }));

    expect(await form.findByText('is already taken by another group')).toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/groups')[0]?.body).toMatchObject({ name: 'Ops', slug: 'ops' });
    expect(form.getByRole('alert')).toHaveTextContent('One or more fields are invalid.');
    expect(form.getByRole('alert')).not.toHaveTextContent('already taken');
  });
});
