// What a first visit costs: the JavaScript the browser fetched until the sign-in form could
// be used, and how long after navigation start that was. Measured and printed as
// `e2e metric:` lines, never asserted (tests do not judge time; see docs/performance.md).
import { gzipSync } from 'node:zlib';

import { newVisitor } from './browser.mjs';

export function reportMetric(text) {
  console.log(`e2e metric: ${text}`);
}

/**
 * Runs in the page before its own scripts: notes `performance.now()` (milliseconds since
 * navigation start) the first time the sign-in form is visible and its button enabled.
 */
function watchForUsableSignInForm() {
  const usable = () => {
    const email = document.querySelector('form input[type="email"]');
    const submit = document.querySelector('form button[type="submit"]');
    const shown = (element) => element instanceof HTMLElement && element.getClientRects().length > 0;
    return shown(email) && shown(submit) && !(/** @type {HTMLButtonElement} */ (submit).disabled);
  };
  const observer = new MutationObserver(() => {
    if (!usable()) return;
    // @ts-expect-error a value for the test to read
    window.__signInFormUsableAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

/**
 * Loads `path` in a fresh browser context (empty cache) and waits for the sign-in form.
 * @param {import('playwright-core').Browser} browser
 * @typedef {{ url: string, bytes: number, gzipBytes: number, transferBytes: number }} Script
 * @returns {Promise<{ usableMs: number, scripts: Script[] }>}
 */
export async function measureFirstLoad(browser, baseUrl, path, pageErrors) {
  const page = await newVisitor(browser, baseUrl, pageErrors);
  const responses = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') responses.push(response);
  });
  await page.addInitScript(watchForUsableSignInForm);
  await page.goto(path);
  const usableMs = await (
    // @ts-expect-error set by the init script
    await page.waitForFunction(() => window.__signInFormUsableAt)
  ).jsonValue();
  const scripts = [];
  for (const response of responses) {
    const body = await response.body();
    const { responseBodySize } = await response.request().sizes();
    scripts.push({
      url: new URL(response.url()).pathname,
      bytes: body.length,
      gzipBytes: gzipSync(body, { level: 9 }).length,
      transferBytes: responseBodySize,
    });
  }
  await page.context().close();
  return { usableMs, scripts };
}

export const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
