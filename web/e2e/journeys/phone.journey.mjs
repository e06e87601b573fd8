// Every page of the web app on a phone-sized screen (375 px wide): nothing runs off the side
// of the screen, and axe finds no serious or critical problem in either theme.
import assert from 'node:assert/strict';

import { Api } from '../support/api.mjs';
import { expectVisible } from '../support/expect.mjs';
import { journey } from '../support/journey.mjs';
import { administratorWithAuthenticator } from '../support/people.mjs';
import { signIn } from '../support/sign-in.mjs';

/** True when the page is as wide as the screen: no sideways scrolling. */
function fitsTheScreen() {
  return document.documentElement.scrollWidth <= window.innerWidth;
}

journey('Every page fits a 375 px screen and passes the accessibility scan', async (rig) => {
  const admin = await administratorWithAuthenticator(rig.server);
  const api = await Api.signIn(rig.server.baseUrl, admin);
  const group = await api.createGroup({ name: 'Platform', description: 'Keeps the lights on.' });
  const task = await api.createTask({
    title: 'Write the launch checklist with every step the on-call person needs',
    group_id: group.id,
    priority: 'high',
    tags: ['launch'],
  });

  const page = await rig.newVisitor();
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/login');
  await rig.check(page, 'phone-login');
  await page.goto('/forgot-password');
  await rig.check(page, 'phone-forgot-password');
  await signIn(page, admin, 'totp');

  const pages = [
    ['home', '/', page.getByRole('heading', { name: `Welcome back, ${admin.displayName}` })],
    ['tasks', '/tasks', page.getByRole('heading', { name: 'Tasks', exact: true })],
    ['board', `/tasks?view=board&group=${group.id}`, page.getByRole('region', { name: /^To do/ })],
    ['task-panel', `/tasks?task=${task.id}`, page.getByRole('complementary', { name: /^Task PLA/ })],
    ['groups', '/groups', page.getByRole('button', { name: 'New group' })],
    ['group-members', `/groups/${group.id}?tab=members`, page.getByRole('heading', { name: 'Platform' })],
    ['group-invitations', `/groups/${group.id}?tab=invitations`, page.getByRole('button', { name: 'Send invitation' })],
    ['group-settings', `/groups/${group.id}?tab=settings`, page.getByRole('form', { name: 'Group settings' })],
    ['group-tags', `/groups/${group.id}?tab=tags`, page.getByText('launch').first()],
    ['group-audit', `/groups/${group.id}?tab=audit`, page.getByRole('heading', { name: 'Platform' })],
    ['settings-profile', '/settings?section=profile', page.getByLabel('Display name')],
    ['settings-security', '/settings?section=security', page.getByRole('button', { name: 'Add a passkey' })],
    ['settings-sessions', '/settings?section=sessions', page.getByText('This session')],
    ['settings-tokens', '/settings?section=tokens', page.getByRole('heading', { name: 'API tokens' }).first()],
    ['admin-users', '/admin/users', page.getByText(admin.email).first()],
    ['admin-audit', '/admin/audit', page.getByRole('heading', { name: 'Audit log' })],
    ['admin-jobs', '/admin/jobs', page.getByRole('heading', { name: 'Jobs' }).first()],
  ];
  const tooWide = [];
  for (const [name, address, shown] of pages) {
    await page.goto(address);
    await expectVisible(shown);
    if (!(await page.evaluate(fitsTheScreen))) tooWide.push(name);
    await rig.check(page, `phone-${name}`);
  }
  assert.deepEqual(tooWide, [], 'pages wider than a 375 px screen');

  // The navigation is a panel behind the menu button on a phone.
  await page.getByRole('button', { name: 'Menu' }).click();
  await expectVisible(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }));
  await rig.check(page, 'phone-navigation');
});
