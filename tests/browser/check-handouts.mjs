#!/usr/bin/env node
// Opens every built HTML handout in Debian's headless Chromium, with the network off, and checks
// what a reader would see: no script errors, every plot drawn, every slider redraws its figure when
// moved, the computation graphs and cell diagrams drawn as SVG, the math typeset (none left as raw TeX), the solutions only in the instructor version, no broken local link, and an index that
// reaches every page. One screenshot per page.
//
//   node tests/browser/check-handouts.mjs [handoutsDir]     (default: build/handouts)
//
// The executed notebooks (for the solution check) are read from ../executed beside handoutsDir,
// else from the repo's build/executed; screenshots go to ../screenshots beside handoutsDir, so a
// copy of the handouts tested elsewhere never overwrites the real screenshots.
import { chromium } from 'playwright-core';
import { dragSliderToFarEnd } from './slider.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const HANDOUTS = path.resolve(process.argv[2] ?? path.join(REPO, 'build', 'handouts'));
const EXECUTED = [path.join(HANDOUTS, '..', 'executed'), path.join(REPO, 'build', 'executed')]
  .find((dir) => fs.existsSync(dir));
const SCREENSHOTS = path.join(HANDOUTS, '..', 'screenshots');
const VERSIONS = ['instructor', 'student'];

// Seconds are generous for a 2-core machine; each wait ends as soon as its condition holds.
const LOAD_TIMEOUT = 30_000;
const MATH_TIMEOUT = 30_000;   // MathJax gives up on a missing file after 15 s itself
const FIGURE_TIMEOUT = 20_000; // the handouts' own wait for plotly.js gives up after 10 s
const PAGE_TIMEOUT = 120_000;  // the whole check of one page, screenshot included

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// TeX as it stands in the markdown before MathJax replaces it; `\$` is an escaped dollar sign.
const MATH_IN_TEXT = String.raw`(^|[^\\])\$[^$]|\\\(|\\\[|\\begin\{`;
// TeX still in the text after typesetting: $…$ with no space inside the dollars (the rule
// markdown converters use, so prices like "$5 and $6" do not count), \(…\) or \[…\].
const RAW_TEX = String.raw`\$[^\s$](?:[^$]*[^\s$])?\$|\\\(.*?\\\)|\\\[.*?\\\]`;

// The SVG drawings (ComputationGraph, CellDiagram) each handout must show, by the start of their
// title, the first text of the drawing. Student pages show only what is not a solution.
const DIAGRAMS = {
  instructor: {
    'co3086-lab11': ['GRU, one step from h₀', 'LSTM with its forget gates shut', 'LSTM of part a), step 5'],
    'dl4nlp-ex03': ["The sheet's network, every connection", "The sheet's rule replayed",
      "The sheet's network, forward and backward"],
    'dl4nlp-ex08': ['Bidirectional RNN on le vieux chien noir', '∂E/∂p₁⁽¹⁾ as a sum over the paths'],
  },
  student: {
    'dl4nlp-ex03': ["The sheet's network, every connection"],
  },
};

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function handoutPages() {
  const pages = [];
  for (const version of VERSIONS) {
    const dir = path.join(HANDOUTS, version);
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort()) {
      pages.push({ rel: `${version}/${file}`, version, name: file.replace(/\.html$/, '') });
    }
  }
  return pages;
}

// How many code cells of the executed notebook behind a handout are folded plumbing (metadata
// jupyter.source_hidden; null: no notebook).
function foldedCells(name) {
  const file = EXECUTED && path.join(EXECUTED, `${name}.ipynb`);
  if (!file || !fs.existsSync(file)) return null;
  const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
  return nb.cells.filter((cell) => cell.cell_type === 'code' && cell.metadata?.jupyter?.source_hidden).length;
}

// Whether the executed notebook behind a handout has a cell tagged `solution` (null: no notebook).
function notebookHasSolutions(name) {
  const file = EXECUTED && path.join(EXECUTED, `${name}.ipynb`);
  if (!file || !fs.existsSync(file)) return null;
  const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
  return nb.cells.some((cell) => (cell.metadata?.tags ?? []).includes('solution'));
}

