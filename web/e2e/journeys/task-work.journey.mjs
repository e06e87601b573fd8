// A day's work on tasks: quick-add one in a line, move it across the board by drag and drop
// and by keyboard, ask a teammate about it with an @mention, and attach a file by dropping it.
import assert from 'node:assert/strict';

import { Api } from '../support/api.mjs';
import { eventually, expectVisible } from '../support/expect.mjs';
import { dragWithMouse, nearTopOf } from '../support/drag.mjs';
import { journey } from '../support/journey.mjs';
import { linkIn } from '../support/mail.mjs';
import { administratorWithAuthenticator, bo } from '../support/people.mjs';
import { signIn } from '../support/sign-in.mjs';

// A 2×2 PNG: small, but a real image the server sniffs as image/png and previews.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4zwAE/xkgFAAb8gP91pbyKwAAAABJRU5ErkJggg==',
  'base64',
);

/** Bo joins `group` through the invitation mail (the invitation screens have their own journey). */
async function joinByInvitation(rig, adminApi, group, person) {
  await adminApi.invite(group.id, { email: person.email });
  const mail = await rig.mail.waitFor({ to: person.email, subject: new RegExp(`invites you to ${group.name}`) });
  const token = new URL(linkIn(mail, `${rig.server.baseUrl}/invitation#token=`)).hash.slice('#token='.length);
  await Api.anonymous(rig.server.baseUrl).call(
    'POST',
    '/api/v1/invitations/register',
    { token, display_name: person.displayName, password: person.password },
    201,
  );
}

journey('Quick-add a task, move it on the board, comment with a mention, attach a file', async (rig) => {
  const admin = await administratorWithAuthenticator(rig.server);
  const member = bo();
  const adminApi = await Api.signIn(rig.server.baseUrl, admin);
  const group = await adminApi.createGroup({ name: 'Platform', description: 'Keeps the lights on.' });
  await joinByInvitation(rig, adminApi, group, member);

  const page = await rig.newVisitor();
  await signIn(page, admin, 'totp');
  await page.goto(`/tasks?view=board&group=${group.id}`);
  const column = (name) => page.getByRole('region', { name: new RegExp(`^${name}`) });
  await expectVisible(column('To do'));

  // Quick add: one line, parsed as it is typed, added to the group on view.
  await page.keyboard.press('c');
  const quickAdd = page.getByRole('dialog', { name: 'Quick add' });
  await quickAdd.getByLabel('Task').fill('Prepare the release notes tomorrow !high #release @bo');
  await expectVisible(quickAdd.getByText('@Bo Berg'));
  await expectVisible(quickAdd.getByText('#release'));
  await rig.check(page, 'quick-add');
  await quickAdd.getByRole('button', { name: 'Add task' }).click();

  // The new task opens in the panel, with what the line said.
  const panel = page.getByRole('complementary', { name: /^Task PLA/ });
  await expectVisible(panel);
  await expectVisible(page.getByText(/created\.$/));
  assert.equal(await panel.getByLabel('Title').inputValue(), 'Prepare the release notes');
  assert.equal(await panel.getByLabel('Priority').inputValue(), 'high');
  assert.equal(await panel.getByLabel('Assignee').locator('option:checked').textContent(), member.displayName);
  await expectVisible(panel.getByRole('list', { name: 'Tags' }).getByText('release'));
  const taskId = new URL(page.url()).searchParams.get('task');
  assert.ok(taskId, 'the panel is in the address');
  await page.getByRole('button', { name: 'Close task' }).click();

  // Drag and drop from "To do" to "In progress".
  const card = (name) => column(name).getByRole('link', { name: 'Prepare the release notes' });
  await expectVisible(card('To do'));
  await rig.check(page, 'board');
  await dragWithMouse(page, card('To do'), await nearTopOf(column('In progress')));
  await expectVisible(card('In progress'));
  await eventually(async () => (await adminApi.call('GET', `/api/v1/tasks/${taskId}`, undefined, 200)).status === 'in_progress', {
    message: 'the server has the task in progress',
  });

  // The keyboard way: Alt and the right arrow moves the focused card to "Done".
  await card('In progress').focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expectVisible(card('Done'));
  await expectVisible(page.getByText(/moved to Done\.$/));
  await eventually(async () => (await adminApi.call('GET', `/api/v1/tasks/${taskId}`, undefined, 200)).status === 'done', {
    message: 'the server has the task done',
  });

  // Comment with an @mention picked from the suggestions, previewed before sending.
  await card('Done').click();
  await expectVisible(panel);
  const composer = panel.getByRole('combobox', { name: 'Add a comment' });
  await composer.fill('');
  await composer.pressSequentially('Please review @bo');
  await expectVisible(page.getByRole('listbox', { name: 'Mention a member' }).getByRole('option', { name: /Bo Berg/ }));
  await page.keyboard.press('Enter');
  await composer.pressSequentially('before **Friday**');
  await panel.getByRole('tab', { name: 'Preview' }).click();
  await expectVisible(panel.getByText('@Bo Berg'));
  await panel.getByRole('button', { name: 'Comment' }).click();
  const comment = panel.getByRole('listitem').filter({ hasText: 'Please review' });
  await expectVisible(comment.getByText('Friday'));
  assert.equal(await comment.locator('strong').textContent(), 'Friday');

  // Bo was notified of the mention.
  const memberApi = await Api.signIn(rig.server.baseUrl, member);
  const notifications = await memberApi.call('GET', '/api/v1/me/notifications', undefined, 200);
  assert.deepEqual(
    notifications.items.map((n) => [n.kind, n.task_id]),
    [['mention', taskId]],
  );

  // Attach a file by dropping it on the panel's drop zone.
  const dropZone = panel.getByText('Drop files here, or').locator('..');
  const dataTransfer = await page.evaluateHandle((bytes) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], 'diagram.png', { type: 'image/png' }));
    return transfer;
  }, [...PNG]);
  await dropZone.dispatchEvent('dragover', { dataTransfer });
  await dropZone.dispatchEvent('drop', { dataTransfer });
  const attachment = panel.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'diagram.png' }) });
  await expectVisible(attachment);
  await expectVisible(attachment.getByText(/image\/png/));
  // The preview is served by Dayline and loads as an image.
  await eventually(() => attachment.locator('img').evaluate((img) => img.complete && img.naturalWidth > 0), {
    message: 'the image preview loads',
  });
  const stored = await adminApi.call('GET', `/api/v1/tasks/${taskId}/attachments`, undefined, 200);
  assert.deepEqual(
    stored.items.map((a) => [a.filename, a.size_bytes]),
    [['diagram.png', PNG.length]],
  );

  // The history tells the story.
  await expectVisible(panel.getByText(/changed status from In progress to Done/));
  await rig.check(page, 'task-panel');
});
