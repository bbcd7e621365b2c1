// Shared set-up of the browser tests: the built page (web/dist) served by `vite preview` with the same configuration
// and strict Content-Security-Policy as `npm start`, one Debian chromium (playwright-core, no downloaded browser) per
// test file, and a page opener that records every problem the page reports (console errors, page errors, failed
// requests, requests outside the page's origin). Screenshots go to test-results/ (look at them).
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import { launchChromium } from '../../bench/browser/chromium.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const shots = path.join(root, 'test-results');
// The limit only guards against a hang; the runs of these tests take a few seconds each.
export const pageTimeout = 120_000;
// Small runs for tests that check behaviour rather than numbers.
export const small = 'particles=300&steps=16&sweep=4,8&sweepParticles=300&replicates=2';

export const env = {};

before(async () => {
  mkdirSync(shots, { recursive: true });
  env.server = await preview({ root: path.join(root, 'web'), configFile: path.join(root, 'vite.config.js'), logLevel: 'warn',
    preview: { port: 0, strictPort: false } });
  env.origin = new URL(env.server.resolvedUrls.local[0]).origin;
  // docs/development.md, "Browser test": a fresh profile needs launchPersistentContext (launch() refuses
  // --user-data-dir).
  env.browser = await launchChromium('sgmlab-chromium-', { viewport: { width: 1400, height: 900 },
    extraArgs: ['--allow-file-access-from-files'] });
  env.context = env.browser.context;
});

after(async () => {
  await env.browser?.close();
  await env.server?.close();
});

// Starts recording the problems of a page (workers' console messages reach page 'console' too).
export function watch(page, origins = [env.origin]) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && !origins.includes(u.origin)) problems.push(`outside request: ${r.url()}`);
  });
  page.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') problems.push(`worker console: ${m.text()}`); }));
  return problems;
}

// Opens `query` on a new page (or `page`) and checks the strict policy came with it.
export async function open(query, page) {
  page ??= await env.context.newPage();
  const problems = page.problems ?? (page.problems = watch(page));
  const response = await page.goto(`${env.origin}/${query}`);
  // The strict policy: scripts only from the origin plus WebAssembly compilation; no 'unsafe-eval', no inline code.
  const directives = response.headers()['content-security-policy'].split(';').map((d) => d.trim());
  assert.ok(directives.includes("script-src 'self' 'wasm-unsafe-eval'"), directives.join('; '));
  assert.ok(!directives.some((d) => d.includes("'unsafe-inline'")), directives.join('; '));
  return { page, problems };
}

export const settled = (page, key) => page.waitForFunction((k) => ['done', 'error', 'cancelled'].includes(document.body.dataset[k]),
  key, { timeout: pageTimeout });

export async function finished(page) {
  await settled(page, 'animation');
  await settled(page, 'sweep');
  return page.evaluate(() => ({ animation: document.body.dataset.animation, sweep: document.body.dataset.sweep,
    error: document.getElementById('error').hidden ? '' : document.getElementById('error').textContent }));
}

// No horizontal overflow: the document is no wider than the viewport.
export const overflow = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
