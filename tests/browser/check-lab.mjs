#!/usr/bin/env node
// Uses the notebooks the way a class does, in a real JupyterLab (started by run-lab.py) in
// Debian's headless Chromium, on the project's default kernel:
//   every notebook: Run All; no error or stderr output; every plot drawn (traces in plotly's SVG);
//   the math typeset; save, reload the page, plots still drawn without running anything; the copy
//   executed by nbclient (unsigned, so untrusted) shows its plots as it opens; Run All twice in a
//   row, then one plot cell run again, and every plot is still drawn; every slider moved redraws
//   its figure;
//   a `while (true) {}` cell stopped with the toolbar's interrupt button, and the next cell runs;
//   Restart & Run All ten times on the index, each one finishing with its plot drawn;
//   no request leaves 127.0.0.1.
// Screenshots (light theme, and one in the dark theme) go to $LAB_SCREENSHOTS.
import { chromium } from 'playwright-core';
import { dragSliderToFarEnd } from './slider.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.LAB_URL;
const TOKEN = process.env.LAB_TOKEN;
const NOTEBOOKS = (process.env.LAB_NOTEBOOKS ?? '').split(',').filter(Boolean);
const SCREENSHOTS = process.env.LAB_SCREENSHOTS;
const RESTARTS = Number(process.env.LAB_RESTARTS ?? 10);
const RUN_TIMEOUT = 300_000; // the longest notebook runs in about 30 s on 2 cores
const OPEN_TIMEOUT = 60_000;

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// TeX left in rendered Markdown: $…$ with no space inside the dollars, \(…\) or \[…\]
const RAW_TEX = String.raw`\$[^\s$](?:[^$]*[^\s$])?\$|\\\(.*?\\\)|\\\[.*?\\\]`;

let failures = 0;
const offSite = [];

