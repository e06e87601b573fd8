import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { storeCsrfToken } from '../api/csrf';
import { task } from '../test/factories';
import { fakeApi, json, problem } from '../test/fetch';
import { MyGroups } from '../pages/home/MyGroups';
import { renderRoutes } from '../test/render';
import { localToday, addDays } from '../tasks/quick-add';
import { AppShell } from './AppShell';

const ME = { id: 'u-ana', display_name: 'Ana Alves', email: 'ana@example.com', role: 'user', is_active: true, timezone: 'UTC', created_at: '2026-11-01T00:00:00Z' };
const routes = [{ path: '/', Component: AppShell, children: [{ index: true, element: <p>Home page</p> }, { path: 'tasks', element: <p>Tasks page</p> }] }];

beforeEach(() => storeCsrfToken('csrf-1'));

describe('AppShell', () => {
  it('quick-adds a task from one line after pressing c', async () => {
    const api = fakeApi({
      'GET /api/v1/me': json(200, ME),
      'GET /api/v1/groups': json(200, { items: [] }),
      'POST /api/v1/tasks': json(201, task({ id: 't7', key: 'ME-7', title: 'Pay rent' })),
    });
    const { router } = renderRoutes(routes, '/');
    const user = userEvent.setup();
    await screen.findByText('Home page');

    await user.keyboard('c');
    const dialog = within(await screen.findByRole('dialog', { name: 'Quick add' }));
    await user.type(dialog.getByLabelText('Task'), 'Pay rent tomorrow !high #home');
    expect(dialog.getByText('Due ' + addDays(localToday(), 1))).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Add task' }));

    await waitFor(() => expect(api.callsTo('POST /api/v1/tasks')).toHaveLength(1));
    const [post] = api.callsTo('POST /api/v1/tasks');
    expect(post!.body).toEqual({
      title: 'Pay rent',
      group_id: null,
      due_date: addDays(localToday(), 1),
      priority: 'high',
      tags: ['home'],
      assignee_id: null,
    });
    expect(post!.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{32}$/);
    // The new task opens, and the outcome is announced.
    await waitFor(() => expect(router.state.location.search).toBe('?task=t7'));
    expect(await screen.findByText('ME-7 created.')).toBeInTheDocument();
  });

  it('lists the shortcuts on ? and finds commands in the palette with Ctrl-K', async () => {
    fakeApi({ 'GET /api/v1/me': json(200, ME), 'GET /api/v1/groups': json(200, { items: [] }) });
    const { router } = renderRoutes(routes, '/');
    const user = userEvent.setup();
    await screen.findByText('Home page');

    await user.keyboard('?');
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveTextContent('Quick add a task');
    await user.click(screen.getByRole('button', { name: 'Close' }));

    await user.keyboard('{Control>}k{/Control}');
    const palette = within(await screen.findByRole('dialog', { name: 'Command palette' }));
    await user.type(palette.getByRole('combobox'), 'go tasks');
    expect(palette.getAllByRole('option').map((o) => o.textContent)).toEqual(['Go to tasks']);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/tasks'));
  });

  it('keeps its frame when a list it shares with the page is refused', async () => {
    fakeApi({
      'GET /api/v1/me': json(200, ME),
      'GET /api/v1/groups': problem(403, 'Forbidden', { detail: 'Set up a second factor first.' }),
    });
    renderRoutes([{ path: '/', Component: AppShell, children: [{ index: true, Component: MyGroups }] }], '/');

    expect(await screen.findByText('Set up a second factor first.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New task' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });
});
