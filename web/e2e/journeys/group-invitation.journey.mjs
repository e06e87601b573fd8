// An admin creates a group and invites someone by e-mail; the invitee follows the link in
// the mail in their own browser, creates an account, signs in and finds the group.
import assert from 'node:assert/strict';

import { Api } from '../support/api.mjs';
import { expectPath, expectVisible } from '../support/expect.mjs';
import { journey } from '../support/journey.mjs';
import { linkIn } from '../support/mail.mjs';
import { administratorWithAuthenticator, bo } from '../support/people.mjs';
import { enterPassword, signIn } from '../support/sign-in.mjs';

journey('Create a group, invite a member, accept by mail', async (rig) => {
  const admin = await administratorWithAuthenticator(rig.server);
  const member = bo();

  const adminPage = await rig.newVisitor();
  await signIn(adminPage, admin, 'totp');
  await expectVisible(adminPage.getByRole('heading', { name: `Welcome back, ${admin.displayName}` }));

  // The admin starts the group and invites by e-mail from the group's page.
  await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Groups' }).click();
  await adminPage.getByRole('button', { name: 'New group' }).click();
  await adminPage.getByLabel('Name', { exact: true }).fill('Support rota');
  await adminPage.getByRole('button', { name: 'Create group' }).click();
  await adminPage.getByRole('link', { name: 'Support rota' }).first().click();
  await expectPath(adminPage, /^\/groups\/[0-9a-f-]+/);
  const groupId = new URL(adminPage.url()).pathname.split('/')[2];
  await adminPage.getByRole('tab', { name: 'Invitations' }).or(adminPage.getByRole('link', { name: 'Invitations' })).first().click();
  await adminPage.getByLabel('E-mail address').fill(member.email);
  await adminPage.getByRole('button', { name: 'Send invitation' }).click();
  await expectVisible(adminPage.getByText(`Invitation sent to ${member.email}.`));
  await expectVisible(adminPage.getByRole('list', { name: 'Pending invitations' }).getByText(member.email).first());
  await rig.check(adminPage, 'group-invitations');
  const api = Api.inPage(adminPage);
  const group = { id: groupId, name: 'Support rota' };

  const mail = await rig.mail.waitFor({ to: member.email, subject: /invites you to Support rota/ });
  const link = linkIn(mail, `${rig.server.baseUrl}/invitation#token=`);

  // The invitee, in another browser.
  const page = await rig.newVisitor();
  await page.goto(link);
  await expectVisible(page.getByRole('heading', { name: 'Join Dayline' }));
  await expectPath(page, /^\/invitation$/); // the page takes the token out of the address bar
  await rig.check(page, 'invitation');
  await page.getByLabel('Name').fill(member.displayName);
  await page.getByLabel('Password').fill(member.password);
  await page.getByRole('button', { name: 'Create account and join' }).click();
  await expectVisible(page.getByText('Welcome! Your account is ready'));
  await rig.check(page, 'invitation-accepted');

  await page.getByRole('link', { name: 'sign in' }).click();
  await expectPath(page, /^\/login$/);
  await enterPassword(page, member);
  await expectPath(page, /^\/$/);
  await expectVisible(page.getByRole('heading', { name: `Welcome back, ${member.displayName}` }));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Groups' }).click();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Support rota' }) });
  await expectVisible(card.getByText('Member', { exact: true }));
  await rig.check(page, 'groups-as-member');

  const members = await api.listMembers(group.id);
  assert.deepEqual(
    members.map((m) => `${m.email} ${m.role}`).sort(),
    [`${admin.email} admin`, `${member.email} member`],
  );
});
