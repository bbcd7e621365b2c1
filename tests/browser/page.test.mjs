// The page in Debian's chromium (playwright-core, no downloaded browser), served by `vite preview` with the same
// configuration and strict Content-Security-Policy as `npm start`. Every test fails on any console error, page
// error, failed request or request outside the page's origin. Screenshots go to test-results/ (look at them).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = path.join(root, 'test-results');
const chromiumPath = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
// The page's work (a 100-step animation and 12 runs of 10,000 particles) takes a few seconds in wasm; the limit
// only guards against a hang.
const pageTimeout = 120_000;

let server;
let context;
let profile;
let origin;

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await preview({ root: path.join(root, 'web'), configFile: path.join(root, 'vite.config.js'), logLevel: 'warn', preview: { port: 0, strictPort: false } });
  origin = new URL(server.resolvedUrls.local[0]).origin;
  profile = mkdtempSync(path.join(tmpdir(), 'sgmlab-chromium-'));
  // docs/development.md, "Browser test": a fresh profile needs launchPersistentContext (launch() refuses
  // --user-data-dir).
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

// Opens `query` and records every problem the page reports. Workers' console messages reach page 'console' too.
async function open(query) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => { if (new URL(r.url()).origin !== origin) problems.push(`outside request: ${r.url()}`); });
  page.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') problems.push(`worker console: ${m.text()}`); }));
  const response = await page.goto(`${origin}/${query}`);
  // The strict policy: scripts only from the origin plus WebAssembly compilation; no 'unsafe-eval', no inline code.
  const directives = response.headers()['content-security-policy'].split(';').map((d) => d.trim());
  assert.ok(directives.includes("script-src 'self' 'wasm-unsafe-eval'"), directives.join('; '));
  assert.ok(!directives.some((d) => d.includes("'unsafe-inline'")), directives.join('; '));
  return { page, problems };
}

const settled = (page, key) => page.waitForFunction((k) => ['done', 'error'].includes(document.body.dataset[k]), key, { timeout: pageTimeout });

