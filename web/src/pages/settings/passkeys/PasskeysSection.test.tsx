import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { fakeApi, json } from '../../../test/fetch';
import { accountRoutes, expectNoSeriousViolations, mfaStatus, renderSettings } from '../test-kit';
import { asBytes, fakeAuthenticator, removeFakeAuthenticator } from './fake-authenticator';

// What webauthn-rs sends, bytes as base64url and absent options as null.
const creationOptions = {
  publicKey: {
    rp: { name: 'Dayline', id: 'dayline.example' },
    user: { id: 'AQID', name: 'ana@example.com', displayName: 'Ana Lima' },
    challenge: 'BAUG',
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    timeout: 300000,
    excludeCredentials: [{ type: 'public-key', id: 'BwgJ', transports: ['internal'] }],
    authenticatorSelection: { residentKey: 'discouraged', requireResidentKey: false, userVerification: 'preferred' },
    attestation: 'none',
    hints: null,
    extensions: { credProps: true, uvm: true },
  },
};
const laptop = { id: 'pk-1', name: 'Work laptop', created_at: '2026-10-01T08:00:00Z', last_used_at: null };
const key = { id: 'pk-2', name: 'Security key', created_at: '2026-10-02T08:00:00Z', last_used_at: '2026-11-01T08:00:00Z' };
const noContent = () => new Response(null, { status: 204 });

function passkeyList() {
  return screen.getByRole('list', { name: 'Passkeys' });
}

afterEach(removeFakeAuthenticator);

describe('Passkeys', () => {
  it('registers a passkey with the browser and lists it', async () => {
    const authenticator = fakeAuthenticator();
    const api = fakeApi({
      ...accountRoutes(mfaStatus({ totp_enabled: true })),
      'GET /api/v1/me/passkeys': [json(200, []), json(200, [laptop])],
      'POST /api/v1/me/passkeys/registration': json(200, { ceremony_id: 'c-1', options: creationOptions }),
      'POST /api/v1/me/passkeys': json(201, laptop),
    });
    renderSettings('security');
    const user = userEvent.setup();

    expect(await screen.findByText('You have no passkeys yet.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Name for a new passkey'), ' Work laptop ');
    await user.click(screen.getByRole('button', { name: 'Add a passkey' }));

    expect(await screen.findByText('Passkey “Work laptop” added.')).toBeInTheDocument();
    expect(await within(passkeyList()).findByText('Work laptop')).toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/me/passkeys/registration')[0]?.body).toEqual({ name: 'Work laptop' });

    const { publicKey } = authenticator.create.mock.calls[0]![0];
    expect(asBytes(publicKey?.challenge)).toEqual([4, 5, 6]);
    expect(asBytes(publicKey?.user.id)).toEqual([1, 2, 3]);
    expect(publicKey?.user.displayName).toBe('Ana Lima');
    expect(publicKey?.rp).toEqual({ name: 'Dayline', id: 'dayline.example' });
    expect(publicKey?.excludeCredentials?.map((c) => asBytes(c.id))).toEqual([[7, 8, 9]]);
    expect(publicKey).not.toHaveProperty('hints');

    expect(api.callsTo('POST /api/v1/me/passkeys')[0]?.body).toEqual({
      ceremony_id: 'c-1',
      credential: {
        id: 'Y3JlZC0x',
        rawId: 'AQID',
        type: 'public-key',
        response: { attestationObject: 'BAU', clientDataJSON: 'Bg', transports: ['internal'] },
        extensions: { credProps: { rk: true } },
      },
    });
  });

  it('says so when the browser prompt is closed', async () => {
    const authenticator = fakeAuthenticator();
    authenticator.create.mockRejectedValueOnce(new DOMException('closed', 'NotAllowedError'));
    const api = fakeApi({
      ...accountRoutes(),
      'GET /api/v1/me/passkeys': json(200, []),
      'POST /api/v1/me/passkeys/registration': json(200, { ceremony_id: 'c-1', options: creationOptions }),
    });
    renderSettings('security');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Name for a new passkey'), 'Phone');
    await user.click(screen.getByRole('button', { name: 'Add a passkey' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The passkey prompt was closed or timed out. Try again.');
    expect(api.callsTo('POST /api/v1/me/passkeys')).toHaveLength(0);
  });

  it('renames a passkey in place', async () => {
    fakeAuthenticator();
    const api = fakeApi({
      ...accountRoutes(mfaStatus({ passkeys: 2 })),
      'GET /api/v1/me/passkeys': json(200, [laptop, key]),
      'PATCH /api/v1/me/passkeys/pk-1': ({ body }) => json(200, { ...laptop, ...(body as object) }),
    });
    renderSettings('security');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Rename Work laptop' }));
    const name = screen.getByLabelText('New name for “Work laptop”');
    expect(name).toHaveFocus();
    await user.clear(name);
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    expect(await screen.findByText('Give the passkey a name.')).toBeInTheDocument();

    await user.type(name, 'Home laptop');
    await user.click(screen.getByRole('button', { name: 'Save name' }));

    expect(await screen.findByText('Passkey renamed to “Home laptop”.')).toBeInTheDocument();
    expect(within(passkeyList()).getByText('Home laptop')).toBeInTheDocument();
    expect(api.callsTo('PATCH /api/v1/me/passkeys/pk-1')[0]?.body).toEqual({ name: 'Home laptop' });
  });

  it('removes a passkey after asking', async () => {
    fakeAuthenticator();
    const api = fakeApi({
      ...accountRoutes(mfaStatus({ passkeys: 2 })),
      'GET /api/v1/me/passkeys': [json(200, [laptop, key]), json(200, [laptop])],
      'DELETE /api/v1/me/passkeys/pk-2': noContent(),
    });
    renderSettings('security');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Remove Security key' }));
    await expectNoSeriousViolations();
    await user.click(screen.getByRole('button', { name: 'Remove passkey' }));

    expect(await screen.findByText('Passkey “Security key” removed.')).toBeInTheDocument();
    expect(api.callsTo('DELETE /api/v1/me/passkeys/pk-2')).toHaveLength(1);
    await waitFor(() => expect(within(passkeyList()).queryByText('Security key')).not.toBeInTheDocument());
  });

  it('explains when the browser cannot create passkeys', async () => {
    fakeApi({ ...accountRoutes(), 'GET /api/v1/me/passkeys': json(200, []) });
    renderSettings('security');

    expect(await screen.findByText('This browser cannot create passkeys. Try another browser or device.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add a passkey' })).not.toBeInTheDocument();
  });
});
