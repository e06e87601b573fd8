import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { storeCsrfToken } from '../../api/csrf';
import { task } from '../../test/factories';
import { fakeApi, json, problem, type Call } from '../../test/fetch';
import { renderRoutes } from '../../test/render';
import { TasksPage } from './TasksPage';

const routes = [{ path: '/tasks', Component: TasksPage }];

function pages(call: Call) {
  return call.search.get('cursor') === 'page-2'
    ? json(200, { items: [task({ id: 't2', key: 'ME-2', title: 'Second page task' })] })
    : json(200, { items: [task({ id: 't1', title: 'First page task' })], next_cursor: 'page-2' });
}

beforeEach(() => storeCsrfToken('csrf-1'));

describe('TasksPage', () => {
  it('lists tasks with the filters from the URL and loads more with the cursor', async () => {
    const api = fakeApi({ 'GET /api/v1/groups': json(200, { items: [] }), 'GET /api/v1/tasks': pages });
    renderRoutes(routes, '/tasks?status=todo,in_progress&priority=high');
    const user = userEvent.setup();

    expect(await screen.findByText('First page task')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'To do' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Done' })).not.toBeChecked();
    const first = api.callsTo('GET /api/v1/tasks')[0]!.search;
    expect(Object.fromEntries(first)).toEqual({ status: 'todo,in_progress', priority: 'high', limit: '50' });

    await user.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByText('Second page task')).toBeInTheDocument();
    expect(screen.getByText('First page task')).toBeInTheDocument();
    expect(api.callsTo('GET /api/v1/tasks')[1]!.search.get('cursor')).toBe('page-2');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('puts a changed filter in the URL and lists again', async () => {
    const api = fakeApi({ 'GET /api/v1/groups': json(200, { items: [] }), 'GET /api/v1/tasks': json(200, { items: [] }) });
    const { router } = renderRoutes(routes, '/tasks');
    const user = userEvent.setup();

    expect(await screen.findByText('No tasks yet. Add one above.')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Urgent' }));

    expect(router.state.location.search).toBe('?priority=urgent');
    expect(await screen.findByText('No tasks match these filters.')).toBeInTheDocument();
    expect(api.callsTo('GET /api/v1/tasks').at(-1)!.search.get('priority')).toBe('urgent');
  });

  it('adds a task once, with the CSRF token and an idempotency key', async () => {
    const api = fakeApi({
      'GET /api/v1/groups': json(200, { items: [] }),
      'GET /api/v1/tasks': json(200, { items: [] }),
      'POST /api/v1/tasks': json(201, task({ id: 't9', title: 'Write the report' })),
    });
    renderRoutes(routes, '/tasks');
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Add a task' }));

    await user.type(form.getByLabelText('Title'), '  Write the report ');
    await user.selectOptions(form.getByLabelText('Priority'), 'High');
    await user.click(form.getByRole('button', { name: 'Add task' }));

    await screen.findByText('No tasks yet. Add one above.');
    const [post] = api.callsTo('POST /api/v1/tasks');
    expect(post?.body).toEqual({ title: 'Write the report', priority: 'high' });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(post?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{32}$/);
    expect(form.getByLabelText('Title')).toHaveValue('');
  });

  it("shows the server's field errors next to the field", async () => {
    fakeApi({
      'GET /api/v1/groups': json(200, { items: [] }),
      'GET /api/v1/tasks': json(200, { items: [] }),
      'POST /api/v1/tasks': problem(422, 'Unprocessable Entity', {
        detail: 'One or more fields are invalid.',
        errors: [{ field: 'title', message: 'must not be empty' }],
      }),
    });
    renderRoutes(routes, '/tasks');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Title'), 'x');
    await user.click(screen.getByRole('button', { name: 'Add task' }));

    expect(await screen.findByText('must not be empty')).toBeInTheDocument();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('One or more fields are invalid.');
    expect(alert).not.toHaveTextContent('must not be empty');
  });
});
