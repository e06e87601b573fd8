import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { readCsrfToken, storeCsrfToken } from '../../../api/csrf';
import { fakeApi, json } from '../../../test/fetch';
import { accountRoutes, renderSettings } from '../test-kit';

const laptop = {
  id: 's-1',
  current: true,
  created_at: '2026-11-01T08:00:00Z',
  last_used_at: '2026-11-02T09:00:00Z',
  ip: '192.0.2.10',
  user_agent: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
};
const phone = {
  id: 's-2',
  current: false,
  created_at: '2026-10-20T08:00:00Z',
  last_used_at: '2026-11-01T18:00:00Z',
  ip: '198.51.100.7',
  user_agent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
};
const noContent = () => new Response(null, { status: 204 });

describe('Sessions', () => {
  it('lists the sessions and marks the one in use', async () => {
    fakeApi({ ...accountRoutes(), 'GET /api/v1/me/sessions': json(200, [laptop, phone]) });
    renderSettings('sessions');

    const items = within(await screen.findByRole('list', { name: 'Sessions' })).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Firefox on Linux');
    expect(items[0]).toHaveTextContent('This session');
    expect(items[0]).toHaveTextContent('192.0.2.10');
    expect(within(items[0]!).queryByRole('button')).not.toBeInTheDocument();
    expect(items[1]).toHaveTextContent('Safari on iOS');
    expect(items[1]).not.toHaveTextContent('This session');
  });

  it('signs out of another session', async () => {
    const api = fakeApi({
      ...accountRoutes(),
      'GET /api/v1/me/sessions': [json(200, [laptop, phone]), json(200, [laptop])],
      'DELETE /api/v1/me/sessions/s-2': noContent(),
    });
    renderSettings('sessions');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Sign out Safari on iOS' }));

    expect(await screen.findByText('Signed out of that session.')).toBeInTheDocument();
    expect(api.callsTo('DELETE /api/v1/me/sessions/s-2')).toHaveLength(1);
    const list = screen.getByRole('list', { name: 'Sessions' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
  });

  it('signs out everywhere after asking, then goes to the sign-in page', async () => {
    storeCsrfToken('csrf-1');
    const api = fakeApi({
      ...accountRoutes(),
      'GET /api/v1/me/sessions': json(200, [laptop, phone]),
      'DELETE /api/v1/me/sessions': noContent(),
    });
    renderSettings('sessions');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Sign out everywhere' }));
    expect(screen.getByText(/Sign out of every session, this one included\?/)).toBeInTheDocument();
    expect(api.callsTo('DELETE /api/v1/me/sessions')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Sign out of all sessions' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(api.callsTo('DELETE /api/v1/me/sessions')).toHaveLength(1);
    expect(api.callsTo('DELETE /api/v1/me/sessions')[0]?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(readCsrfToken()).toBeNull();
  });

  it('cancels signing out everywhere with Escape, back on the first button', async () => {
    const api = fakeApi({ ...accountRoutes(), 'GET /api/v1/me/sessions': json(200, [laptop]) });
    renderSettings('sessions');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Sign out everywhere' }));
    // The safe choice takes the focus.
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Escape}');

    expect(screen.getByRole('button', { name: 'Sign out everywhere' })).toHaveFocus();
    expect(api.callsTo('DELETE /api/v1/me/sessions')).toHaveLength(0);
  });
});
