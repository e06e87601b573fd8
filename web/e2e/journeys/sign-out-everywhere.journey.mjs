// Signed in on two devices, a person signs out everywhere from one: the other is sent to
// the sign-in page the next time it asks the server for anything.
import assert from 'node:assert/strict';

import { Api } from '../support/api.mjs';
import { expectPath, expectVisible } from '../support/expect.mjs';
import { journey } from '../support/journey.mjs';
import { administratorWithAuthenticator } from '../support/people.mjs';
import { signIn } from '../support/sign-in.mjs';

journey('Sign out everywhere', async (rig) => {
  const admin = await administratorWithAuthenticator(rig.server);

  const laptop = await rig.newVisitor();
  await signIn(laptop, admin, 'totp');
  await expectVisible(laptop.getByRole('heading', { name: `Welcome back, ${admin.displayName}` }));

  // The second device uses a backup code: each authenticator code works only once.
  const phone = await rig.newVisitor();
  await signIn(phone, admin, 'backup_code');
  await expectVisible(phone.getByRole('heading', { name: `Welcome back, ${admin.displayName}` }));

  // Settings → Sessions lists both; "Sign out everywhere" asks first, then ends them all.
  await laptop.goto('/settings?section=sessions');
  await expectVisible(laptop.getByText('This session'));
  const sessions = await Api.inPage(laptop).listSessions();
  assert.ok(sessions.length >= 2, `both devices have a session (found ${sessions.length})`);
  await rig.check(laptop, 'sessions');
  await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
  await laptop.getByRole('button', { name: 'Sign out of all sessions' }).click();
  await expectPath(laptop, /^\/login/);

  // The phone moves on to another page and is sent to sign in, with the way back.
  await phone.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Groups' }).click();
  await expectPath(phone, /^\/login\?next=%2Fgroups$/);
  await expectVisible(phone.getByRole('heading', { name: 'Sign in' }));

  // The laptop, which ended its own session too, stays signed out.
  await laptop.goto('/');
  await expectPath(laptop, /^\/login/);
  await expectVisible(laptop.getByRole('heading', { name: 'Sign in' }));
});
