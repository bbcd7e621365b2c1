// The convergence plot at 10^5 particles in the built page (web/dist, served by `vite preview`) in headless Chromium:
// 6 step counts × 2 samplers × 3 replicates of the 8-mode ring (the page's default plot: EI and EM, sliced W2, KL
// estimate and bounds), timed from the Run click to the plot's end, once per worker count (?workers=N: the plot's runs
// shared round robin by N workers, docs/embedding.md "All cores"); the animated run is kept tiny (300 particles) so
// that the plot has the cores. Prints each count's seconds, the speed-up over one worker, and whether the slopes are
// the same text, and the seconds of runs in each worker. Usage, after `bash scripts/build.sh`:
//   node bench/browser/page-plot.mjs [workers ...]      (1 and 2 by default)
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { preview } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const counts = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [1, 2];
const server = await preview({ root: path.join(root, 'web'), configFile: path.join(root, 'vite.config.js'), logLevel: 'warn',
  preview: { host: '127.0.0.1', port: 0, strictPort: false } });
const query = 'target=gmm&steps=16&particles=300&seed=1&sweep=5,10,20,40,80,160&sweepParticles=100000&replicates=3';

const { context, close } = await launchChromium('sgmlab-plot-');
try {
  const origin = new URL(server.resolvedUrls.local[0]).origin;
  let first = null;
  for (const workers of counts) {
    const page = await context.newPage();
    await page.goto(`${origin}/?${query}&workers=${workers}`);
    // A long plot waits for a second click (the page's confirmation); a short one has started already.
    await page.waitForFunction(() => document.getElementById('run').textContent === 'Run anyway'
      || document.body.dataset.sweep === 'running', null, { timeout: 600_000 });
    const start = Date.now();
    if (await page.evaluate(() => document.body.dataset.sweep !== 'running')) await page.click('#run');
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.sweep), null, { timeout: 1_800_000 });
    const seconds = (Date.now() - start) / 1000;
    const state = await page.evaluate(() => document.body.dataset.sweep);
    const slopes = await page.locator('#slopes').textContent();
    // Seconds of the plot's runs per worker that ran some (the page's sgm:sweep measures, web/src/timing.js).
    const busy = (await Promise.all(page.workers().map((w) => w.evaluate(() => performance.getEntriesByType('measure')
      .filter((m) => m.name === 'sgm:sweep').reduce((s, m) => s + m.duration / 1000, 0))))).filter((s) => s > 0);
    first ??= { seconds, slopes };
    console.log(`workers ${workers}: plot ${seconds.toFixed(1)} s (${state}), ${(first.seconds / seconds).toFixed(2)}× one `
      + `worker's pace; runs per worker ${busy.map((s) => `${s.toFixed(1)} s`).join(', ')}; slopes ${slopes === first.slopes ? 'the same' : 'DIFFERENT'}: ${slopes}`);
    await page.close();
  }
  console.log(`machine: ${os.cpus().length} cores, 1-min load ${os.loadavg()[0].toFixed(2)}`);
} finally {
  await close();
  await server.close();
}
