// The page target, measured: 10^6 particles × 100 steps of the 8-mode ring (Euler–Maruyama, exact score) in
// the built page (web/dist, served by `vite preview`) in headless Chromium, once per precision (float64, and auto —
// the float32 SIMD kernel). For each: the page's run from the Run click to the animation's end (sampling, metrics and
// drawing every frame), the longest main-thread task (PerformanceObserver 'longtask'), where the time goes — the
// page's User Timing measures (web/src/timing.js) per thread: the main thread, the animated run's worker, the views'
// worker (densities of q_t) and the convergence plot's worker, and the main thread's CPU profile (Chrome DevTools
// Protocol, self time per function), the longest tasks with the phases they overlap — and, in the same page, the SIMD
// module's sgm.run of the same document without metrics (sampling), with the page's metrics, and with the page's
// bounds instead (the run's result is its metrics and bounds). The convergence plot is kept tiny (2 step
// counts, 300 particles) so that it does not compete for the 2 cores. --workers=N asks the page for N workers per
// task (?workers=N: the run's particles split across N, docs/embedding.md "All cores"; the page's default is one per
// core up to 4). Usage, after `bash scripts/build.sh`:
//   node bench/browser/page-million.mjs [--workers=N] [float64|auto ...]      (both precisions by default)
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { describeTask, longestTasks, observeLongTasks, profileMainThread, selfTimes } from './long-tasks.mjs';
import { preview } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const options = process.argv.slice(2);
const workersOption = options.find((a) => a.startsWith('--workers='));
const asked = options.filter((a) => a !== workersOption);
const precisions = asked.length ? asked : ['float64', 'auto'];
const workersQuery = workersOption ? `&workers=${workersOption.split('=')[1]}` : '';
const server = await preview({ root: path.join(root, 'web'), configFile: path.join(root, 'vite.config.js'), logLevel: 'warn',
  preview: { host: '127.0.0.1', port: 0, strictPort: false } });
const ring = JSON.parse(readFileSync(path.join(root, 'examples/gmm2d.json'), 'utf8')).target; // the page's gmm

// The page's measures (name sgm:<phase>) of one thread: {phase: {seconds, count, longest (ms)}}.
const measuresOf = (thread) => thread.evaluate(() => {
  const out = {};
  for (const e of performance.getEntriesByType('measure')) {
    if (!e.name.startsWith('sgm:')) continue;
    const p = (out[e.name.slice(4)] ??= { seconds: 0, count: 0, longest: 0 });
    p.seconds += e.duration / 1000;
    p.count += 1;
    p.longest = Math.max(p.longest, e.duration);
  }
  return out;
});

const { context, close } = await launchChromium('sgmlab-million-');
try {
  const origin = new URL(server.resolvedUrls.local[0]).origin;
  for (const precision of precisions) {
    const page = await context.newPage();
    await observeLongTasks(page);
    await page.goto(`${origin}/?target=gmm&sampler=em&steps=100&particles=1000000&seed=1&sweep=4,8&sweepParticles=300`
      + `&replicates=1&precision=${precision}${workersQuery}`);
    // A long run waits for a second click (the page's confirmation).
    await page.waitForFunction(() => document.getElementById('run').textContent === 'Run anyway'
      || document.body.dataset.animation === 'done', null, { timeout: 600_000 });
    const workers = page.workers();
    for (const thread of [page, ...workers]) await thread.evaluate(() => performance.clearMeasures());
    await page.evaluate(() => { window.longTasks = []; });
    const profile = await profileMainThread(context, page);
    const start = Date.now();
    await page.click('#run');
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.animation), null, { timeout: 900_000 });
    const seconds = (Date.now() - start) / 1000;
    const samples = await profile.stop();
    const state = await page.evaluate(() => document.body.dataset.animation);
    // The longest main-thread tasks, each with the page's measures it overlaps and the functions that ran in it.
    const longTasks = await longestTasks(page, samples);
    const longest = longTasks[0]?.duration ?? 0;
    // The workers by what they did: the animated run's advance (one worker per block of a split run), the plot
    // sweeps, the views' worker inspects; a helper that did nothing is left out.
    const threads = [['main thread', await measuresOf(page)]];
    for (const w of page.workers()) {
      const m = await measuresOf(w);
      if (Object.keys(m).length) threads.push([m.advance ? 'run worker' : m.sweep ? 'plot worker' : 'views worker', m]);
    }
    const runs = await page.evaluate(async ({ p, target }) => {
      const sgm = await (await import('/wasm/sgm-simd.mjs')).default();
      const base = { target, sampler: 'em', steps: 100, particles: 1_000_000, seed: 1, precision: p };
      const time = (d) => {
        const t0 = performance.now();
        sgm.run(JSON.stringify(d));
        return (performance.now() - t0) / 1000;
      };
      const metrics = ['sliced_w2', 'sliced_w2_floor'];
      const bounds = { bounds: ['certified_kl', 'certified_tv', 'early_stopping_w2', 'chen_tv', 'benton_kl'],
        bound_options: { samples: 200 } };
      return { sampling: time({ ...base, metrics: [] }), withMetrics: time({ ...base, metrics }),
        withBounds: time({ ...base, metrics: [], ...bounds }) };
    }, { p: precision, target: ring });
    console.log(`precision ${precision}: page run ${seconds.toFixed(1)} s (${state}), longest main-thread task `
      + `${longest.toFixed(0)} ms; sgm.run in the page: sampling ${runs.sampling.toFixed(1)} s, with the page's metrics `
      + `${runs.withMetrics.toFixed(1)} s, with the page's bounds (no metrics) ${runs.withBounds.toFixed(1)} s`);
    for (const t of longTasks) console.log(describeTask(t));
    console.log('  thread        phase            seconds  count  longest ms');
    for (const [thread, phases] of threads) {
      for (const [phase, p] of Object.entries(phases).sort((a, b) => b[1].seconds - a[1].seconds)) {
        console.log(`  ${thread.padEnd(13)} ${phase.padEnd(16)} ${p.seconds.toFixed(2).padStart(7)}  ${String(p.count).padStart(5)}`
          + `  ${p.longest.toFixed(0).padStart(10)}`);
      }
    }
    console.log('  main thread, CPU profile (self time):');
    for (const { name, seconds: s } of selfTimes(samples, 10)) console.log(`    ${s.toFixed(2).padStart(6)} s  ${name}`);
    await page.close();
  }
  console.log(`machine: ${os.cpus().length} cores, 1-min load ${os.loadavg()[0].toFixed(2)}, ${context.browser()?.version() ?? ''}`);
} finally {
  await close();
  await server.close();
}
