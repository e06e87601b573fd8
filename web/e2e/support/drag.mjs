// Dragging with the mouse, as a person does. Chromium (through Playwright) takes the element
// under the pointer at the first move after the button goes down as what is dragged, so the
// first move is a small one, still on the source.

/**
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} source
 * @param {{ x: number, y: number }} to a point in the page's viewport
 * @param {{ steps?: number }} [options]
 */
export async function dragWithMouse(page, source, to, { steps = 10 } = {}) {
  await source.scrollIntoViewIfNeeded();
  const box = await source.boundingBox();
  if (!box) throw new Error('nothing to drag: the source is not on screen');
  const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 3, from.y + 2);
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

/** The point a little below the top of `locator`'s box: where a card dropped lands first. */
export async function nearTopOf(locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('the drop target is not on screen');
  return { x: box.x + box.width / 2, y: box.y + 40 };
}
