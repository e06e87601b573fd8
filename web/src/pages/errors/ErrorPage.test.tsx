import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { fakeApi, problem } from '../../test/fetch';
import { renderRoutes } from '../../test/render';
import { GroupsPage } from '../groups/GroupsPage';
import { ErrorPage } from './ErrorPage';

describe('ErrorPage', () => {
  it("shows a failed page's problem detail and request id", async () => {
    // React reports every error a boundary catches; here that is the point of the test.
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {});
    fakeApi({
      'GET /api/v1/groups': problem(403, 'Forbidden', { detail: 'Set up a second factor first.', request_id: '01JB-REQ' }),
    });
    renderRoutes([{ path: '/groups', Component: GroupsPage, errorElement: <ErrorPage /> }], '/groups');

    expect(await screen.findByRole('heading', { name: '403 Forbidden' })).toBeInTheDocument();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Set up a second factor first.');
    expect(alert).toHaveTextContent('Request ID: 01JB-REQ');
    expect(screen.getByRole('link', { name: 'Go to Home' })).toHaveAttribute('href', '/');
    expect(reported).toHaveBeenCalled();
  });
});
