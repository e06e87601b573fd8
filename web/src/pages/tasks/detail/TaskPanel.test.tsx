import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { storeCsrfToken } from '../../../api/csrf';
import type { Member } from '../../../api/types';
import { task } from '../../../test/factories';
import { fakeApi, json, problem, type Call } from '../../../test/fetch';
import { renderRoutes } from '../../../test/render';
import { Toaster } from '../../../toast/Toaster';
import { TasksPage } from '../TasksPage';

const GROUP = 'g1';
const ME = { id: 'u-ana', display_name: 'Ana Alves', email: 'ana@example.com', role: 'user', is_active: true, timezone: 'UTC', created_at: '2026-11-01T00:00:00Z' };
const MEMBERS: Member[] = [
  { user_id: 'u-ana', display_name: 'Ana Alves', email: 'ana@example.com', role: 'admin', joined_at: '2026-11-01T00:00:00Z' },
  { user_id: '0190b7f4-9a63-7c3e-8b5f-3c1d2e4f5a6b', display_name: 'Bo Berg', email: 'bo@example.com', role: 'member', joined_at: '2026-11-01T00:00:00Z' },
];
const open = task({ id: 't1', key: 'OPS-1', title: 'Ship the release', group_id: GROUP, version: 3 });

const routes = [
  {
    path: '/tasks',
    element: (
      <>
        <TasksPage />
        <Toaster />
      </>
    ),
  },
];

type Answer = Response | ((call: Call) => Response);

function api(extra: Record<string, Answer | Answer[]> = {}) {
  return fakeApi({
    'GET /api/v1/me': json(200, ME),
    'GET /api/v1/groups': json(200, { items: [] }),
    'GET /api/v1/tasks': json(200, { items: [open] }),
    'GET /api/v1/tasks/t1': json(200, open, { ETag: '"3"' }),
    'GET /api/v1/tasks/t1/subtasks': json(200, { items: [] }),
    'GET /api/v1/tasks/t1/relations': json(200, { items: [] }),
    'GET /api/v1/tasks/t1/attachments': json(200, { items: [] }),
    'GET /api/v1/tasks/t1/comments': json(200, { items: [] }),
    'GET /api/v1/tasks/t1/history': json(200, { items: [] }),
    [`GET /api/v1/groups/${GROUP}/members`]: json(200, MEMBERS),
    ...extra,
  });
}

beforeEach(() => storeCsrfToken('csrf-1'));

/** The open task's panel, once loaded. */
async function panel() {
  return within(await screen.findByRole('complementary', { name: 'Task OPS-1' }));
}

