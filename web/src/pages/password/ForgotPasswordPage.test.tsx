import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { fakeApi, problem } from '../../test/fetch';
import { renderRoutes } from '../../test/render';
import { ForgotPasswordPage } from './ForgotPasswordPage';

const routes = [{ path: '/forgot-password', Component: ForgotPasswordPage }];

describe('ForgotPasswordPage', () => {
  it('asks for a link and says where it went, without telling whether the account exists', async () => {
    const api = fakeApi({ 'POST /api/v1/auth/password/forgot': new Response(null, { status: 202 }) });
    renderRoutes(routes, '/forgot-password');
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('E-mail'), ' ana@example.com ');
    await user.click(screen.getByRole('button', { name: 'Send the link' }));

    expect(await screen.findByText(/If an account uses ana@example.com, a link/)).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo('POST /api/v1/auth/password/forgot')).toHaveLength(1));
    expect(api.callsTo('POST /api/v1/auth/password/forgot')[0]!.body).toEqual({ email: 'ana@example.com' });
  });

  it("checks the address first, and shows the server's word next to it", async () => {
    const api = fakeApi({
      'POST /api/v1/auth/password/forgot': problem(422, 'Unprocessable Entity', { errors: [{ field: 'email', message: 'is too long' }] }),
    });
    renderRoutes(routes, '/forgot-password');
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(await screen.findByText('Enter the e-mail address you sign in with.')).toBeInTheDocument();
    expect(api.calls).toHaveLength(0);

    await user.type(screen.getByLabelText('E-mail'), 'ana@example.com');
    await user.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(await screen.findByText('is too long')).toBeInTheDocument();
  });
});
