// Signing in through the web app's /login page, as a person would: the password step, then
// the second factor the account asks for.
import { expectVisible } from './expect.mjs';

/**
 * @param {import('playwright-core').Page} page
 * @param {import('./people.mjs').Person} person
 */
export async function enterPassword(page, person) {
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The choice between second factors shows only when the account has more than one. */
async function chooseMethod(page, label) {
  const choice = page.getByRole('radio', { name: label });
  if (await choice.isVisible()) await choice.check();
}

/**
 * Answers the second-factor step with `factor`.
 * @param {import('playwright-core').Page} page
 * @param {import('./people.mjs').Person} person
 * @param {'totp' | 'backup_code' | 'passkey'} factor
 */
export async function answerSecondFactor(page, person, factor) {
  await expectVisible(page.getByRole('heading', { name: 'Two-step verification' }));
  if (factor === 'passkey') {
    await chooseMethod(page, 'Use a passkey');
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    return;
  }
  if (factor === 'totp') {
    if (!person.authenticator) throw new Error(`${person.email} has no authenticator app`);
    await chooseMethod(page, 'Use an authenticator app');
    const code = await person.authenticator.nextCode();
    await page.getByRole('textbox', { name: 'Code', exact: true }).fill(code);
  } else {
    const code = person.backupCodes?.shift();
    if (!code) throw new Error(`${person.email} has no unused backup code`);
    await chooseMethod(page, 'Use a backup code');
    await page.getByRole('textbox', { name: 'Backup code' }).fill(code);
  }
  await page.getByRole('button', { name: 'Verify' }).click();
}

/**
 * Opens /login and signs in; waits until the app has left the sign-in page.
 * @param {import('playwright-core').Page} page
 * @param {import('./people.mjs').Person} person
 * @param {'totp' | 'backup_code' | 'passkey'} [factor] when the account has a second factor
 */
export async function signIn(page, person, factor) {
  await page.goto('/login');
  await enterPassword(page, person);
  if (factor) await answerSecondFactor(page, person, factor);
  await page.waitForURL((url) => url.pathname !== '/login');
}
