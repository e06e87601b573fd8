// The operator's first minutes: create the administrator on the setup page from the server
// log, sign in, set up the second factor super admins must have, and look around.
import { Api } from '../support/api.mjs';
import { expectPath, expectVisible } from '../support/expect.mjs';
import { journey } from '../support/journey.mjs';
import { ana, enrolAuthenticator } from '../support/people.mjs';
import { enterPassword } from '../support/sign-in.mjs';

journey('First-run setup, sign-in and the main pages', async (rig) => {
  const admin = ana();
  const page = await rig.newVisitor();

  // The setup page, at the URL the server logged.
  await page.goto(await rig.server.setupUrl());
  await expectVisible(page.getByRole('heading', { name: 'Set up Dayline' }));
  await rig.check(page, 'setup');
  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByLabel('Name').fill(admin.displayName);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expectVisible(page.getByText('The administrator was created. Dayline is ready.'));
  await rig.check(page, 'setup-done');

  // Sign in; the account has no second factor yet, and home says what is missing.
  await page.goto('/login');
  await enterPassword(page, admin);
  await expectPath(page, /^\/$/);
  await expectVisible(page.getByRole('button', { name: `Account: ${admin.displayName}` }));
  await expectVisible(page.getByText(/second factor/i).first());
  await rig.check(page, 'home-without-second-factor');

  // The authenticator app's own screens are walked through in the sign-in journey; here the
  // API enrols one so the pages have a full account to show.
  const api = Api.inPage(page);
  await enrolAuthenticator(api, admin);
  const group = await api.createGroup({ name: 'Platform team', description: 'Runs the build farm.' });
  // Due today (in the browser's zone, which the account shares), so home lists it.
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv'));
  await api.createTask({ title: 'Write the launch checklist', status: 'in_progress', due_date: today });

  await page.reload();
  await expectVisible(page.getByRole('heading', { name: `Welcome back, ${admin.displayName}` }));
  await expectVisible(page.getByText('Write the launch checklist'));
  await expectVisible(page.getByText('Nothing is overdue.'));
  await rig.check(page, 'home');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Tasks' }).click();
  await expectPath(page, /^\/tasks$/);
  await expectVisible(page.getByRole('heading', { name: 'Tasks', exact: true }));
  await expectVisible(page.getByText('Write the launch checklist'));
  await rig.check(page, 'tasks');

  await nav.getByRole('link', { name: 'Groups' }).click();
  await expectPath(page, /^\/groups$/);
  await expectVisible(page.getByRole('heading', { name: group.name }));
  await expectVisible(page.getByText('Runs the build farm.'));
  await rig.check(page, 'groups');

  await nav.getByRole('link', { name: 'Settings' }).click();
  await expectPath(page, /^\/settings$/);
  await expectVisible(page.getByText(admin.email, { exact: true }).first());
  await expectVisible(page.getByText('Super admin'));
  await rig.check(page, 'settings');

  // The theme chosen in settings applies at once and survives a reload.
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.waitForFunction(() => document.documentElement.classList.contains('dark'));
  await page.reload();
  await expectVisible(page.getByRole('heading', { name: 'Settings' }));
  await page.waitForFunction(() => document.documentElement.classList.contains('dark'));
  await page.getByRole('radio', { name: 'Same as the system' }).check();
  await page.waitForFunction(() => document.documentElement.classList.contains('light'));
});
