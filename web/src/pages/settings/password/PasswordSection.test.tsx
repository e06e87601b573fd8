import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { fakeApi, json, problem } from '../../../test/fetch';
import { accountRoutes, renderSettings } from '../test-kit';

async function fillIn(current: string, next: string, again = next) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Current password'), current);
  await user.type(screen.getByLabelText('New password'), next);
  await user.type(screen.getByLabelText('New password again'), again);
  await user.click(screen.getByRole('button', { name: 'Change password' }));
}

const otherRoutes = {
  'GET /api/v1/me/passkeys': json(200, []),
};

describe('Password', () => {
  it('changes the password and tells the other sessions ended', async () => {
    const api = fakeApi({
      ...accountRoutes(),
      ...otherRoutes,
      'POST /api/v1/me/password': new Response(null, { status: 204 }),
    });
    renderSettings('security');

    await fillIn('old secret', 'correct horse battery staple');

    expect(await screen.findByText('Password changed. Your other sessions were signed out.')).toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/me/password')[0]?.body).toEqual({
      current_password: 'old secret',
      new_password: 'correct horse battery staple',
    });
    expect(screen.getByLabelText('New password')).toHaveValue('');
  });

  it('applies the length rules and the repeat check before asking the server', async () => {
    const api = fakeApi({ ...accountRoutes(), ...otherRoutes });
    renderSettings('security');

    await fillIn('old secret', 'short');
    expect(await screen.findByText('Use at least 8 characters.')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('New password'));
    await user.type(screen.getByLabelText('New password'), 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('This differs from the new password above.')).toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/me/password')).toHaveLength(0);
  });

  it("shows the server's judgement of the new password next to it", async () => {
    fakeApi({
      ...accountRoutes(),
      ...otherRoutes,
      'POST /api/v1/me/password': problem(422, 'Unprocessable Entity', {
        errors: [{ field: 'new_password', message: 'is too easy to guess; a few unrelated words make a strong password' }],
      }),
    });
    renderSettings('security');

    await fillIn('old secret', 'password1');

    expect(await screen.findByText(/is too easy to guess/)).toBeInTheDocument();
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true');
  });
});