function say(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

async function openNotebook(page, folder, name) {
  await page.goto(`${BASE}/lab/tree/${folder}/${name}.ipynb?reset&token=${TOKEN}`);
  await page.waitForFunction(([folder, name]) => {
    const w = window.jupyterapp?.shell?.currentWidget;
    return w?.context?.path === `${folder}/${name}.ipynb` && w.context.isReady && w.content?.widgets?.length > 0;
  }, [folder, name], { timeout: OPEN_TIMEOUT });
  await waitForIdle(page, OPEN_TIMEOUT);
}

// The kernel is idle and no cell waits or runs ([*]), for a second in a row.
async function waitForIdle(page, timeout) {
  await page.waitForFunction(() => {
    const w = window.jupyterapp.shell.currentWidget;
    const kernel = w.sessionContext?.session?.kernel;
    const busy = kernel?.status !== 'idle' || document.querySelector('.jp-InputPrompt')?.textContent.includes('*')
      || [...w.content.widgets].some((c) => c.model.type === 'code' && c.promptNode?.textContent.includes('*'));
    if (busy) { window.__idleSince = undefined; return false; }
    window.__idleSince ??= Date.now();
    return Date.now() - window.__idleSince > 1000;
  }, null, { timeout, polling: 200 }).catch(async (e) => {
    const state = await page.evaluate(() => {
      const w = window.jupyterapp.shell.currentWidget;
      const waiting = [...w.content.widgets].map((c, i) => [i + 1, c.promptNode?.textContent ?? ''])
        .filter(([, p]) => p.includes('*')).map(([i]) => i);
      return `kernel ${w.sessionContext?.session?.kernel?.status}, cells still marked [*]: ${waiting.join(', ') || 'none'}`;
    }).catch(() => 'page gone');
    throw new Error(`${e.message.split('\n')[0]} (${state})`);
  });
}

// Shuts the kernel down and closes the tab without the dialogs a user would answer.
async function closeAndShutdown(page) {
  await page.evaluate(async () => {
    const w = window.jupyterapp.shell.currentWidget;
    await w.sessionContext.shutdown();
    w.dispose();
  });
}

// Starts a command as a menu item or shortcut would; its end is awaited by looking (a Run command's
// promise only settles when the cells finish, which a runaway cell never does).
async function command(page, id, args = {}) {
  await page.evaluate(([id, args]) => {
    window.__idleSince = undefined;
    window.jupyterapp.commands.execute(id, args).catch((e) => console.error(`${id}: ${e}`));
  }, [id, args]);
}

// What the notebook's model holds: errors, stderr, cells with a plotly figure, cells with math.
async function outputs(page) {
  return page.evaluate(() => {
    const cells = [...window.jupyterapp.shell.currentWidget.content.widgets];
    const result = { errors: [], plots: [], math: [], unrun: 0 };
    cells.forEach((cell, i) => {
      if (cell.model.type === 'markdown' && /\$/.test(cell.model.sharedModel.getSource())) result.math.push(i);
      if (cell.model.type !== 'code') return;
      if (cell.model.executionCount === null && cell.model.sharedModel.getSource().trim()) result.unrun++;
      for (const o of cell.model.outputs.toJSON()) {
        if (o.output_type === 'error') result.errors.push(`cell ${i + 1}: ${o.ename}: ${o.evalue}`.slice(0, 200));
        if (o.output_type === 'stream' && o.name === 'stderr') result.errors.push(`cell ${i + 1} stderr: ${o.text}`.slice(0, 200));
        if (o.data?.['application/vnd.plotly.v1+json']) result.plots.push(i);
      }
    });
    return result;
  });
}

// Scrolls each figure's cell into view and waits for plotly's SVG with at least one trace in it.
async function plotsDrawn(page, cells) {
  const missing = [];
  for (const i of [...new Set(cells)]) {
    await page.evaluate((i) => window.jupyterapp.shell.currentWidget.content.scrollToItem(i, 'center'), i);
    // A reopened notebook first shows the PNG snapshot that plotly's renderer saved with it, and
    // draws the interactive figure when the pointer enters: move the pointer over each snapshot.
    await page.waitForFunction((i) => window.jupyterapp.shell.currentWidget.content.widgets[i].node
      .querySelector('.jp-RenderedPlotly'), i, { timeout: 20_000 }).catch(() => {});
    await page.evaluate((i) => {
      const node = window.jupyterapp.shell.currentWidget.content.widgets[i].node;
      for (const img of node.querySelectorAll('.jp-RenderedPlotly img.plot-img')) {
        if (img.style.display !== 'none' && img.src.startsWith('data:image/png')) img.dispatchEvent(new MouseEvent('mouseenter'));
      }
    }, i);
    const drawn = await page.waitForFunction((i) => {
      const node = window.jupyterapp.shell.currentWidget.content.widgets[i].node;
      const plots = [...node.querySelectorAll('.jp-RenderedPlotly')];
      return plots.length > 0 && plots.every((p) => p.querySelector('svg.main-svg') && p.querySelector('.trace, .hm'));
    }, i, { timeout: 20_000 }).then(() => true, () => false);
    if (!drawn) missing.push(i + 1);
  }
  return missing;
}

// Every figure with a slider: drag its grip to the far end of the rail, as a reader would, and wait
// until the slider's value and the drawn lines have both changed (plotly's renderer animates to the
// frame the slider names, with no kernel involved). Returns how many sliders moved and what failed.
async function slidersMove(page, cells) {
  const failed = [];
  let moved = 0;
  for (const i of [...new Set(cells)]) {
    await page.evaluate((i) => window.jupyterapp.shell.currentWidget.content.scrollToItem(i, 'center'), i);
    const cell = await page.evaluateHandle((i) => window.jupyterapp.shell.currentWidget.content.widgets[i].node, i);
    for (const plot of await cell.$$('.jp-RenderedPlotly')) {
      if (!await plot.$('g.slider-container')) continue;
      try {
        await dragSliderToFarEnd(page, plot, 20_000);
        moved++;
      } catch (err) {
        failed.push(`cell ${i + 1}: ${String(err.message ?? err).split('\n')[0].slice(0, 120)}`);
      }
    }
  }
  return { moved, failed };
}

async function mathTypeset(page, cells) {
  const raw = [];
  for (const i of cells) {
    await page.evaluate((i) => window.jupyterapp.shell.currentWidget.content.scrollToItem(i, 'center'), i);
    const ok = await page.waitForFunction(([i, rawTex]) => {
      const node = window.jupyterapp.shell.currentWidget.content.widgets[i].node.querySelector('.jp-RenderedMarkdown');
      if (!node) return false;
      const text = node.cloneNode(true);
      text.querySelectorAll('mjx-container, code, pre').forEach((e) => e.remove());
      return node.querySelector('mjx-container') && !new RegExp(rawTex).test(text.textContent);
    }, [i, RAW_TEX], { timeout: 20_000 }).then(() => true, () => false);
    if (!ok) raw.push(i + 1);
  }
  return raw;
}

async function checkDrawn(page, name, when) {
  const o = await outputs(page);
  say(o.errors.length === 0, `${name} ${when}: no error or stderr output${o.errors.length ? ': ' + o.errors.join(' | ') : ''}`);
  const missing = await plotsDrawn(page, o.plots);
  say(o.plots.length > 0 ? missing.length === 0 : name.startsWith('scratch'),
    `${name} ${when}: ${o.plots.length - missing.length} of ${o.plots.length} figures drawn${missing.length ? ` (not in cells ${missing.join(', ')})` : ''}`);
  return o;
}

async function runAll(page, name, times = 1) {
  const t0 = Date.now();
  for (let k = 0; k < times; k++) await command(page, 'notebook:run-all-cells');
  await waitForIdle(page, RUN_TIMEOUT);
  const o = await outputs(page);
  say(o.unrun === 0, `${name}: Run All${times > 1 ? ` ×${times}` : ''} ran every cell in ${((Date.now() - t0) / 1000).toFixed(1)} s`
    + (o.unrun ? ` (${o.unrun} cells without a count)` : ''));
}

async function screenshot(page, file, cell) {
  if (cell !== undefined) {
    await page.evaluate((i) => window.jupyterapp.shell.currentWidget.content.scrollToItem(i, 'start'), cell);
    await page.waitForTimeout(500);
  }
  await page.screenshot({ path: path.join(SCREENSHOTS, file) });
}

async function notebookSession(page, name) {
  await openNotebook(page, 'notebooks', name);
  await runAll(page, name);
  const o = await checkDrawn(page, name, 'after Run All');
  const raw = await mathTypeset(page, o.math);
  say(raw.length === 0, `${name}: math typeset in ${o.math.length - raw.length} of ${o.math.length} Markdown cells with TeX`
    + (raw.length ? ` (raw TeX left in cells ${raw.join(', ')})` : ''));
  await screenshot(page, `${name}.png`, o.plots[0]);
  const sliders = await slidersMove(page, o.plots);
  if (sliders.moved || sliders.failed.length) {
    say(sliders.failed.length === 0, `${name}: ${sliders.moved} of ${sliders.moved + sliders.failed.length} sliders`
      + ` redrew their figure when moved${sliders.failed.length ? ': ' + sliders.failed.join(' | ') : ''}`);
  }

  await command(page, 'docmanager:save');
  await page.waitForFunction(() => !window.jupyterapp.shell.currentWidget.context.model.dirty, null, { timeout: 30_000 });
  await page.reload();
  await openNotebook(page, 'notebooks', name);
  await checkDrawn(page, name, 'saved and reloaded');

  await runAll(page, name, 2);
  await checkDrawn(page, name, 'after Run All twice in a row');
  if (o.plots.length) {
    await page.evaluate((i) => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = i; }, o.plots[0]);
    await command(page, 'notebook:run-cell');
    await waitForIdle(page, RUN_TIMEOUT);
    await checkDrawn(page, name, `after running its first plot cell (${o.plots[0] + 1}) again`);
  }
  await closeAndShutdown(page);
}

