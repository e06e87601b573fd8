// The check every visited page gets: in the light and the dark theme, an accessibility scan
// (contrast differs between them) and a full-page screenshot kept as an artifact.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { expectAccessible } from './axe.mjs';

const THEMES = /** @type {const} */ (['light', 'dark']);

/**
 * Switches the system colour scheme. With its default "Same as the system" theme the web app
 * repaints (the class on <html>); the server's own pages follow the media query directly.
 * @param {import('playwright-core').Page} page
 * @param {'light' | 'dark'} scheme
 */
export async function showTheme(page, scheme) {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((scheme) => {
    const classes = document.documentElement.classList;
    const themed = classes.contains('light') || classes.contains('dark');
    return !themed || classes.contains(scheme);
  }, scheme);
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} dir where the screenshots go
 * @param {string} name the page's name in the screenshot files
 */
export async function checkPage(page, dir, name) {
  await mkdir(dir, { recursive: true });
  for (const theme of THEMES) {
    await showTheme(page, theme);
    // Screenshot first, so a page that fails the scan is there to look at.
    await page.screenshot({ path: path.join(dir, `${name}-${theme}.png`), fullPage: true });
    await expectAccessible(page, `${name}, ${theme} theme`);
  }
  await showTheme(page, 'light');
}
