import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { readCsrfToken } from '../../api/csrf';
import { fakeApi, json, problem } from '../../test/fetch';
import { renderRoutes } from '../../test/render';
import { LoginPage } from './LoginPage';

const routes = [
  { path: '/login', Component: LoginPage },
  { path: '/tasks', element: <p>The tasks page</p> },
  { path: '/', element: <p>Home</p> },
];

const challenge = { mfa_required: true, mfa_token: 'mfa-1', methods: ['totp', 'backup_code'], expires_in: 300 };
const cookieSession = { token_type: 'cookie', expires_in: 900, csrf_token: 'csrf-1' };

async function enterPassword() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('E-mail'), ' ana@example.com ');
  await user.type(screen.getByLabelText('Password'), 'correct horse');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return user;
}

describe('LoginPage', () => {
  it('signs in with a password and an authenticator code, then goes back where the user was', async () => {
    const api = fakeApi({
      'POST /api/v1/auth/login': json(200, challenge),
      'POST /api/v1/auth/mfa': json(200, cookieSession),
    });
    renderRoutes(routes, '/login?next=%2Ftasks');

    const user = await enterPassword();
    expect(await screen.findByRole('heading', { name: 'Two-step verification' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Code'), '123 456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByText('The tasks page')).toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/auth/login')[0]?.body).toEqual({
      email: 'ana@example.com',
      password: 'correct horse',
      session: 'cookie',
    });
    expect(api.callsTo('POST /api/v1/auth/mfa')[0]?.body).toEqual({ mfa_token: 'mfa-1', code: '123456' });
    expect(readCsrfToken()).toBe('csrf-1');
  });

  it('offers a backup code when the account has one', async () => {
    const api = fakeApi({
      'POST /api/v1/auth/login': json(200, challenge),
      'POST /api/v1/auth/mfa': json(200, cookieSession),
    });
    renderRoutes(routes, '/login');

    const user = await enterPassword();
    await user.click(await screen.findByRole('radio', { name: 'Use a backup code' }));
    await user.type(screen.getByLabelText('Backup code'), 'K3M9 X2PQ 7HVD A0WZ');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByText('Home')).toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/auth/mfa')[0]?.body).toEqual({
      mfa_token: 'mfa-1',
      backup_code: 'k3m9-x2pq-7hvd-a0wz',
    });
  });

  it("shows the server's answer and request id when the credentials are wrong", async () => {
    fakeApi({ 'POST /api/v1/auth/login': problem(401, 'Unauthorized', { detail: 'Invalid credentials.' }) });
    renderRoutes(routes, '/login');

    await enterPassword();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Invalid credentials.');
    expect(alert).toHaveTextContent('Request ID: req-1');
  });

  it('checks the fields before asking the server', async () => {
    const api = fakeApi({});
    renderRoutes(routes, '/login');
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('E-mail'), 'ana');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Enter an e-mail address like ana@example.com.')).toBeInTheDocument();
    expect(screen.getByLabelText('E-mail')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(api.calls).toHaveLength(0);
  });
});
