// The views of web/src/views/ and web/src/formulas/ in Debian's chromium, through their demo harness
// (web/views-demo.html, built by scripts/views-demo.mjs into a temporary folder: not part of the page) served by
// `vite preview` under the page's strict Content-Security-Policy. Every test fails on any console error (a blocked
// inline style or font shows up there), page error, failed request or request outside the origin. Screenshots go to
// test-results/views-*.png (look at them).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../bench/browser/chromium.mjs';
import { buildViewsDemo, serveViewsDemo } from '../../scripts/views-demo.mjs';
import { parseCsv } from '../../web/src/views/export.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = path.join(root, 'test-results');
const sgm = path.join(root, 'build/native/sgm');
const timeout = 120_000;

let server;
let browser;
let context;
let outDir;
let origin;

before(async () => {
  mkdirSync(shots, { recursive: true });
  outDir = mkdtempSync(path.join(tmpdir(), 'sgmlab-views-'));
  await buildViewsDemo(outDir);
  server = await serveViewsDemo(outDir);
  origin = new URL(server.resolvedUrls.local[0]).origin;
  browser = await launchChromium('sgmlab-chromium-', { acceptDownloads: true, viewport: { width: 1300, height: 900 } });
  context = browser.context;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

async function open(query, { width = 1300, reducedMotion = 'no-preference' } = {}) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.emulateMedia({ reducedMotion });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text().slice(0, 300)}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('blob:') && new URL(r.url()).origin !== origin) problems.push(`outside request: ${r.url()}`);
  });
  const response = await page.goto(`${origin}/views-demo.html${query}`);
  assert.ok(response.headers()['content-security-policy'].includes("script-src 'self' 'wasm-unsafe-eval'"));
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', await page.locator('#demo-status').textContent());
  return { page, problems };
}

test('density, trajectories, compare and formulas render under the strict CSP with text summaries', async () => {
  const { page, problems } = await open('?n=5000&arrows=1');
  const density = page.locator('#density canvas');
  assert.equal(await density.getAttribute('role'), 'img');
  assert.match(await density.getAttribute('aria-label'), /5,000 particles at t = 0\.001 .*Share of particles inside/);
  assert.equal(await page.locator('#density table tr').count(), 5); // header + 4 mass levels
  assert.match(await page.locator('#paths figcaption').textContent(), /12 particle paths over \d+ frames/);
  assert.ok(Number(await page.locator('#compare .sgm-compare').getAttribute('data-rms')) > 0);
  // KaTeX: formulas typeset, their styles applied through the CSSOM (no style attribute blocked: console clean),
  // symbols linked to sections of the rendered theory document, assumptions marked.
  assert.ok(await page.locator('#formulas .katex').count() > 10); // 1 rule, 5 symbols, 5 bounds × 2
  const hrefs = await page.locator('#formulas .katex a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length > 10 && hrefs.every((h) => /^docs\/theory\.html#s\d+(\.\d+)?$/.test(h)), hrefs.join(' '));
  const strut = await page.locator('#formulas .katex .katex-strut').first().evaluate((e) => getComputedStyle(e).height);
  assert.notEqual(strut, '0px');
  assert.ok(await page.locator('#formulas .sgm-status-holds').count() > 0);
  await page.evaluate(() => document.fonts.ready);
  assert.ok(await page.evaluate(() => document.fonts.check('16px KaTeX_Main')), 'KaTeX font loaded');
  await page.screenshot({ path: path.join(shots, 'views-desktop.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the time control scrubs forward and reverse frames by keyboard, plays and pauses', async () => {
  const { page, problems } = await open('?n=3000&steps=40', { reducedMotion: 'reduce' });
  const slider = page.locator('#time input[type=range]');
  const label = page.locator('#time output');
  assert.match(await label.textContent(), /reverse sampling, step 40\/40/);
  await slider.focus();
  await page.keyboard.press('Home');
  assert.match(await label.textContent(), /forward noising, t = 0\.001/);
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.body.dataset.frame), '1');
  // Reduced motion: nothing plays by itself; Play (by keyboard) advances, Pause stops.
  assert.equal(await page.locator('.sgm-time-control').getAttribute('data-playing'), 'false');
  await page.getByRole('button', { name: 'play' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => Number(document.body.dataset.frame) >= 3, null, { timeout: 10_000 });
  await page.getByRole('button', { name: 'pause' }).click();
  const stopped = await page.evaluate(() => document.body.dataset.frame);
  await page.waitForTimeout(600);
  assert.equal(await page.evaluate(() => document.body.dataset.frame), stopped);
  await page.getByRole('button', { name: 'step forward one frame' }).click();
  assert.equal(await page.evaluate(() => document.body.dataset.frame), String(Number(stopped) + 1));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a million particles are drawn as one density image in well under a second per frame', async () => {
  const { page, problems } = await open('?n=5000&steps=20');
  const ms = await page.evaluate(() => window.sgmDemo.drawMillion());
  assert.match(await page.locator('#density canvas').getAttribute('aria-label'), /1,000,000 particles/);
  assert.ok(ms < 2000, `${ms} ms`); // about 0.2 s measured on this 2-core machine
  assert.deepEqual(problems, []);
  await page.close();
});

test('exports: CSV of every particle, PNG, well-formed SVG, JSON that sgm runs, link and embed code', async () => {
  const { page, problems } = await open('?n=4000&steps=30&sampler=ddim');
  const save = async (name) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    return readFileSync(await download.path());
  };
  const csv = parseCsv((await save('Samples (CSV)')).toString('utf8'));
  assert.equal(csv.count, 4000);
  assert.deepEqual(csv.columns, ['x0', 'x1']);
  const png = await save('density (PNG)');
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  const svg = (await save('convergence (SVG)')).toString('utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, lines: doc.querySelectorAll('polyline').length };
  }, svg);
  assert.equal(parsed.error, null);
  assert.equal(parsed.lines, 2);
  const json = (await save('Experiment (JSON)')).toString('utf8');
  assert.equal(JSON.parse(json).sampler, 'ddim');
  if (existsSync(sgm)) {
    const dir = mkdtempSync(path.join(tmpdir(), 'sgmlab-export-'));
    try {
      const file = path.join(dir, 'experiment.json');
      writeFileSync(file, json);
      const result = JSON.parse(execFileSync(sgm, ['run', file], { encoding: 'utf8' }));
      assert.equal(result.config.sampler.kind, 'ddim');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  await page.waitForFunction(() => /copied/.test(document.querySelector('.sgm-export output').textContent));
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  const query = 'n=4000&amp;steps=30&amp;sampler=ddim&amp;embed=1';
  assert.ok(snippet.startsWith(`<iframe src="${origin}/views-demo.html?${query}"`), snippet);
  assert.deepEqual(problems, []);
  await page.close();
});

test('1-D target: a histogram against the exact density; phone width without horizontal overflow', async () => {
  const { page, problems } = await open('?target=double_well_1d&n=2000&steps=20', { width: 390 });
  const summary = await page.locator('#density canvas').getAttribute('aria-label');
  assert.match(summary, /Histogram of the particles \(bars\) against the exact density/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow} px wider than the phone`);
  await page.screenshot({ path: path.join(shots, 'views-phone-1d.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});
