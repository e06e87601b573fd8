import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { storeCsrfToken } from '../../../api/csrf';
import type { Task } from '../../../api/types';
import { task } from '../../../test/factories';
import { fakeApi, json, problem, type Call } from '../../../test/fetch';
import { renderRoutes } from '../../../test/render';
import { Toaster } from '../../../toast/Toaster';
import { TasksPage } from '../TasksPage';

const write = task({ id: 'a', key: 'OPS-1', title: 'Write the plan', group_id: 'g1', position: 'a0' });
const review = task({ id: 'b', key: 'OPS-2', title: 'Review the plan', group_id: 'g1', status: 'in_progress', position: 'a0' });
const routes = [{ path: '/tasks', element: (<><TasksPage /><Toaster /></>) }];

function columns(call: Call) {
  const byStatus: Record<string, Task[]> = { todo: [write], in_progress: [review] };
  expect(call.search.get('sort')).toBe('position');
  return json(200, { items: byStatus[call.search.get('status') ?? ''] ?? [] });
}

function column(name: string) {
  return within(screen.getByRole('region', { name: new RegExp(`^${name}`) }));
}

beforeEach(() => storeCsrfToken('csrf-1'));

describe('BoardView', () => {
  it('moves the focused card to the next column with Alt and the right arrow', async () => {
    const api = fakeApi({
      'GET /api/v1/groups': json(200, { items: [] }),
      'GET /api/v1/tasks': columns,
      'PUT /api/v1/tasks/a/position': json(200, { ...write, status: 'in_progress', position: 'Zz', version: 2 }),
    });
    renderRoutes(routes, '/tasks?view=board');
    const user = userEvent.setup();
    const card = await screen.findByRole('link', { name: 'Write the plan' });

    card.focus();
    await user.keyboard('{Alt>}{ArrowRight}{/Alt}');

    await waitFor(() => expect(api.callsTo('PUT /api/v1/tasks/a/position')).toHaveLength(1));
    expect(api.callsTo('PUT /api/v1/tasks/a/position')[0]!.body).toEqual({ status: 'in_progress', after_id: null, before_id: 'b' });
    expect(column('In progress').getByRole('link', { name: 'Write the plan' })).toBeInTheDocument();
    expect(column('To do').queryByRole('link', { name: 'Write the plan' })).toBeNull();
    expect(await screen.findByText('OPS-1 moved to In progress.')).toBeInTheDocument();
  });

  it('puts the card back when the server refuses the move', async () => {
    fakeApi({
      'GET /api/v1/groups': json(200, { items: [] }),
      'GET /api/v1/tasks': columns,
      'PUT /api/v1/tasks/a/position': problem(404, 'Not Found', { detail: 'No such task.' }),
    });
    renderRoutes(routes, '/tasks?view=board');
    const user = userEvent.setup();
    const card = await screen.findByRole('link', { name: 'Write the plan' });

    card.focus();
    await user.keyboard('{Alt>}{ArrowRight}{/Alt}');

    expect(await screen.findByText(/OPS-1 was not moved: No such task\./)).toBeInTheDocument();
    expect(column('To do').getByRole('link', { name: 'Write the plan' })).toBeInTheDocument();
    expect(column('In progress').queryByRole('link', { name: 'Write the plan' })).toBeNull();
  });
});
