import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { fakeApi, json, problem } from '../../test/fetch';
import { fakeAuthenticator, removeFakeAuthenticator } from './passkeys/fake-authenticator';
import { accountRoutes, mfaStatus, renderSettings } from './test-kit';

const stepUpRequired = () => problem(401, 'Unauthorized', { type: '/problems/step-up-required' });
const noContent = () => new Response(null, { status: 204 });
const requestOptions = {
  publicKey: { challenge: 'AQID', rpId: 'dayline.example', allowCredentials: [{ type: 'public-key', id: 'BAUG' }] },
};
const created = {
  id: 't-1',
  name: 'Exporter',
  scopes: ['read'],
  created_at: '2026-11-02T09:00:00Z',
  token: 'dl_pat_secret',
};

async function createToken() {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Name'), 'Exporter');
  await user.click(screen.getByRole('button', { name: 'Create token' }));
  return user;
}

afterEach(removeFakeAuthenticator);

describe('Step-up', () => {
  it('proves a passkey, then repeats the refused request', async () => {
    const authenticator = fakeAuthenticator();
    const api = fakeApi({
      ...accountRoutes(mfaStatus({ totp_enabled: true, passkeys: 1, backup_codes_remaining: 4 })),
      'GET /api/v1/me/tokens': json(200, []),
      'POST /api/v1/me/tokens': [stepUpRequired(), json(201, created)],
      'POST /api/v1/auth/step-up/webauthn': json(200, { ceremony_id: 'c-9', options: requestOptions }),
      'POST /api/v1/auth/step-up': noContent(),
    });
    renderSettings('tokens');

    const user = await createToken();
    const prompt = await screen.findByRole('group', { name: 'Confirm it’s you' });
    const methods = within(prompt).getAllByRole('radio').map((radio) => radio.closest('label')?.textContent);
    expect(methods).toEqual(['Passkey', 'Authenticator app', 'Backup code']);
    await user.click(within(prompt).getByRole('button', { name: 'Use a passkey' }));

    expect(await screen.findByRole('region', { name: 'Copy your new token' })).toBeInTheDocument();
    expect(authenticator.get).toHaveBeenCalledOnce();
    expect(api.callsTo('POST /api/v1/auth/step-up')[0]?.body).toMatchObject({
      webauthn: { ceremony_id: 'c-9', credential: { id: 'Y3JlZC0x', type: 'public-key' } },
    });
    const attempts = api.callsTo('POST /api/v1/me/tokens');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]?.body).toEqual(attempts[0]?.body);
  });

  it('lets the person back out, leaving the action undone', async () => {
    const api = fakeApi({
      ...accountRoutes(mfaStatus({ totp_enabled: true })),
      'GET /api/v1/me/tokens': json(200, []),
      'POST /api/v1/me/tokens': stepUpRequired(),
    });
    renderSettings('tokens');

    const user = await createToken();
    const prompt = await screen.findByRole('group', { name: 'Confirm it’s you' });
    await user.click(within(prompt).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('group', { name: 'Confirm it’s you' })).not.toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/me/tokens')).toHaveLength(1);
  });

  it('explains when the account has no factor to prove', async () => {
    fakeApi({
      ...accountRoutes(mfaStatus()),
      'GET /api/v1/me/tokens': json(200, []),
      'POST /api/v1/me/tokens': stepUpRequired(),
    });
    renderSettings('tokens');

    await createToken();

    expect(await screen.findByText(/Your account has no second factor this browser can use/)).toBeInTheDocument();
  });
});