describe('TaskPanel', () => {
  it('saves an edited title based on the version it showed', async () => {
    const calls = api({ 'PATCH /api/v1/tasks/t1': (call) => json(200, { ...open, title: (call.body as { title: string }).title, version: 4 }) });
    renderRoutes(routes, '/tasks?task=t1');
    const user = userEvent.setup();
    const title = await (await panel()).findByLabelText('Title');
    expect(title).toHaveValue('Ship the release');

    await user.clear(title);
    await user.type(title, 'Ship the release today{Enter}');

    await waitFor(() => expect(calls.callsTo('PATCH /api/v1/tasks/t1')).toHaveLength(1));
    const [patch] = calls.callsTo('PATCH /api/v1/tasks/t1');
    expect(patch!.body).toEqual({ title: 'Ship the release today' });
    expect(patch!.headers.get('If-Match')).toBe('"3"');
    // The list under the panel shows the new title too.
    expect(await screen.findByRole('link', { name: 'Ship the release today' })).toBeInTheDocument();
  });

  it("shows the other person's version when its edit was based on a stale one", async () => {
    const theirs = { ...open, title: 'Their title', priority: 'urgent', version: 4 };
    api({ 'PATCH /api/v1/tasks/t1': problem(412, 'Precondition Failed', { detail: 'The task changed.', current: theirs }) });
    renderRoutes(routes, '/tasks?task=t1');
    const user = userEvent.setup();

    const detail = await panel();
    await user.selectOptions(await detail.findByLabelText('Priority'), 'High');

    expect(await screen.findByText(/Someone else changed this task meanwhile/)).toBeInTheDocument();
    expect(detail.getByLabelText('Title')).toHaveValue('Their title');
    expect(detail.getByLabelText('Priority')).toHaveValue('urgent');
  });

  it('rolls a refused change back and names the field', async () => {
    api({
      'PATCH /api/v1/tasks/t1': problem(422, 'Unprocessable Entity', { errors: [{ field: 'start_date', message: 'must not be after the due date' }] }),
    });
    renderRoutes(routes, '/tasks?task=t1');
    const user = userEvent.setup();
    const detail = await panel();
    const start = await detail.findByLabelText('Starts');

    await user.type(start, '2026-12-24');

    expect(await screen.findByText('must not be after the due date')).toBeInTheDocument();
    expect(detail.getByLabelText('Starts')).toHaveValue('');
  });

  it('mentions a member picked from the suggestions and posts the comment', async () => {
    const calls = api({ 'POST /api/v1/tasks/t1/comments': json(201, { id: 'c1', task_id: 't1', author_id: 'u-ana', body: 'x', created_at: '2026-11-02T10:00:00Z', hidden: false }) });
    renderRoutes(routes, '/tasks?task=t1');
    const user = userEvent.setup();
    const box = await screen.findByRole('combobox', { name: 'Add a comment' });
    await screen.findByText('No comments yet.');

    await user.type(box, 'Thanks @bo');
    const suggestions = await screen.findByRole('listbox', { name: 'Mention a member' });
    expect(within(suggestions).getByRole('option', { name: /Bo Berg/ })).toBeInTheDocument();
    await user.keyboard('{Enter}');
    await user.type(box, 'for the review');
    expect(box).toHaveValue('Thanks @[Bo Berg](user:0190b7f4-9a63-7c3e-8b5f-3c1d2e4f5a6b) for the review');

    await user.click(screen.getByRole('tab', { name: 'Preview' }));
    expect(screen.getByText('@Bo Berg')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(calls.callsTo('POST /api/v1/tasks/t1/comments')).toHaveLength(1));
    expect(calls.callsTo('POST /api/v1/tasks/t1/comments')[0]!.body).toEqual({ body: 'Thanks @[Bo Berg](user:0190b7f4-9a63-7c3e-8b5f-3c1d2e4f5a6b) for the review' });
  });

  it('lets a group admin hide a comment, and show it again', async () => {
    const BO = '0190b7f4-9a63-7c3e-8b5f-3c1d2e4f5a6b';
    const comment = { id: 'c1', task_id: 't1', author_id: BO, body: 'Off-topic rant', created_at: '2026-11-02T10:00:00Z', hidden: false };
    const calls = api({
      'GET /api/v1/tasks/t1/comments': [json(200, { items: [comment] }), json(200, { items: [{ ...comment, body: null, hidden: true }] })],
      'POST /api/v1/tasks/t1/comments/c1/hide': json(200, { ...comment, body: null, hidden: true }),
    });
    renderRoutes(routes, '/tasks?task=t1');
    const user = userEvent.setup();
    const detail = await panel();

    await user.click(await detail.findByRole('button', { name: 'Hide comment by Bo Berg' }));

    expect(await detail.findByText('Hidden by a group admin.')).toBeInTheDocument();
    expect(calls.callsTo('POST /api/v1/tasks/t1/comments/c1/hide')).toHaveLength(1);
    expect(detail.getByRole('button', { name: 'Unhide comment by Bo Berg' })).toBeInTheDocument();
  });

  it('offers no moderation to a member who is not a group admin', async () => {
    const BO = '0190b7f4-9a63-7c3e-8b5f-3c1d2e4f5a6b';
    const comment = { id: 'c1', task_id: 't1', author_id: BO, body: 'Off-topic rant', created_at: '2026-11-02T10:00:00Z', hidden: false };
    api({
      [`GET /api/v1/groups/${GROUP}/members`]: json(200, MEMBERS.map((m) => ({ ...m, role: 'member' }))),
      'GET /api/v1/tasks/t1/comments': json(200, { items: [comment] }),
    });
    renderRoutes(routes, '/tasks?task=t1');
    const detail = await panel();

    // The author's name shows once the group's members are known: the moderator check reads them too.
    expect(await detail.findByText('Bo Berg', { selector: 'li span' })).toBeInTheDocument();
    expect(detail.getByText('Off-topic rant')).toBeInTheDocument();
    expect(detail.queryByRole('button', { name: 'Hide comment by Bo Berg' })).not.toBeInTheDocument();
  });

  it('turns a due day into a due time in the viewer\'s zone', async () => {
    const dated = { ...open, due_date: '2026-12-01' };
    const calls = api({
      'GET /api/v1/tasks/t1': json(200, dated),
      'PATCH /api/v1/tasks/t1': (call) => json(200, { ...dated, ...(call.body as object), version: 4 }),
    });
    renderRoutes(routes, '/tasks?task=t1');
    const user = userEvent.setup();
    const detail = await panel();

    await user.click(await detail.findByRole('button', { name: 'Add a time' }));

    await waitFor(() => expect(calls.callsTo('PATCH /api/v1/tasks/t1')).toHaveLength(1));
    expect(calls.callsTo('PATCH /api/v1/tasks/t1')[0]!.body).toEqual({
      due_date: null,
      due_at: new Date('2026-12-01T09:00').toISOString(),
      due_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    expect(await detail.findByLabelText('Due')).toHaveValue('2026-12-01T09:00');
  });
});
