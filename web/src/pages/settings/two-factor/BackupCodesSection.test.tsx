import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { fakeApi, json, problem } from '../../../test/fetch';
import { accountRoutes, expectNoSeriousViolations, mfaStatus, renderSettings } from '../test-kit';

const codes = ['k3m9-x2pq-7hvd-a0wz', 'b7c1-qq2e-9fgh-0jkm'];

function section(name: string) {
  return screen.getByRole('region', { name });
}

describe('Backup codes', () => {
  it('downloads the new backup codes as a text file and prints them', async () => {
    fakeApi({
      ...accountRoutes(mfaStatus({ totp_enabled: true, backup_codes_remaining: 3 })),
      'GET /api/v1/me/passkeys': json(200, []),
      'POST /api/v1/me/mfa/backup-codes': json(200, { codes }),
    });
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:codes';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    // happy-dom has no printing.
    const print = vi.fn();
    vi.stubGlobal('print', print);
    renderSettings('security');
    const user = userEvent.setup();

    expect(await screen.findByText('You have 3 unused backup codes left.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create new backup codes' }));
    await user.type(within(section('Backup codes')).getByLabelText('Password'), 'my password');
    await user.click(screen.getByRole('button', { name: 'Create new codes' }));
    const saved = await screen.findByRole('region', { name: 'Save your backup codes' });

    await user.click(within(saved).getByRole('button', { name: 'Download' }));
    expect(clicked[0]?.download).toBe('dayline-backup-codes.txt');
    expect(clicked[0]?.getAttribute('href')).toBe('blob:codes');
    const text = await created[0]!.text();
    expect(text).toContain('Dayline backup codes for ana@example.com');
    for (const code of codes) expect(text).toContain(code);

    await user.click(within(saved).getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('puts a wrong password next to the field', async () => {
    fakeApi({
      ...accountRoutes(mfaStatus({ passkeys: 1, backup_codes_remaining: 0 })),
      'GET /api/v1/me/passkeys': json(200, []),
      'POST /api/v1/me/mfa/backup-codes': problem(422, 'Unprocessable Entity', {
        errors: [{ field: 'password', message: 'is not your current password' }],
      }),
    });
    renderSettings('security');
    const user = userEvent.setup();

    expect(await screen.findByText('You have no unused backup codes left. Create new ones.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create new backup codes' }));
    const password = within(section('Backup codes')).getByLabelText('Password');
    await user.type(password, 'wrong');
    await user.click(screen.getByRole('button', { name: 'Create new codes' }));

    expect(await screen.findByText('is not your current password')).toBeInTheDocument();
    expect(password).toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousViolations();
  });

  it('says they come with a second factor when there is none', async () => {
    fakeApi({ ...accountRoutes(), 'GET /api/v1/me/passkeys': json(200, []) });
    renderSettings('security');

    expect(await screen.findByText(/Backup codes come with an authenticator app or a passkey/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create new backup codes' })).not.toBeInTheDocument();
  });
});
