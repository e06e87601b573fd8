// Accessibility check with axe-core: any serious or critical violation fails the journey,
// listing each rule and the elements it found.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const FAILING_IMPACTS = ['serious', 'critical'];

/**
 * axe takes a page that leaves the canvas unpainted to be white, even when the colour scheme
 * is dark and the browser paints it dark (a known axe-core limitation), and then misjudges
 * the contrast of text on it. Painting the root with the canvas colour it already shows
 * changes no pixel and lets axe see what a reader sees. Runs in the page.
 */
function paintUnpaintedCanvas() {
  const unpainted = (element) => getComputedStyle(element).backgroundColor === 'rgba(0, 0, 0, 0)';
  if (!unpainted(document.documentElement) || !unpainted(document.body)) return false;
  document.documentElement.style.backgroundColor = 'Canvas';
  return true;
}

/** @typedef {{ message: string }} AxeCheck */
/** @typedef {{ target: string[], any: AxeCheck[], all: AxeCheck[], none: AxeCheck[] }} AxeNode */

/** Where, and what axe measured there (for contrast: the colours and the ratio). @param {AxeNode} node */
function describeNode(node) {
  const findings = [...node.any, ...node.all, ...node.none].map((check) => check.message).filter(Boolean);
  return `    at ${node.target.join(' ')}${findings.length ? `: ${findings.join('; ')}` : ''}`;
}

/** @param {import('playwright-core').Page} page */
export async function expectAccessible(page, label) {
  // Evaluated rather than added as a <script> tag: Dayline's Content-Security-Policy allows
  // only its own scripts, and the check must not loosen it (Playwright's bypassCSP would).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const paintedCanvas = await page.evaluate(paintUnpaintedCanvas);
  /** @type {{ violations: { id: string, impact: string, help: string, nodes: AxeNode[] }[] }} */
  const results = await page.evaluate(() =>
    // @ts-expect-error axe is the global the script above defined
    window.axe.run(document, { resultTypes: ['violations'] }),
  );
  if (paintedCanvas) await page.evaluate(() => document.documentElement.style.removeProperty('background-color'));
  const failing = results.violations.filter((v) => FAILING_IMPACTS.includes(v.impact));
  if (failing.length === 0) return;
  const report = failing
    .map((v) => `  ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map(describeNode).join('\n')}`)
    .join('\n');
  throw new Error(`${label} (${page.url()}): accessibility violations\n${report}`);
}
