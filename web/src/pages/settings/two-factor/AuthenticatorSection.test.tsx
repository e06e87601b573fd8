import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { fakeApi, json, problem } from '../../../test/fetch';
import { accountRoutes, expectNoSeriousViolations, mfaStatus, renderSettings } from '../test-kit';

const enrolment = {
  secret: 'JBSWY3DPEHPK3PXP',
  otpauth_uri: 'otpauth://totp/Dayline:ana%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Dayline',
};
const codes = ['k3m9-x2pq-7hvd-a0wz', 'b7c1-qq2e-9fgh-0jkm'];
const noContent = () => new Response(null, { status: 204 });
const stepUpRequired = () =>
  problem(401, 'Unauthorized', {
    type: '/problems/step-up-required',
    detail: 'This action needs a second factor proved in the last 5 minutes: POST /api/v1/auth/step-up.',
  });

function section(name: string) {
  return screen.getByRole('region', { name });
}

describe('Authenticator app', () => {
  it('shows a QR code and the key, turns on with a code, then shows the backup codes once', async () => {
    const api = fakeApi({
      ...accountRoutes(),
      'GET /api/v1/me/mfa': [
        json(200, mfaStatus()),
        json(200, mfaStatus({ totp_enabled: true, backup_codes_remaining: 2 })),
      ],
      'GET /api/v1/me/passkeys': json(200, []),
      'POST /api/v1/me/mfa/totp': json(200, enrolment),
      'POST /api/v1/me/mfa/totp/confirm': json(200, { codes }),
    });
    renderSettings('security');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Set up an authenticator app' }));

    const qr = await screen.findByRole('img', { name: 'QR code to add Dayline to your authenticator app' });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP')).toBeInTheDocument();
    await expectNoSeriousViolations();

    await user.type(screen.getByLabelText('Code from the app'), '12345');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByText('Enter the 6-digit code from your authenticator app.')).toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/me/mfa/totp/confirm')).toHaveLength(0);

    await user.type(screen.getByLabelText('Code from the app'), '6');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));

    const saved = await screen.findByRole('region', { name: 'Save your backup codes' });
    expect(within(saved).getAllByRole('listitem').map((li) => li.textContent)).toEqual(codes);
    expect(api.callsTo('POST /api/v1/me/mfa/totp/confirm')[0]?.body).toEqual({ code: '123456' });
    expect(screen.getByText('Authenticator app set up.')).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /QR code/ })).not.toBeInTheDocument();

    await user.click(within(saved).getByRole('button', { name: 'I have saved them' }));
    expect(screen.queryByText(codes[0]!)).not.toBeInTheDocument();
    expect(await within(section('Authenticator app')).findByText('On')).toBeInTheDocument();
  });

  it('asks for a fresh second factor when the server wants one, then retries the removal', async () => {
    const api = fakeApi({
      ...accountRoutes(mfaStatus({ totp_enabled: true, backup_codes_remaining: 5 })),
      'GET /api/v1/me/passkeys': json(200, []),
      'DELETE /api/v1/me/mfa/totp': [stepUpRequired(), noContent()],
      'POST /api/v1/auth/step-up': [
        problem(422, 'Unprocessable Entity', { errors: [{ field: 'code', message: 'is not a valid second factor' }] }),
        noContent(),
      ],
    });
    renderSettings('security');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Remove authenticator app' }));
    await user.type(within(section('Authenticator app')).getByLabelText('Password'), 'my password');
    await user.type(screen.getByLabelText('Code'), '111111');
    await user.click(screen.getByRole('button', { name: 'Remove authenticator' }));

    const prompt = await screen.findByRole('group', { name: 'Confirm it’s you' });
    await expectNoSeriousViolations();
    const stepUpCode = within(prompt).getByLabelText('Code');
    expect(stepUpCode).toHaveFocus();
    await user.type(stepUpCode, '222222');
    await user.click(within(prompt).getByRole('button', { name: 'Confirm and continue' }));
    expect(await within(prompt).findByText('is not a valid second factor')).toBeInTheDocument();

    await user.clear(stepUpCode);
    await user.type(stepUpCode, '333333');
    await user.click(within(prompt).getByRole('button', { name: 'Confirm and continue' }));

    expect(await screen.findByText('Authenticator app removed.')).toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/auth/step-up').map((c) => c.body)).toEqual([{ code: '222222' }, { code: '333333' }]);
    const removals = api.callsTo('DELETE /api/v1/me/mfa/totp');
    expect(removals).toHaveLength(2);
    expect(removals[1]?.body).toEqual({ password: 'my password', code: '111111' });
    // A step-up refusal is not a lost session: no renewal, no trip to the sign-in page.
    expect(api.callsTo('POST /api/v1/auth/refresh')).toHaveLength(0);
    expect(screen.queryByRole('heading', { name: 'Sign in' })).not.toBeInTheDocument();
  });

  it('removes the authenticator with a backup code', async () => {
    const api = fakeApi({
      ...accountRoutes(mfaStatus({ totp_enabled: true, backup_codes_remaining: 5 })),
      'GET /api/v1/me/passkeys': json(200, []),
      'DELETE /api/v1/me/mfa/totp': problem(422, 'Unprocessable Entity', {
        errors: [{ field: 'backup_code', message: 'is not a valid second factor' }],
      }),
    });
    renderSettings('security');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Remove authenticator app' }));
    await user.type(within(section('Authenticator app')).getByLabelText('Password'), 'my password');
    await user.click(screen.getByRole('radio', { name: 'A backup code' }));
    await user.type(screen.getByLabelText('Backup code'), 'K3M9 X2PQ 7HVD A0WZ');
    await user.click(screen.getByRole('button', { name: 'Remove authenticator' }));

    expect(await screen.findByText('is not a valid second factor')).toBeInTheDocument();
    expect(screen.getByLabelText('Backup code')).toHaveAttribute('aria-invalid', 'true');
    expect(api.callsTo('DELETE /api/v1/me/mfa/totp')[0]?.body).toEqual({
      password: 'my password',
      backup_code: 'k3m9-x2pq-7hvd-a0wz',
    });
  });
});
