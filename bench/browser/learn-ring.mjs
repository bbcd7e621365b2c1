// The page target, measured: the Learn panel's defaults (examples/train-ring-fast.json) train on the 8-mode
// ring in headless Chromium (the built page, web/dist, served by `vite preview`), timed from the Train click to the
// trained weights; then the panel samples with the exact and the learned score (EI, 100 steps, 4000 particles, seed 1,
// the same noise) and prints both captions (sliced W2 to q_δ, mode fractions). Usage, after `bash scripts/build.sh`:
//   node bench/browser/learn-ring.mjs
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { preview } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const server = await preview({ root: path.join(root, 'web'), configFile: path.join(root, 'vite.config.js'), logLevel: 'warn',
  preview: { host: '127.0.0.1', port: 0, strictPort: false } });
const { context, close } = await launchChromium('sgmlab-learn-');
try {
  const page = await context.newPage();
  const origin = new URL(server.resolvedUrls.local[0]).origin;
  await page.goto(`${origin}/?sampler=ei&steps=100&particles=4000&seed=1&sweep=4,8&sweepParticles=300&replicates=2`);
  await page.waitForFunction(() => document.body.dataset.sweep === 'done', null, { timeout: 600_000 });
  const start = Date.now();
  await page.click('#learn button:text("Train")');
  await page.waitForFunction(() => ['done', 'error'].includes(document.getElementById('learn').dataset.training), null, { timeout: 900_000 });
  const seconds = (Date.now() - start) / 1000;
  console.log(`training: ${seconds.toFixed(1)} s wall; ${await page.locator('#learn [role="status"]').textContent()}`);
  console.log(await page.locator('#learn .sgm-learn-plots').nth(0).locator('figcaption').nth(1).textContent());
  await page.click('#learn button:text("Sample with the learned score")');
  await page.waitForFunction(() => ['done', 'error'].includes(document.getElementById('learn').dataset.sampling), null, { timeout: 600_000 });
  for (const caption of await page.$$eval('#learn .sgm-compare figcaption', (c) => c.map((x) => x.textContent))) console.log(caption);
  console.log(`machine: ${os.cpus().length} cores, 1-min load ${os.loadavg()[0].toFixed(2)}, ${context.browser()?.version() ?? ''}`);
} finally {
  await close();
  await server.close();
}
