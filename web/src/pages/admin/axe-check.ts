// axe-core over what a test rendered. happy-dom lays nothing out, so rules that need
// pixels (contrast, target size) are left to the browser journeys.
import axe from 'axe-core';
import { expect } from 'vitest';

const FAILING_IMPACTS = new Set(['serious', 'critical']);

export async function expectNoSeriousViolations(root: Element = document.body): Promise<void> {
  const results = await axe.run(root, {
    resultTypes: ['violations'],
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
  const failing = results.violations
    .filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''))
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(failing).toEqual([]);
}