async function untrusted(page, name) {
  if (!fs.existsSync(path.join(process.env.LAB_WORK, 'executed', `${name}.ipynb`))) {
    say(false, `${name}: no executed copy in ${process.env.LAB_WORK}/executed (run \`make notebooks\` first)`);
    return;
  }
  await openNotebook(page, 'executed', name);
  const trusted = await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.widgets
    .filter((c) => c.model.type === 'code').every((c) => c.model.trusted));
  await checkDrawn(page, `${name} (executed elsewhere, ${trusted ? 'trusted' : 'untrusted'})`, 'as opened');
  await closeAndShutdown(page);
}

async function interrupt(page) {
  await openNotebook(page, 'notebooks', 'scratch-interrupt');
  await page.evaluate(() => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = 0; });
  await command(page, 'notebook:run-cell');
  await page.waitForTimeout(2000);
  const t0 = Date.now();
  await page.click('.jp-NotebookPanel-toolbar [data-command="notebook:interrupt-kernel"]');
  const stopped = await waitForIdle(page, 30_000).then(() => true, () => false);
  say(stopped, `interrupt button: \`while (true) {}\` stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await page.evaluate(() => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = 1; });
  await command(page, 'notebook:run-cell');
  await waitForIdle(page, 30_000);
  const printed = await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.widgets[1].model.outputs.toJSON()
    .map((o) => o.text ?? '').join(''));
  say(printed.includes('after the interrupt'), `after the interrupt the next cell ran and printed ${JSON.stringify(printed.trim())}`);
  await closeAndShutdown(page);
}

async function restarts(page, name) {
  await openNotebook(page, 'notebooks', name);
  let done = 0;
  const times = [];
  for (let k = 1; k <= RESTARTS; k++) {
    const t0 = Date.now();
    await command(page, 'notebook:restart-run-all').catch(() => {});
    // JupyterLab asks first; the test answers as a user would
    await page.click('.jp-Dialog .jp-mod-accept', { timeout: 10_000 }).catch(() => {});
    const finished = await waitForIdle(page, RUN_TIMEOUT).then(() => true, () => false);
    const o = await outputs(page);
    const missing = finished ? await plotsDrawn(page, o.plots) : o.plots;
    if (finished && o.unrun === 0 && o.errors.length === 0 && missing.length === 0) done++;
    times.push((Date.now() - t0) / 1000);
  }
  say(done === RESTARTS, `${name}: Restart & Run All ${done} of ${RESTARTS} times finished with every figure drawn`
    + ` (${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)} s each)`);
  await closeAndShutdown(page);
}

async function darkTheme(page, name) {
  await openNotebook(page, 'executed', name);
  await command(page, 'apputils:change-theme', { theme: 'JupyterLab Dark' });
  await page.waitForFunction(() => document.body.dataset.jpThemeLight === 'false', null, { timeout: 20_000 });
  const o = await outputs(page);
  const missing = await plotsDrawn(page, o.plots);
  say(missing.length === 0, `${name} in the dark theme: ${o.plots.length - missing.length} of ${o.plots.length} figures drawn`);
  await screenshot(page, `${name}-dark.png`, o.plots[0]);
  await command(page, 'apputils:change-theme', { theme: 'JupyterLab Light' });
  await closeAndShutdown(page);
}

async function main() {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'gradnotes-lab-')), {
    executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 1400, height: 1000 },
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    offSite.push(url.href);
    return route.abort();
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (e) => console.log(`     page error: ${e.message.slice(0, 200)}`));
  const started = Date.now();
  try {
    for (const name of NOTEBOOKS) {
      const t0 = Date.now();
      await notebookSession(page, name);
      await untrusted(page, name);
      console.log(`     ${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
    await interrupt(page);
    if (NOTEBOOKS.includes('index')) await restarts(page, 'index');
    if (NOTEBOOKS.length) await darkTheme(page, NOTEBOOKS.includes('in5400-rnn') ? 'in5400-rnn' : NOTEBOOKS[0]);
  } catch (e) {
    say(false, `the JupyterLab session broke off: ${e.stack}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'failure.png') }).catch(() => {});
  }
  say(offSite.length === 0, `no request left 127.0.0.1${offSite.length ? ': ' + [...new Set(offSite)].slice(0, 5).join(', ') : ''}`);
  await context.close().catch(() => {});
  console.log(`JupyterLab: ${failures === 0 ? 'all checks passed' : failures + ' checks failed'} in ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots in ${SCREENSHOTS}`);
  process.exit(failures === 0 ? 0 : 1);
}

main();
