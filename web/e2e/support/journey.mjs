// A journey is one node:test test with its own world: a fresh Dayline (release binary, empty
// SQLite data dir), an SMTP sink for its mail, and a headless Chromium. Writing one:
//
//   journey('Quick-add a task', async (rig) => {
//     const admin = await administratorWithAuthenticator(rig.server);
//     const page = await rig.newVisitor();
//     await signIn(page, admin, 'totp');
//     …
//     await rig.check(page, 'board');   // axe in both themes, screenshots
//   });
//
// Everything a journey leaves is under target/e2e/journeys/<journey>/ (server.log, data/,
// failure screenshots) and target/e2e/screenshots/<journey>/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { launchChromium, newVisitor } from './browser.mjs';
import { checkPage } from './page-check.mjs';
import { outDir, screenshotDir, slug } from './paths.mjs';
import { DaylineServer } from './server.mjs';
import { SmtpSink } from './smtp-sink.mjs';

export class Rig {
  /** Uncaught exceptions in any page of this journey. @type {string[]} */
  pageErrors = [];

  constructor({ name, dir, mail, server, browser }) {
    this.name = name;
    this.dir = dir;
    /** @type {SmtpSink} */
    this.mail = mail;
    /** @type {DaylineServer} */
    this.server = server;
    /** @type {import('playwright-core').Browser} */
    this.browser = browser;
  }

  /** @param {{ env?: Record<string, string> }} [options] extra server settings */
  static async start(name, { env } = {}) {
    const dir = path.join(outDir, 'journeys', name);
    const mail = await SmtpSink.start();
    const server = await DaylineServer.start({ dir, smtpUrl: mail.url, env }).catch(async (error) => {
      await mail.stop();
      throw error;
    });
    const browser = await launchChromium().catch(async (error) => {
      await server.stop();
      await mail.stop();
      throw error;
    });
    return new Rig({ name, dir, mail, server, browser });
  }

  /** A page in a browser context of its own (another person, or another device). */
  newVisitor() {
    return newVisitor(this.browser, this.server.baseUrl, this.pageErrors);
  }

  /** Accessibility scan and screenshots of the page as it is now, in both themes. */
  check(page, pageName) {
    return checkPage(page, path.join(screenshotDir, this.name), pageName);
  }

  /** Screenshots of every open page, for looking at what went wrong. */
  async keepFailureScreenshots() {
    const pages = this.browser.contexts().flatMap((context) => context.pages());
    for (const [index, page] of pages.entries()) {
      await page.screenshot({ path: path.join(this.dir, `failure-${index + 1}.png`), fullPage: true }).catch(() => {});
    }
  }

  async stop() {
    await this.browser.close().catch(() => {});
    await this.server.stop();
    await this.mail.stop();
  }
}

/**
 * Registers a journey as a test.
 * @param {string} title
 * @param {(rig: Rig) => Promise<void>} body
 * @param {{ env?: Record<string, string>, timeout?: number }} [options]
 */
export function journey(title, body, { env, timeout = 180_000 } = {}) {
  test(title, { timeout }, async () => {
    const rig = await Rig.start(slug(title), { env });
    try {
      await body(rig);
      assert.deepEqual(rig.pageErrors, [], 'uncaught errors in the browser');
    } catch (error) {
      await rig.keepFailureScreenshots();
      if (error instanceof Error) error.message += `\n(server log: ${rig.server.logPath})`;
      throw error;
    } finally {
      await rig.stop();
    }
  });
}
