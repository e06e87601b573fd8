// Where the rig finds the server and the browser, and where it leaves what a run produced.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Everything a run leaves behind: server logs and data per journey, screenshots. */
export const outDir = process.env.DAYLINE_E2E_OUT ?? path.join(repoRoot, 'target/e2e');
export const screenshotDir = path.join(outDir, 'screenshots');

/** The release binary, which embeds the web app as users get it. */
export const serverBinary = process.env.DAYLINE_E2E_BINARY ?? path.join(repoRoot, 'target/release/dayline');

/** Debian's Chromium; browsers are never downloaded. */
export const chromiumPath = process.env.DAYLINE_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** A file or folder name made from a title: "First-run setup" → "first-run-setup". */
export function slug(title) {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
