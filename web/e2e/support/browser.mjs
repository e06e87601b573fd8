// Debian's Chromium driven by playwright-core, headless, with nothing that reaches the
// internet on its own (component updates, background fetches).
import { chromium } from 'playwright-core';

import { chromiumPath } from './paths.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox', // CI runs as root, where Chromium's sandbox cannot start
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function launchChromium() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A new person at a new browser: own cookies and storage. Uncaught errors in its pages are
 * collected in `pageErrors` so a journey can insist there were none.
 * @param {import('playwright-core').Browser} browser
 */
export async function newVisitor(browser, baseURL, pageErrors) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    locale: 'en-US',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}
