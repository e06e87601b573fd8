// A visitor without a session opens Dayline: they are sent to the sign-in form, which is
// usable as soon as the first page's JavaScript has run. Also measures that first load.
import assert from 'node:assert/strict';

import { expectEnabled, expectPath, expectVisible } from '../support/expect.mjs';
import { kib, measureFirstLoad, median, reportMetric } from '../support/first-load.mjs';
import { journey } from '../support/journey.mjs';

const SAMPLES = 5;

journey('A first visit shows the sign-in form', async (rig) => {
  const page = await rig.newVisitor();
  await page.goto('/tasks');
  await expectPath(page, /^\/login\?next=%2Ftasks$/);
  await expectVisible(page.getByRole('heading', { name: 'Sign in' }));
  await expectVisible(page.getByLabel('E-mail'));
  await expectEnabled(page.getByRole('button', { name: 'Sign in' }));
  await rig.check(page, 'sign-in');

  // Each sample is a new browser context, so nothing comes from the cache.
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) {
    samples.push(await measureFirstLoad(rig.browser, rig.server.baseUrl, '/login', rig.pageErrors));
  }
  const { scripts } = samples[0];
  assert.ok(scripts.length > 0, 'the first page loads JavaScript');
  const sum = (key) => scripts.reduce((total, script) => total + script[key], 0);
  reportMetric(
    `first page JavaScript: ${scripts.length} files, ${kib(sum('gzipBytes'))} gzipped ` +
      `(${kib(sum('bytes'))} uncompressed, ${kib(sum('transferBytes'))} as served)`,
  );
  for (const script of scripts) reportMetric(`  ${script.url}: ${kib(script.gzipBytes)} gzipped`);
  const times = samples.map((sample) => sample.usableMs);
  reportMetric(
    `first page interactive (navigation start → sign-in form visible and enabled), headless Chromium, ` +
      `release binary: median ${median(times).toFixed(0)} ms of ${SAMPLES} cold loads ` +
      `(${times.map((t) => t.toFixed(0)).join(', ')} ms)`,
  );
});
