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

// The samples of a CDP Profiler profile: [{name, time (µs, the profiler's clock), seconds}], named by the function
// on top of the stack (file:line:column, the page's bundle being minified) or the profiler's category ((program),
// (garbage collector), (idle)).
function samplesOf(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let time = profile.startTime;
  return profile.samples.map((id, k) => {
    time += profile.timeDeltas[k];
    const { functionName, url, lineNumber, columnNumber } = byId.get(id).callFrame;
    const where = `${url.split('/').pop()}:${lineNumber + 1}:${columnNumber + 1}`;
    const name = url ? `${functionName || '(anonymous)'} (${where})` : functionName;
    return { name, time, seconds: profile.timeDeltas[k] / 1e6 };
  });
}

// Seconds per name of `samples`, the `top` largest: [{name, seconds}].
function selfTimes(samples, top) {
  const seconds = new Map();
  for (const { name, seconds: s } of samples) seconds.set(name, (seconds.get(name) ?? 0) + s);
  return [...seconds].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, s]) => ({ name, seconds: s }));
}

// A function the page runs for 30 ms right after the profiler starts, at a known performance.now(): its samples put
// the profiler's clock on the page's (the long tasks are in the page's).
const marker = () => {
  const start = performance.now();
  // eslint-disable-next-line no-empty
  (function sgmProfileMarker() { while (performance.now() - start < 30) {} }());
  return start;
};

const { context, close } = await launchChromium('sgmlab-million-');
try {
  const origin = new URL(server.resolvedUrls.local[0]).origin;
  for (const precision of precisions) {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${origin}/?target=gmm&sampler=em&steps=100&particles=1000000&seed=1&sweep=4,8&sweepParticles=300`
      + `&replicates=1&precision=${precision}${workersQuery}`);
    // A long run waits for a second click (the page's confirmation).
    await page.waitForFunction(() => document.getElementById('run').textContent === 'Run anyway'
      || document.body.dataset.animation === 'done', null, { timeout: 600_000 });
    const workers = page.workers();
    for (const thread of [page, ...workers]) await thread.evaluate(() => performance.clearMeasures());
    await page.evaluate(() => { window.longTasks = []; });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
    const markerStart = await page.evaluate(marker);
    const start = Date.now();
    await page.click('#run');
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.animation), null, { timeout: 900_000 });
    const seconds = (Date.now() - start) / 1000;
    const samples = samplesOf((await cdp.send('Profiler.stop')).profile);
    const offset = samples.find((x) => x.name.startsWith('sgmProfileMarker')).time / 1000 - markerStart; // ms
    const state = await page.evaluate(() => document.body.dataset.animation);
    // The longest main-thread tasks, each with the page's measures it overlaps (what ran in it).
    const longTasks = await page.evaluate(() => window.longTasks.sort((a, b) => b.duration - a.duration).slice(0, 5)
      .map((t) => ({ ...t, phases: [...new Set(performance.getEntriesByType('measure')
        .filter((m) => m.name.startsWith('sgm:') && m.startTime < t.start + t.duration && m.startTime + m.duration > t.start)
        .map((m) => m.name.slice(4)))] })));
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
    for (const t of longTasks) {
      const at = (x) => x.time / 1000 - offset; // ms, the page's clock
      const inside = samples.filter((x) => at(x) >= t.start && at(x) <= t.start + t.duration);
      const top = selfTimes(inside, 3).map((x) => `${x.name} ${(1000 * x.seconds).toFixed(0)} ms`).join('; ');
      console.log(`  long task ${t.duration.toFixed(0)} ms: phases ${t.phases.join(', ') || 'none measured'}; profile: ${top}`);
    }
    console.log('  thread        phase            seconds  count  longest ms');
    for (const [thread, phases] of threads) {
      for (const [phase, p] of Object.entries(phases).sort((a, b) => b[1].seconds - a[1].seconds)) {
        console.log(`  ${thread.padEnd(13)} ${phase.padEnd(16)} ${p.seconds.toFixed(2).padStart(7)}  ${String(p.count).padStart(5)}`
          + `  ${p.longest.toFixed(0).padStart(10)}`);
      }
    }
    console.log('  main thread, CPU profile (self time):');
    for (const { name, seconds: s } of selfTimes(samples, 10)) console.log(`    ${s.toFixed(2).padStart(6)} s  ${name}`);
    await cdp.detach();
    await page.close();
  }
  console.log(`machine: ${os.cpus().length} cores, 1-min load ${os.loadavg()[0].toFixed(2)}, ${context.browser()?.version() ?? ''}`);
} finally {
  await close();
  await server.close();
}