test('the default page animates the mixture, plots sliced W2 and KL beside the bounds against N for EI and EM', async () => {
  const { page, problems } = await open('');
  await settled(page, 'animation');
  await settled(page, 'sweep');
  assert.equal(await page.evaluate(() => document.body.dataset.animation), 'done');
  assert.equal(await page.evaluate(() => document.body.dataset.sweep), 'done');
  assert.equal(await page.locator('#build').textContent(), 'SIMD');
  // Six step counts × two samplers, every point a finite positive number.
  assert.equal(await page.locator('#plot').getAttribute('data-points'), '12');
  // The KL plot: the k-NN estimate and the certified bound (both with intervals) for both samplers at 6 step counts.
  assert.equal(await page.locator('#kl-plot').getAttribute('data-points'), '24');
  const series = await page.evaluate(() => [...document.querySelectorAll('#plot .u-series')].length);
  assert.ok(series >= 4, `legend has ${series} entries`);
  assert.match(await page.locator('#status').textContent(), /step 100\/100/);
  // The final particles are drawn: the canvas is not blank (some pixels differ from the background).
  const lit = await page.evaluate(() => {
    const c = document.getElementById('particles');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] > 100) n += 1;
    return n;
  });
  assert.ok(lit > 500, `only ${lit} bright pixels on the particle canvas`);
  assert.match(await page.locator('#summary').textContent(), /sliced W2 to q_δ = \d/);
  // The core's fitted slopes are shown with their intervals: first order, so negative for both samplers.
  const slopes = await page.locator('#slopes').textContent();
  assert.match(slopes, /ei -\d\.\d\d \[-?\d\.\d\d, -?\d\.\d\d\]; em -\d\.\d\d/);
  await page.screenshot({ path: path.join(shots, 'page.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the scalar build runs the same page', async () => {
  const { page, problems } = await open('?build=scalar&sweep=5,10&sweepParticles=1000&particles=500');
  await settled(page, 'animation');
  await settled(page, 'sweep');
  assert.equal(await page.locator('#build').textContent(), 'scalar (no SIMD)');
  assert.equal(await page.evaluate(() => document.body.dataset.sweep), 'done');
  assert.equal(await page.locator('#plot').getAttribute('data-points'), '4');
  assert.deepEqual(problems, []);
  await page.close();
});

test('bad input shows the core\'s message on the page and breaks nothing', async () => {
  const { page, problems } = await open('?steps=-3');
  await settled(page, 'animation');
  const alert = page.locator('#error');
  assert.equal(await alert.isVisible(), true);
  assert.match(await alert.textContent(), /steps = -3 is out of range: must be an integer in \[1, 1000000\]/);
  // Correcting the field in the form and running again clears the message and completes.
  await page.fill('input[name="steps"]', '20');
  await page.fill('input[name="sweep"]', '5,10');
  await page.fill('input[name="sweepParticles"]', '1000');
  await page.click('#run');
  await page.waitForFunction(() => document.body.dataset.sweep === 'done' && document.body.dataset.animation === 'done', null, { timeout: pageTimeout });
  assert.equal(await alert.isVisible(), false);
  assert.match(page.url(), /steps=20/);
  // A non-number and an inverted horizon are reported by name too.
  await page.fill('input[name="T"]', 'abc');
  await page.click('#run');
  await page.waitForFunction(() => !document.getElementById('error').hidden, null, { timeout: pageTimeout });
  assert.match(await alert.textContent(), /T/);
  await page.fill('input[name="T"]', '0.0005');
  await page.click('#run');
  await page.waitForFunction(() => /delta/.test(document.getElementById('error').textContent), null, { timeout: pageTimeout });
  await page.screenshot({ path: path.join(shots, 'page-error.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('embed mode shows the particles, the plot and only the embeddable controls', async () => {
  const { page, problems } = await open('?embed=1&target=gaussian&sweep=5,10,20&sweepParticles=2000');
  await settled(page, 'sweep');
  assert.equal(await page.locator('.page-header').isVisible(), false);
  assert.equal(await page.locator('input[name="seed"]').count(), 0);
  assert.equal(await page.locator('select[name="sampler"]').count(), 1);
  assert.equal(await page.locator('#plot').getAttribute('data-points'), '6');
  // The Gaussian target has exact W2 curves (no Monte Carlo noise): the slopes quoted are theirs.
  assert.match(await page.locator('#slopes').textContent(), /exact w2/);
  await page.screenshot({ path: path.join(shots, 'page-embed.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('other processes run on the page: VP with the Karras grid and DDIM, and CLD with SSCS', async () => {
  for (const query of ['?process=vp&T=1&grid=karras&sampler=ddim&sweep=5,10&sweepParticles=1000&particles=500',
    '?process=cld&T=1&sampler=sscs&target=gaussian&sweep=5,10&sweepParticles=1000&particles=500']) {
    const { page, problems } = await open(query);
    await settled(page, 'animation');
    await settled(page, 'sweep');
    assert.equal(await page.locator('#error').isVisible(), false, await page.locator('#error').textContent());
    assert.equal(await page.evaluate(() => document.body.dataset.sweep), 'done');
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('the page\'s citation opens the cited section of docs/theory.md, served under the same policy', async () => {
  const { page, problems } = await open('?sweep=5&sweepParticles=500&particles=200&steps=10');
  await settled(page, 'animation');
  await settled(page, 'sweep');
  const citation = page.locator('a[href="docs/theory.html#s8"]');
  assert.equal(await citation.textContent(), 'docs/theory.md §8');
  await citation.click();
  await page.waitForURL(/docs\/theory\.html#s8$/);
  assert.match(await page.locator('h2#s8').textContent(), /^§8 Certified bounds/);
  // A citation inside the documents links on: usage → theory §8.1.
  await page.goto(`${origin}/docs/usage.html`);
  await page.locator('a[href="theory.html#s8.1"]').first().click();
  assert.match(await page.locator('h3[id="s8.1"]').textContent(), /^§8\.1 Girsanov path KL/);
  await page.screenshot({ path: path.join(shots, 'docs-theory.png') });
  assert.deepEqual(problems, []);
  await page.close();
});
