// The page target, measured: 10^6 particles × 100 steps of the 8-mode ring (Euler–Maruyama, exact score) in
// the built page (web/dist, served by `vite preview`) in headless Chromium, once per precision (float64, and auto —
// the float32 SIMD kernel). For each: the page's run from the Run click to the animation's end (sampling, metrics and
// drawing every frame), the longest main-thread task (PerformanceObserver 'longtask'), and, in the same page, the SIMD
// module's sgm.run of the same document without metrics (sampling) and with the page's metrics (sampling + metrics),
// so that drawing ≈ page − run with metrics. The convergence plot is kept tiny (2 step counts, 300 particles) so that
// it does not compete for the 2 cores. Usage, after `bash scripts/build.sh`:
//   node bench/browser/page-million.mjs
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { preview } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const server = await preview({ root: path.join(root, 'web'), configFile: path.join(root, 'vite.config.js'), logLevel: 'warn',
  preview: { host: '127.0.0.1', port: 0, strictPort: false } });
const ring = JSON.parse(readFileSync(path.join(root, 'examples/gmm2d.json'), 'utf8')).target; // the page's gmm
const { context, close } = await launchChromium('sgmlab-million-');
try {
  const origin = new URL(server.resolvedUrls.local[0]).origin;
  for (const precision of ['float64', 'auto']) {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.longestTask = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.longestTask = Math.max(window.longestTask, e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${origin}/?target=gmm&sampler=em&steps=100&particles=1000000&seed=1&sweep=4,8&sweepParticles=300`
      + `&replicates=1&precision=${precision}`);
    // A long run waits for a second click (the page's confirmation).
    await page.waitForFunction(() => document.getElementById('run').textContent === 'Run anyway'
      || document.body.dataset.animation === 'done', null, { timeout: 600_000 });
    await page.evaluate(() => { window.longestTask = 0; });
    const start = Date.now();
    await page.click('#run');
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.animation), null, { timeout: 900_000 });
    const seconds = (Date.now() - start) / 1000;
    const state = await page.evaluate(() => document.body.dataset.animation);
    const longest = await page.evaluate(() => window.longestTask);
    const runs = await page.evaluate(async ({ p, target }) => {
      const sgm = await (await import('/wasm/sgm-simd.mjs')).default();
      const base = { target, sampler: 'em', steps: 100, particles: 1_000_000, seed: 1, precision: p };
      const time = (d) => {
        const t0 = performance.now();
        sgm.run(JSON.stringify(d));
        return (performance.now() - t0) / 1000;
      };
      const metrics = ['sliced_w2', 'sliced_w2_floor'];
      return { sampling: time({ ...base, metrics: [] }), withMetrics: time({ ...base, metrics }) };
    }, { p: precision, target: ring });
    console.log(`precision ${precision}: page run ${seconds.toFixed(1)} s (${state}), longest main-thread task `
      + `${longest.toFixed(0)} ms; sgm.run in the page: sampling ${runs.sampling.toFixed(1)} s, with the page's metrics `
      + `${runs.withMetrics.toFixed(1)} s; drawing and the rest ≈ ${(seconds - runs.withMetrics).toFixed(1)} s`);
    await page.close();
  }
  console.log(`machine: ${os.cpus().length} cores, 1-min load ${os.loadavg()[0].toFixed(2)}, ${context.browser()?.version() ?? ''}`);
} finally {
  await close();
  await server.close();
}
