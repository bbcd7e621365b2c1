// The page where courses put it: at phone width, inside a cross-origin iframe driven by postMessage, in a sandboxed
// frame, opened from file://, with hostile URL values, by keyboard only, and checked by axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { env, finished, open, overflow, pageTimeout, root, shots, small, watch } from './support.mjs';

// A course site on another origin: serves `html` at /.
async function courseSite(html) {
  const server = http.createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => { server.closeAllConnections(); return new Promise((r) => server.close(r)); } };
}

test('phone (390 × 844) and 320 px: one column, no horizontal overflow, plots fit; desktop screenshot', async () => {
  const { page, problems } = await open(`?${small}`);
  await page.setViewportSize({ width: 390, height: 844 });
  assert.deepEqual(await finished(page), { animation: 'done', sweep: 'done', error: '' });
  assert.equal(await overflow(page), 0);
  const widths = await page.evaluate(() => [...document.querySelectorAll('.panel, .controls, canvas')]
    .map((e) => e.getBoundingClientRect().right).filter((r) => r > window.innerWidth + 0.5));
  assert.deepEqual(widths, []);
  await page.screenshot({ path: path.join(shots, 'page-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 320, height: 700 });
  await page.waitForTimeout(300); // ResizeObserver redraws the plots
  assert.equal(await overflow(page), 0);
  const plot = await page.evaluate(() => document.querySelector('#plot canvas').getBoundingClientRect().width);
  assert.ok(plot <= 320 - 20, `plot is ${plot} px wide at 320 px`);
  await open(`?embed=1&${small}`, page);
  await finished(page);
  assert.equal(await overflow(page), 0);
  await page.screenshot({ path: path.join(shots, 'embed-320.png'), fullPage: true });
  await page.setViewportSize({ width: 1400, height: 900 });
  assert.deepEqual(problems, []);
  await page.close();
});

test('embed mode: minimal chrome, every control hideable by URL, driven from a cross-origin course page', async () => {
  const lab = `${env.origin}/?embed=1&target=gaussian&${small}&hide=steps&show=seed`;
  const site = await courseSite(`<!doctype html><title>course</title><body>
    <iframe id="lab" src="${lab}" width="360" height="900" title="lab"></iframe>
    <script>
      window.messages = [];
      window.addEventListener('message', (e) => { if (e.data && e.data.source === 'sgmlab') window.messages.push(e.data); });
    </script></body>`);
  const page = await env.context.newPage();
  const problems = watch(page, [env.origin, site.origin]);
  await page.goto(site.origin);
  const frame = page.frameLocator('#lab');
  const types = () => page.evaluate(() => window.messages.map((m) => m.type));
  await page.waitForFunction(() => window.messages.some((m) => m.type === 'done'), null, { timeout: pageTimeout });
  assert.ok((await types()).includes('ready'));
  assert.ok((await types()).includes('progress'));
  // Minimal chrome: no header; target and sampler shown, steps hidden by the URL, seed shown by it, process not.
  assert.equal(await frame.locator('.page-header').isVisible(), false);
  assert.equal(await frame.locator('[name="sampler"]').count(), 1);
  assert.equal(await frame.locator('[name="steps"]').count(), 0);
  assert.equal(await frame.locator('[name="seed"]').count(), 1);
  assert.equal(await frame.locator('[name="process"]').count(), 0);
  // Commands: set parameters (a sampler parameter too) and run; the done message carries the result.
  await page.evaluate((origin) => {
    window.messages = [];
    const lab = document.getElementById('lab').contentWindow;
    lab.postMessage({ type: 'set', parameters: { sampler: 'ddim', 'sampler.eta': 0.5, steps: 12 } }, origin);
    lab.postMessage({ type: 'run' }, origin);
  }, env.origin);
  await page.waitForFunction(() => window.messages.some((m) => m.type === 'done'), null, { timeout: pageTimeout });
  const done = await page.evaluate(() => window.messages.find((m) => m.type === 'done'));
  assert.deepEqual(done.result.config.sampler, { kind: 'ddim', eta: 0.5 });
  assert.equal(done.result.config.steps, 12);
  assert.ok(done.sweep.points.length >= 4);
  // A bad value from the host is reported back naming the control.
  await page.evaluate((origin) => {
    window.messages = [];
    const lab = document.getElementById('lab').contentWindow;
    lab.postMessage({ type: 'set', parameters: { particles: -5 } }, origin);
    lab.postMessage({ type: 'run' }, origin);
  }, env.origin);
  await page.waitForFunction(() => window.messages.some((m) => m.type === 'error'), null, { timeout: pageTimeout });
  const error = await page.evaluate(() => window.messages.find((m) => m.type === 'error'));
  assert.equal(error.control, 'particles');
  assert.match(error.message, /^particles n = -5 is out of range/);
  // The other half of the run stopped: no plot goes on beside the error.
  await page.waitForTimeout(500);
  assert.equal(await frame.locator('#plot').getAttribute('data-points'), '0');
  assert.equal(await frame.locator('body').getAttribute('data-sweep'), 'error');
  await page.screenshot({ path: path.join(shots, 'embed-cross-origin.png') });
  assert.deepEqual(problems, []);
  await page.close();
  await site.close();
});

test('the course example page drives the embedded page', async () => {
  const { page, problems } = await open('course-example.html');
  await page.waitForFunction(() => document.body.dataset.lastMessage === 'done', null, { timeout: pageTimeout });
  assert.match(await page.locator('#report').textContent(), /^Done: sliced W2 = [\d.e-]+ after 40 steps; the error falls like N\^-/);
  await page.click('[data-steps="10"]');
  await page.waitForFunction(() => /after 10 steps/.test(document.getElementById('report').textContent), null, { timeout: pageTimeout });
  assert.deepEqual(problems, []);
  await page.close();
});

test('where it cannot run, the page says why: sandboxed frame without the same origin, and file://', async () => {
  const site = await courseSite(`<!doctype html><title>course</title>
    <iframe id="lab" sandbox="allow-scripts" src="${env.origin}/?embed=1" width="600" height="400" title="lab"></iframe>`);
  const page = await env.context.newPage();
  await page.goto(site.origin);
  const boot = page.frameLocator('#lab').locator('#boot');
  await boot.waitFor();
  await page.waitForTimeout(1500);
  assert.match(await boot.textContent(), /cannot run here.*sandbox="allow-scripts allow-same-origin"/s);
  assert.equal(await boot.isVisible(), true);
  await site.close();
  await page.goto(pathToFileURL(path.join(root, 'web/dist/index.html')).href);
  await page.waitForTimeout(1500);
  assert.match(await page.locator('#boot').textContent(), /cannot run here|file:\/\//);
  assert.equal(await page.locator('#boot').isVisible(), true);
  await page.screenshot({ path: path.join(shots, 'file-url.png') });
  await page.close();
});

test('hostile URL values are reported as text, never run as code, and break nothing', async () => {
  const hostile = new URLSearchParams({
    steps: '<img src=x onerror=window.pwned=1>', sampler: '"><script>window.pwned=1</script>', 'target.dim': '1e400',
    sweep: '1,,x', T: '-Infinity', hide: '__proto__,constructor', 'sampler.__proto__': '1', constructor: 'x', embed: 'yes',
  });
  const { page, problems } = await open(`?${hostile}`);
  await finished(page);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  const alert = page.locator('#error');
  assert.equal(await alert.isVisible(), true);
  assert.match(await alert.textContent(), /sampler = ""><script>window.pwned=1<\/script>" is unknown: must be one of/);
  assert.equal(await page.locator('[name="sampler"]').getAttribute('aria-invalid'), 'true');
  // The page still runs once the user corrects what it showed.
  await open(`?steps=abc&${small.replace('steps=16&', '')}`, page);
  await finished(page);
  assert.match(await alert.textContent(), /^steps N: must be a number, got string "abc"/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('keyboard only: choose a preset, edit a field and run without a pointer; axe-core finds no violation', async () => {
  const { page, problems } = await open(`?${small}`);
  await finished(page);
  // Tab from the top reaches the preset select first among the controls.
  await page.keyboard.press('Tab');
  for (let i = 0; i < 12 && (await page.evaluate(() => document.activeElement.id)) !== 'preset'; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'preset');
  // Tab on to the steps field, type, and submit with Enter.
  for (let i = 0; i < 40 && (await page.evaluate(() => document.activeElement.name)) !== 'steps'; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'steps');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.body.dataset.animation === 'running' || /step 12\/12/.test(document.getElementById('status').textContent));
  assert.deepEqual(await finished(page), { animation: 'done', sweep: 'done', error: '' });
  assert.match(await page.locator('#status').textContent(), /step 12\/12/);
  // The time control's buttons are reachable and work from the keyboard.
  await page.locator('#time button[aria-label="step back one frame"]').focus();
  await page.keyboard.press('Enter');
  assert.match(await page.locator('#time output').textContent(), /reverse sampling/);
  // axe-core, injected through the test's own channel (the page's policy forbids inline scripts).
  await page.evaluate(readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('prefers-reduced-motion: the run is drawn in a few frames instead of an animation', async () => {
  const page = await env.context.newPage();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const { problems } = await open('?particles=300&steps=100&sweep=4,8&sweepParticles=300&replicates=2', page);
  assert.deepEqual(await finished(page), { animation: 'done', sweep: 'done', error: '' });
  // 51 forward-noising frames (the 101 grid times, every second one) and at most 9 reverse frames instead of 101.
  const frames = Number(await page.locator('#time input[type="range"]').getAttribute('max')) + 1;
  assert.ok(frames <= 51 + 9, `${frames} frames recorded`);
  assert.deepEqual(problems, []);
  await page.close();
});