async function checkPage(context, page, handouts) {
  const problems = [];
  const details = [];
  const file = path.join(HANDOUTS, page.rel);
  const tab = await context.newPage();
  try {
    // The handouts must open without a network: anything but a local file is refused and counted.
    const blocked = new Set();
    await tab.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      blocked.add(url);
      return route.abort('blockedbyclient');
    });
    await tab.routeWebSocket(/.*/, (ws) => { blocked.add(ws.url()); ws.close(); });
    tab.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const { url, lineNumber } = msg.location() ?? {};
      const where = url ? ` (${path.basename(url)}${lineNumber ? `:${lineNumber}` : ''})` : '';
      problems.push(`console error: ${msg.text().slice(0, 300)}${where}`);
    });
    tab.on('pageerror', (err) => problems.push(`uncaught error: ${String(err.message ?? err).slice(0, 300)}`));
    tab.on('requestfailed', (req) => {
      if (!blocked.has(req.url())) problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
    });
    tab.on('crash', () => problems.push('the page crashed'));

    await tab.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: LOAD_TIMEOUT });

    // Math: wait for MathJax 2.7's queue to run dry (a callback queued now runs after the page's
    // own Typeset), then look for the rendered SVG and for every kind of error marker it leaves.
    const expectsMath = await tab.evaluate(([html, pattern]) => {
      // The markdown as written, parsed apart from the live page that MathJax is rewriting.
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const re = new RegExp(pattern);
      return [...doc.querySelectorAll('.jp-RenderedMarkdown')].some((el) => re.test(el.textContent));
    }, [fs.readFileSync(file, 'utf8'), MATH_IN_TEXT]);
    const hasMathJax = await tab.evaluate(() => Boolean(window.MathJax && window.MathJax.Hub));
    if (hasMathJax) {
      await withTimeout(tab.evaluate(() => new Promise((done) => MathJax.Hub.Queue(() => done()))),
        MATH_TIMEOUT, 'MathJax typesetting');
      const math = await tab.evaluate((pattern) => ({
        rendered: document.querySelectorAll('.MathJax_SVG > svg').length,
        // Math MathJax skipped (say, delimiters the markdown converter mangled) stays raw TeX in the text.
        raw: [...document.querySelectorAll('.jp-RenderedMarkdown')].flatMap((el) => {
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          const found = [];
          while (walker.nextNode()) {
            const text = walker.currentNode;
            if (text.parentElement.closest('pre, code, script, style, svg, .MathJax_SVG, .MJX_Assistive_MathML')) continue;
            const tex = text.textContent.match(pattern);
            if (tex) found.push(tex[0].slice(0, 60));
          }
          return found;
        }),
        errors: [...document.querySelectorAll('.MathJax_Error, .noError, merror')]
          .map((el) => el.textContent.trim()),
        // noUndefined shows an unknown macro as red text instead of failing
        undefined: [...document.querySelectorAll('mtext[mathcolor="red"]')]
          .map((el) => el.textContent).filter((t) => t.startsWith('\\')),
      }), new RegExp(RAW_TEX));
      const errors = [...new Set(math.errors)];
      if (errors.length) problems.push(`MathJax errors in: ${errors.slice(0, 5).map((t) => JSON.stringify(t)).join(', ')}`);
      if (math.undefined.length) problems.push(`undefined TeX macros: ${[...new Set(math.undefined)].join(', ')}`);
      if (math.raw.length) problems.push(`math left untypeset: ${math.raw.slice(0, 3).map((t) => JSON.stringify(t)).join(', ')}`);
      if (expectsMath && math.rendered === 0) problems.push('the markdown has math but MathJax rendered no SVG');
      details.push(`${math.rendered} equation${math.rendered === 1 ? '' : 's'}`);
    } else if (expectsMath) {
      problems.push('the markdown has math but MathJax did not load');
    }

    // Figures: plotly.js draws asynchronously, and adds svg.main-svg to a div when it has drawn.
    const figures = await tab.locator('.gradnotes-figure').count();
    if (figures > 0) {
      const allDrawn = () => [...document.querySelectorAll('.gradnotes-figure')]
        .every((div) => div.querySelector('svg.main-svg'));
      try {
        await tab.waitForFunction(allDrawn, null, { timeout: FIGURE_TIMEOUT });
      } catch {
        const undrawn = await tab.evaluate(() => [...document.querySelectorAll('.gradnotes-figure')]
          .filter((div) => !div.querySelector('svg.main-svg'))
          .map((div) => ({ id: div.id, text: div.textContent.trim().slice(0, 100) })));
        const ids = undrawn.map((f) => `#${f.id}`);
        const texts = [...new Set(undrawn.map((f) => f.text).filter(Boolean))].map((t) => JSON.stringify(t));
        problems.push(`${undrawn.length} of ${figures} figures not drawn after ${FIGURE_TIMEOUT / 1000} s: `
          + `${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''}${texts.length ? `; they say ${texts.join(', ')}` : ''}`);
      }
    }
    if (page.version) details.unshift(`${figures} figure${figures === 1 ? '' : 's'}`);

    // Diagrams: inline SVG in an output, drawn at a real size, with its title as its first text.
    const diagrams = DIAGRAMS[page.version]?.[page.name] ?? [];
    if (diagrams.length) {
      const drawn = await tab.$$eval('.jp-OutputArea-output svg', (svgs) => svgs
        .filter((svg) => svg.getBoundingClientRect().width > 200 && svg.querySelectorAll('text').length > 5)
        .map((svg) => svg.querySelector('text').textContent));
      const missing = diagrams.filter((title) => !drawn.some((text) => text.startsWith(title)));
      if (missing.length) problems.push(`diagrams not drawn as SVG: ${missing.map((t) => JSON.stringify(t)).join(', ')}`);
      details.push(`${diagrams.length - missing.length} diagram${diagrams.length === 1 ? '' : 's'}`);
    }

    // Sliders: a figure with a slider redraws from its frames without a kernel. Drag each grip to
    // the far end of its rail and check that the slider's value and the drawn lines both change.
    const sliders = tab.locator('.gradnotes-figure:has(g.slider-container)');
    const sliderCount = await sliders.count();
    for (let i = 0; i < sliderCount; i++) {
      const fig = sliders.nth(i);
      const id = await fig.getAttribute('id');
      try {
        const moved = await dragSliderToFarEnd(tab, await fig.elementHandle(), FIGURE_TIMEOUT);
        details.push(`slider moved: "${moved.before}" → "${moved.after}"`);
      } catch (err) {
        problems.push(`slider of #${id}: moving it did not redraw the figure (${String(err.message ?? err).split('\n')[0]})`);
      }
    }

    // Solutions: never in the student version; in the instructor version when the notebook has any.
    const solutions = await tab.locator('.celltag_solution').count();
    if (page.version === 'student' && solutions > 0) {
      problems.push(`${solutions} solution cells (.celltag_solution) in the student version`);
    } else if (page.version === 'instructor') {
      const expected = notebookHasSolutions(page.name);
      if (expected === null) details.push('no executed notebook to compare solutions with');
      if (expected && solutions === 0) {
        problems.push(`no .celltag_solution, but ${page.name}.ipynb has cells tagged solution`);
      }
    }

    // Plumbing cells: folded (<details class="gradnotes-folded">), their code one click away.
    const folds = tab.locator('details.gradnotes-folded');
    const foldCount = await folds.count();
    const expectedFolds = page.version === 'instructor' ? foldedCells(page.name) : null;
    if (expectedFolds !== null && foldCount !== expectedFolds) {
      problems.push(`${foldCount} folded code cells, but ${page.name}.ipynb has ${expectedFolds} cells with source_hidden`);
    }
    if (foldCount > 0) {
      const fold = folds.first();
      const code = fold.locator('.jp-InputArea-editor');
      if (await code.isVisible()) problems.push('a folded cell shows its code before it is clicked');
      await fold.locator('summary').click();
      if (!(await code.isVisible())) problems.push('a folded cell does not show its code when its summary is clicked');
      details.push(`${foldCount} folded cells`);
    }

    // Code and output text: every line visible, wrapped rather than cut off at the cell's edge.
    const cut = await tab.$$eval('.jp-InputArea-editor pre, .jp-OutputArea-output pre',
      (pres) => pres.filter((pre) => pre.scrollWidth > pre.clientWidth + 1)
        .map((pre) => pre.textContent.split('\n').reduce((a, b) => (b.length > a.length ? b : a), '').slice(0, 60)));
    if (cut.length) problems.push(`${cut.length} code or output blocks run past their cell, e.g. ${JSON.stringify(cut[0])}`);

    // Links: on every page each local link must reach a file (the builder rewrites links between
    // notebooks into links between pages); the index must also reach every handout page.
    const hrefs = await tab.$$eval('a[href]', (links) => links.map((a) => a.href));
    const targets = new Set();
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.protocol !== 'file:') continue;
      url.hash = url.search = '';
      const target = fileURLToPath(url);
      if (!fs.existsSync(target)) problems.push(`link to a missing file: ${path.relative(HANDOUTS, target)}`);
      targets.add(path.relative(HANDOUTS, target).split(path.sep).join('/'));
    }
    if (!page.version) {
      const unlinked = handouts.map((p) => p.rel).filter((rel) => !targets.has(rel));
      if (unlinked.length) problems.push(`no link to ${unlinked.join(', ')}`);
      details.push(`${hrefs.length} links`);
    }

    if (blocked.size) problems.push(`network requests (blocked): ${[...blocked].join(', ')}`);
    return { problems, details, tab };
  } catch (err) {
    problems.push(String(err.message ?? err).split('\n')[0]);
    return { problems, details, tab };
  }
}

