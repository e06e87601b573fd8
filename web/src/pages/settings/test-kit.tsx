// Shared set-up for the settings tests: the page inside a router with the toaster, the
// sign-in page to land on, and the account answers most tests need.
import axe from 'axe-core';
import { expect } from 'vitest';

import type { MfaStatus } from '../../api/settings-mfa';
import type { User } from '../../api/types';
import { json } from '../../test/fetch';
import { renderRoutes } from '../../test/render';
import { Toaster } from '../../toast/Toaster';
import { SettingsPage } from './SettingsPage';

export const me: User = {
  id: '00000000-0000-7000-8000-000000000001',
  email: 'ana@example.com',
  display_name: 'Ana Lima',
  role: 'user',
  is_active: true,
  timezone: 'Europe/Berlin',
  created_at: '2026-01-05T09:00:00Z',
};

export function mfaStatus(overrides: Partial<MfaStatus> = {}): MfaStatus {
  return { totp_enabled: false, passkeys: 0, backup_codes_remaining: 0, enrolment_required: false, ...overrides };
}

/** Answers for the reads every settings page makes. */
export function accountRoutes(status: MfaStatus = mfaStatus()) {
  return {
    'GET /api/v1/me': json(200, me),
    'GET /api/v1/me/mfa': json(200, status),
  };
}

export function renderSettings(section: string) {
  return renderRoutes(
    [
      {
        path: '/settings',
        element: (
          <>
            <SettingsPage />
            <Toaster />
          </>
        ),
      },
      { path: '/login', element: <h1>Sign in</h1> },
    ],
    `/settings?section=${section}`,
  );
}

/** No serious or critical accessibility violation in what is on screen now. */
export async function expectNoSeriousViolations() {
  const results = await axe.run(document.body, { resultTypes: ['violations'] });
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}
