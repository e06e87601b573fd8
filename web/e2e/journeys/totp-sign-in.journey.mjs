// Setting up an authenticator app in settings (QR code and key, confirmed with a code, backup
// codes shown once), then signing in with it: a wrong code is refused with the server's
// words, the right one lets the person in and back where they were going.
import assert from 'node:assert/strict';

import { expectPath, expectVisible } from '../support/expect.mjs';
import { journey } from '../support/journey.mjs';
import { ana, completeSetup } from '../support/people.mjs';
import { enterPassword } from '../support/sign-in.mjs';
import { Authenticator, currentStep, totpCode } from '../support/totp.mjs';

journey('Set up an authenticator app in settings and sign in with it', async (rig) => {
  const admin = await completeSetup(rig.server, ana());
  const page = await rig.newVisitor();
  await page.goto('/login');
  await enterPassword(page, admin);
  await expectPath(page, /^\/$/);

  // Settings → Sign-in & security: the QR code, and the key for apps that cannot scan.
  await page.goto('/settings?section=security');
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expectVisible(page.getByRole('img', { name: 'QR code to add Dayline to your authenticator app' }));
  const key = (await page.getByText(/^([A-Z2-7]{4} ?)+$/).first().textContent())?.replace(/\s+/g, '');
  assert.ok(key && key.length >= 16, `a base32 setup key is shown (${key})`);
  await rig.check(page, 'totp-enrolment');
  const authenticator = new Authenticator(key);
  await page.getByLabel('Code from the app').fill(await authenticator.nextCode());
  await page.getByRole('button', { name: 'Turn on' }).click();
  // The backup codes, shown once, with the ways to keep them.
  await expectVisible(page.getByRole('button', { name: 'Download' }));
  await expectVisible(page.getByRole('button', { name: 'Print' }));
  await page.getByRole('button', { name: 'I have saved them' }).click();
  admin.authenticator = authenticator;

  await page.getByRole('button', { name: `Account: ${admin.displayName}` }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expectPath(page, /^\/login$/);

  // Opening a page asks for the password, then for the code.
  await page.goto('/groups');
  await expectPath(page, /^\/login\?next=%2Fgroups$/);
  await enterPassword(page, admin);
  await expectVisible(page.getByRole('heading', { name: 'Two-step verification' }));
  await expectVisible(page.getByRole('radio', { name: 'Use an authenticator app' }));
  await rig.check(page, 'second-factor');

  // A code from long ago is refused, and the form says so.
  const code = page.getByRole('textbox', { name: 'Code', exact: true });
  await code.fill(totpCode(authenticator.secret, currentStep() - 100));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectVisible(page.getByRole('alert').filter({ hasText: 'Invalid credentials.' }));
  await rig.check(page, 'second-factor-refused');

  await code.fill(await authenticator.nextCode());
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectPath(page, /^\/groups$/);
  await expectVisible(page.getByRole('heading', { name: 'Groups' }));

  // Signing out from the user menu ends the session: the page is gone with it.
  await page.getByRole('button', { name: `Account: ${admin.displayName}` }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expectPath(page, /^\/login$/);
  await page.goto('/groups');
  await expectPath(page, /^\/login\?next=%2Fgroups$/);
});
