// Passkeys, the authenticator being Chromium's virtual one (a platform authenticator that
// verifies the user): a member adds one in settings, proves it is them with it before
// deleting a group (step-up), and signs in with it as the second factor.
import assert from 'node:assert/strict';

import { Api } from '../support/api.mjs';
import { expectPath, expectVisible } from '../support/expect.mjs';
import { journey } from '../support/journey.mjs';
import { linkIn } from '../support/mail.mjs';
import { addVirtualAuthenticator } from '../support/passkeys.mjs';
import { administratorWithAuthenticator, bo } from '../support/people.mjs';
import { answerSecondFactor, enterPassword } from '../support/sign-in.mjs';

journey('Add a passkey in settings, pass step-up with it, sign in with it', async (rig) => {
  // Bo gets an account through an invitation (its screens have their own journey).
  const admin = await administratorWithAuthenticator(rig.server);
  const member = bo();
  const adminApi = await Api.signIn(rig.server.baseUrl, admin);
  const team = await adminApi.createGroup({ name: 'Support rota' });
  await adminApi.invite(team.id, { email: member.email });
  const mail = await rig.mail.waitFor({ to: member.email, subject: /invites you to Support rota/ });
  const token = new URL(linkIn(mail, `${rig.server.baseUrl}/invitation#token=`)).hash.slice('#token='.length);
  await Api.anonymous(rig.server.baseUrl).call(
    'POST',
    '/api/v1/invitations/register',
    { token, display_name: member.displayName, password: member.password },
    201,
  );

  const page = await rig.newVisitor();
  const authenticator = await addVirtualAuthenticator(page);
  await page.goto('/login');
  await enterPassword(page, member);
  await expectPath(page, /^\/$/);

  // Settings → Sign-in & security → add a passkey; the browser's authenticator makes it.
  await page.goto('/settings?section=security');
  await page.getByLabel('Name for a new passkey').fill('This laptop');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expectVisible(page.getByText('Passkey “This laptop” added.'));
  assert.equal((await authenticator.credentials()).length, 1, 'the authenticator holds the new passkey');
  await rig.check(page, 'passkeys');

  // Bo signed in with a password only, so deleting a group asks for a second factor first.
  const side = await Api.inPage(page).createGroup({ name: 'Side project' });
  await page.goto(`/groups/${side.id}?tab=settings`);
  await page.getByRole('button', { name: 'Delete group…' }).click();
  await page.getByLabel('Type “Side project” to confirm').fill('Side project');
  await page.getByRole('radio', { name: 'Passkey' }).check();
  await page.getByRole('button', { name: 'Delete group', exact: true }).click();
  await expectVisible(page.getByText('“Side project” deleted. A super admin can restore it within 30 days.'));
  await expectPath(page, /^\/groups$/);
  const groups = await Api.inPage(page).call('GET', '/api/v1/groups', undefined, 200);
  assert.deepEqual(
    groups.items.map((g) => g.name),
    ['Support rota'],
  );

  // Signing in again now asks for the passkey.
  await page.getByRole('button', { name: `Account: ${member.displayName}` }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expectPath(page, /^\/login$/);
  await enterPassword(page, member);
  await expectVisible(page.getByRole('heading', { name: 'Two-step verification' }));
  await expectVisible(page.getByRole('radio', { name: 'Use a passkey' }));
  await rig.check(page, 'second-factor-passkey');
  await answerSecondFactor(page, member, 'passkey');
  await expectPath(page, /^\/$/);
  await expectVisible(page.getByRole('heading', { name: `Welcome back, ${member.displayName}` }));

  const [used] = await Api.inPage(page).listPasskeys();
  assert.equal(used.name, 'This laptop');
  assert.ok(used.last_used_at, 'the passkey is recorded as used');
});
