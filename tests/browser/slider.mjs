// What both browser tests do with a figure that has a slider: drag its grip to the far end of the
// rail, as a reader would, and wait until the slider's value and the drawn lines have both changed
// (plotly redraws from the figure's own frames, with no kernel involved).

// the figure's drawn lines, and the slider's current value: its first label (plotly.js 3 draws it as .slider-label)
function drawing(node) {
  return {
    lines: [...node.querySelectorAll('.scatterlayer path')].map((p) => p.getAttribute('d')).join('|'),
    value: node.querySelector('.slider-container .slider-label')?.textContent ?? '',
  };
}

/** Drags the slider of `figure` (an element handle) to its far end; returns the values before and after, or throws. */
export async function dragSliderToFarEnd(page, figure, timeout) {
  await figure.scrollIntoViewIfNeeded();
  const before = await figure.evaluate(drawing);
  const rail = await (await figure.$('rect.slider-rail-rect')).boundingBox();
  const grip = await (await figure.$('rect.slider-grip-rect')).boundingBox();
  const from = { x: grip.x + grip.width / 2, y: grip.y + grip.height / 2 };
  const toX = from.x < rail.x + rail.width / 2 ? rail.x + rail.width - 1 : rail.x + 1;
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(toX, from.y, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(([node, old]) => {  // drawing(), as it runs inside the page
    const lines = [...node.querySelectorAll('.scatterlayer path')].map((p) => p.getAttribute('d')).join('|');
    const value = node.querySelector('.slider-container .slider-label')?.textContent ?? '';
    return lines !== old.lines && value !== old.value;
  }, [figure, before], { timeout });
  return { before: before.value, after: (await figure.evaluate(drawing)).value };
}
