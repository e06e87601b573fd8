import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { fakeApi, json } from '../../test/fetch';
import { accountRoutes, expectNoSeriousViolations, mfaStatus, renderSettings } from './test-kit';

describe('SettingsPage', () => {
  it('moves between sections with links that mark the current one', async () => {
    fakeApi({ ...accountRoutes(), 'GET /api/v1/me/sessions': json(200, []) });
    renderSettings('profile');
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { name: 'Profile' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Appearance' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Settings' });
    expect(screen.getByRole('link', { name: 'Profile' })).toHaveAttribute('aria-current', 'page');

    await user.click(screen.getByRole('link', { name: 'Sessions' }));
    expect(await screen.findByRole('heading', { name: 'Sessions' })).toBeInTheDocument();
    expect(nav.querySelector('[aria-current="page"]')).toHaveTextContent('Sessions');
    expect(screen.queryByRole('heading', { name: 'Profile' })).not.toBeInTheDocument();
  });

  it('tells a super admin without a second factor to set one up first', async () => {
    fakeApi(accountRoutes(mfaStatus({ enrolment_required: true })));
    renderSettings('profile');

    expect(await screen.findByText('Set up two-step verification to continue.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Set one up now' })).toHaveAttribute('href', '/settings?section=security');
  });

  it.each(['profile', 'security', 'sessions', 'tokens'])('has no serious accessibility violation: %s', async (section) => {
    fakeApi({
      ...accountRoutes(mfaStatus({ totp_enabled: true, backup_codes_remaining: 8, passkeys: 1 })),
      'GET /api/v1/me/sessions': json(200, []),
      'GET /api/v1/me/passkeys': json(200, []),
      'GET /api/v1/me/tokens': json(200, []),
    });
    renderSettings(section);
    // Every section has settled once no loading line is left.
    await waitFor(() => expect(screen.queryByText(/^Loading/)).not.toBeInTheDocument());
    await expectNoSeriousViolations();
  });
});
