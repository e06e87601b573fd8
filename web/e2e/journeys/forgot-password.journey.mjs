// Forgetting a password: the sign-in page leads to a form that asks for a link, the link
// arrives by mail and opens the reset page, and the new password signs in.
import { expectPath, expectVisible } from '../support/expect.mjs';
import { journey } from '../support/journey.mjs';
import { linkIn } from '../support/mail.mjs';
import { bo, completeSetup } from '../support/people.mjs';
import { enterPassword } from '../support/sign-in.mjs';

journey('Forgot password: ask for a link, set a new password, sign in with it', async (rig) => {
  // The first administrator is the one account there is. Without a second factor they land on
  // a home that asks for one, which is another journey's subject.
  const person = await completeSetup(rig.server, bo());
  const page = await rig.newVisitor();
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expectPath(page, /^\/forgot-password$/);
  await expectVisible(page.getByRole('heading', { name: 'Reset your password' }));
  await rig.check(page, 'forgot-password');
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expectVisible(page.getByText(`If an account uses ${person.email}, a link`));

  const mail = await rig.mail.waitFor({ to: person.email, subject: /reset your password/ });
  await page.goto(linkIn(mail, `${rig.server.baseUrl}/reset-password#token=`));
  await expectVisible(page.getByRole('heading', { name: 'Reset your password' }));
  await rig.check(page, 'reset-password');
  person.password = 'harbour-lantern-quietly-82';
  await page.getByLabel(/New password/).fill(person.password);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expectVisible(page.getByText('Your password was changed.'));

  await page.goto('/login');
  await enterPassword(page, person);
  await expectPath(page, /^\/$/);
  await expectVisible(page.getByRole('button', { name: `Account: ${person.displayName}` }));
});
