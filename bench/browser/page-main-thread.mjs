// The page's main thread never blocked for more than 50 ms? Every long task (PerformanceObserver 'longtask') of the
// built page (web/dist, served by `vite preview`) in headless Chromium, each named by the functions that ran in it (the
// main thread's CPU profile, bench/browser/long-tasks.mjs) and the page's sgm: measures it overlaps, in four scenes
// with the page's default workers (one per core, at most 4):
//   load     the default page from navigation to the end of its first run and plot;
//   million  10^6 particles × 100 steps of the 8-mode ring (Euler–Maruyama, with metrics and bounds; the plot tiny:
//            page-million.mjs's run), from navigation (the page starts it) to its end;
//   plot     the convergence plot at 10^5 particles (page-plot.mjs's: 6 step counts × 2 samplers × 3 replicates),
//            from navigation to its end;
//   switch   on the loaded default page: another target and sampler chosen, Run, and the viewport resized to a
//            phone's (390 × 844) while it runs, to the end of that run and plot.
// Prints per scene its longest task and the five longest with what ran in them, the number over 50 ms, and the load.
// --readable builds an unminified copy of the page (a temporary folder) so that the profile names functions;
// --trace also records a Chromium trace, names the browser's own work in each task (style, layout, paint, …: the
// profile's "(program)") and gives the longest tasks by the thread's CPU time (which the machine's load does not
// stretch), at some cost to the page's pace; --dist=FOLDER serves another build of the page (e.g. an
// earlier commit's web/dist, to compare).
// Usage, after `bash scripts/build.sh`:
//   node bench/browser/page-main-thread.mjs [--readable] [--trace] [--dist=FOLDER] [load|million|plot|switch ...]
// (all four scenes by default)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { launchChromium } from './chromium.mjs';
import {
  describeTask, longestTasks, observeLongTasks, profileMainThread, tasksByCpu, traceMainThread, tracedWork,
} from './long-tasks.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const options = process.argv.slice(2);
const readable = options.includes('--readable');
const traced = options.includes('--trace');
const dist = options.find((a) => a.startsWith('--dist='))?.slice('--dist='.length);
const asked = options.filter((a) => !a.startsWith('--'));
const scenes = asked.length ? asked : ['load', 'million', 'plot', 'switch'];
const configFile = path.join(root, 'vite.config.js');
const outDir = readable ? mkdtempSync(path.join(os.tmpdir(), 'sgmlab-readable-')) : path.resolve(dist ?? path.join(root, 'web/dist'));
if (readable) {
  await build({ root: path.join(root, 'web'), configFile, logLevel: 'warn',
    build: { outDir, emptyOutDir: true, minify: false } });
}
const server = await preview({ root: path.join(root, 'web'), configFile, logLevel: 'warn', build: { outDir },
  preview: { host: '127.0.0.1', port: 0, strictPort: false } });
const origin = new URL(server.resolvedUrls.local[0]).origin;
const timeout = 1_800_000;

const settled = (page, key) => page.waitForFunction((k) => ['done', 'error', 'cancelled'].includes(document.body.dataset[k]),
  key, { timeout });
const finished = async (page) => {
  await settled(page, 'animation');
  await settled(page, 'sweep');
  return page.evaluate(() => `animation ${document.body.dataset.animation}, plot ${document.body.dataset.sweep}`);
};
// After a fresh page's cost estimate: a long run waits for a second click (the page's confirmation), a short one has
// started already.
const confirmIfAsked = async (page) => {
  await page.waitForFunction(() => document.getElementById('run').textContent === 'Run anyway'
    || document.getElementById('estimate').textContent !== '', null, { timeout });
  if (await page.evaluate(() => document.getElementById('run').textContent === 'Run anyway')) await page.click('#run');
};

// Each scene: (page) => {since (ms, the page's clock, from which its tasks count), outcome}, the profiler already
// recording.
const run = {
  async load(page) {
    await page.goto(`${origin}/`);
    return { since: 0, outcome: await finished(page) };
  },
  async million(page) {
    await page.goto(`${origin}/?target=gmm&sampler=em&steps=100&particles=1000000&seed=1&sweep=4,8&sweepParticles=300&replicates=1`);
    await confirmIfAsked(page);
    return { since: 0, outcome: await finished(page) };
  },
  async plot(page) {
    await page.goto(`${origin}/?target=gmm&steps=16&particles=300&seed=1&sweep=5,10,20,40,80,160&sweepParticles=100000&replicates=3`);
    await confirmIfAsked(page);
    return { since: 0, outcome: await finished(page) };
  },
  async switch(page) {
    await page.goto(`${origin}/`);
    await finished(page);
    const since = await page.evaluate(() => performance.now());
    await page.selectOption('#control-target', 'gaussian');
    await page.selectOption('#control-sampler', 'em');
    await page.click('#run');
    await page.waitForTimeout(300);
    await page.setViewportSize({ width: 390, height: 844 });
    return { since, outcome: await finished(page) };
  },
};

const { context, close } = await launchChromium('sgmlab-main-thread-', { viewport: { width: 1400, height: 900 } });
try {
  for (const scene of scenes) {
    const page = await context.newPage();
    await observeLongTasks(page);
    await page.goto('about:blank');
    const profile = await profileMainThread(context, page);
    const trace = traced ? await traceMainThread(context, page) : null;
    const start = Date.now();
    const { since, outcome } = await run[scene](page);
    const seconds = (Date.now() - start) / 1000;
    const events = await trace?.stop();
    const samples = await profile.stop();
    const tasks = await longestTasks(page, samples, { since });
    const over = await page.evaluate((from) => window.longTasks.filter((t) => t.start >= from).length, since);
    console.log(`${scene}: ${outcome} in ${seconds.toFixed(1)} s; longest main-thread task ${(tasks[0]?.duration ?? 0).toFixed(0)} ms, `
      + `${over} over 50 ms`);
    for (const t of tasks) {
      console.log(describeTask(t));
      if (events) console.log(`    trace: ${tracedWork(events, t).map((w) => `${w.name} ${w.ms.toFixed(0)} ms`).join('; ')}`);
    }
    if (events) {
      const [first, ...rest] = tasksByCpu(events, { since });
      console.log(`  by the thread's CPU time (trace): longest task ${first?.cpu.toFixed(0)} ms CPU (${first?.duration.toFixed(0)} ms `
        + `wall, at ${first?.at.toFixed(0)} ms: ${tracedWork(events, { start: first.at, duration: first.duration }, 3)
          .map((w) => `${w.name} ${w.ms.toFixed(0)} ms`).join('; ')}); next ${rest.map((t) => t.cpu.toFixed(0)).join(', ')} ms`);
    }
    await page.close();
  }
  console.log(`machine: ${os.cpus().length} cores, 1-min load ${os.loadavg()[0].toFixed(2)}, ${context.browser()?.version() ?? ''}`
    + `${readable ? ', unminified build' : ''}, page ${outDir}`);
} finally {
  await close();
  await server.close();
  if (readable) rmSync(outDir, { recursive: true, force: true });
}
