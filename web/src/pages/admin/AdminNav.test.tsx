import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { MainNav } from '../../shell/MainNav';
import { fakeApi, json } from '../../test/fetch';
import { renderRoutes } from '../../test/render';
import { adminUser, superAdmin } from './test-data';

function renderNav() {
  return renderRoutes([{ path: '/', element: <MainNav id="nav" open={false} onClose={() => {}} /> }], '/');
}

describe('Admin links in the main navigation', () => {
  it('are there for super admins', async () => {
    fakeApi({ 'GET /api/v1/me': json(200, superAdmin) });
    renderNav();

    const admin = await screen.findByRole('list', { name: 'Admin' });
    expect(admin).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Users' })).toHaveAttribute('href', '/admin/users');
    expect(screen.getByRole('link', { name: 'Audit log' })).toHaveAttribute('href', '/admin/audit');
    expect(screen.getByRole('link', { name: 'Jobs' })).toHaveAttribute('href', '/admin/jobs');
  });

  it('are hidden from regular users', async () => {
    fakeApi({ 'GET /api/v1/me': json(200, adminUser({ id: 'u1', display_name: 'Ada Lovelace' })) });
    const { queryClient } = renderNav();

    expect(await screen.findByRole('link', { name: 'Tasks' })).toBeInTheDocument();
    await waitFor(() => expect(queryClient.getQueryData(['me'])).toBeDefined());
    expect(screen.queryByText('Admin')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
  });
});
