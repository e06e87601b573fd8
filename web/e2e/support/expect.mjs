// Assertions that wait: the browser and the server's job queue work on their own time, so
// each check polls until it holds or its timeout passes. Nothing here sleeps to assert.
import { setTimeout as delay } from 'node:timers/promises';

const DEFAULT_TIMEOUT = 15_000;

/**
 * Calls `probe` until it returns something truthy, and returns that.
 * @template T
 * @param {() => T | Promise<T>} probe
 * @param {{ timeout?: number, message?: string }} [options]
 * @returns {Promise<NonNullable<T>>}
 */
export async function eventually(probe, { timeout = DEFAULT_TIMEOUT, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return /** @type {NonNullable<T>} */ (value);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms: ${message}`);
    await delay(50);
  }
}

/** The element shows (a user can see it). @param {import('playwright-core').Locator} locator */
export async function expectVisible(locator, timeout = DEFAULT_TIMEOUT) {
  await locator.waitFor({ state: 'visible', timeout });
}

/** The element shows and accepts input. @param {import('playwright-core').Locator} locator */
export async function expectEnabled(locator, timeout = DEFAULT_TIMEOUT) {
  await expectVisible(locator, timeout);
  await eventually(() => locator.isEnabled(), { timeout, message: `${locator} to be enabled` });
}

/** The address bar shows a path matching `path` (a RegExp tested against path + query). */
export async function expectPath(page, path, timeout = DEFAULT_TIMEOUT) {
  await page.waitForURL((url) => path.test(`${url.pathname}${url.search}`), { timeout });
}