async function screenshot(tab, page) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const name = page.version ? `${page.version}-${page.name}.png` : 'index.png';
  await tab.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true, timeout: LOAD_TIMEOUT });
}

async function main() {
  const handouts = handoutPages();
  const pages = [{ rel: 'index.html', version: null, name: 'index' }, ...handouts];
  let passed = 0;
  let failed = 0;
  const report = (ok, page, text) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${page} ${text}`);
    if (ok) passed++; else failed++;
  };

  if (handouts.length === 0) report(false, HANDOUTS, '(no handout pages in instructor/ or student/)');

  // One browser for all pages, with a throwaway profile so no earlier state leaks into a run.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gradnotes-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      offline: true, // a second guard behind the request routing
    });
    for (const page of pages) {
      const started = Date.now();
      if (!fs.existsSync(path.join(HANDOUTS, page.rel))) {
        report(false, page.rel, '(file is missing)');
        continue;
      }
      let result;
      try {
        result = await withTimeout(checkPage(context, page, handouts), PAGE_TIMEOUT, 'checking the page');
        try {
          await screenshot(result.tab, page);
        } catch (err) {
          result.problems.push(`screenshot failed: ${String(err.message ?? err).split('\n')[0]}`);
        }
      } catch (err) {
        result = { problems: [String(err.message ?? err)], details: [] };
      } finally {
        // Closing the tab also cancels whatever a timed-out check was still waiting on.
        await Promise.all(context.pages().map((tab) => tab.close().catch(() => {})));
      }
      const seconds = `${((Date.now() - started) / 1000).toFixed(1)} s`;
      if (result.problems.length === 0) {
        report(true, page.rel, `(${[...result.details, seconds].join(', ')})`);
      } else {
        report(false, page.rel, `(${seconds}): ${[...new Set(result.problems)].join('; ')}`);
      }
    }
  } catch (err) {
    report(false, 'chromium', `cannot run the browser: ${String(err.message ?? err).split('\n')[0]}`);
  } finally {
    await context?.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && handouts.length > 0 ? 0 : 1;
}

// A reader that stops early (`| head`) must not crash the run before the browser and profile are gone.
process.stdout.on('error', () => {});
process.exitCode = await main();
