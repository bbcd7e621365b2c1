// The WebAssembly heap of the page's big run: 10^6 particles × 100 steps of the 8-mode ring (examples/gmm2d.json's
// target, `em`, seed 1, the page's document) in the SIMD module under node, float32 and float64. A module's memory
// only grows, so `HEAP8.buffer.byteLength` after a phase is the peak of everything before it; each case runs in a fresh
// instance of the module. Cases:
//   sampling      sgm.run without metrics
//   metrics       sgm.run with the page's metrics (sliced_w2, sliced_w2_floor, 64 projections) and bounds
//   page          the page's worker with the whole run (web/src/engine/worker.js): a Session stepped in the
//                 animation's strides (each frame reads particles()), then result()
//   split b/2     worker b of two of a split run (split-run.js, worker.js): a Session of its half of the particles
//                 (experiment field "block"), then the sliced W2 terms of its half of the directions for all the run's
//                 particles (those of `page`: slicedTermsFor); worker 1 then the result given both halves' terms
//                 (resultForTerms)
// For each: the heap after sampling and at the end (MB = 2^20 bytes), and the CPU seconds of the result
// (process.cpuUsage; for `metrics` the whole run's, for a worker its terms and result). The split result's metrics
// are checked against the page's.
// Usage, after `bash scripts/build.sh wasm`:
//   node bench/heap.mjs [particles] [--module=DIR] [float32|float64 ...]   (10^6 and both precisions by default;
//                                                                          DIR: a copy of web/public/wasm to compare)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSgm, root } from '../tests/node/load-module.mjs';

const args = process.argv.slice(2);
const particles = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const moduleDir = args.find((a) => a.startsWith('--module='))?.slice('--module='.length);
const asked = args.filter((a) => !/^\d+$/.test(a) && !a.startsWith('--module='));
const load = () => loadSgm('simd', moduleDir);
const precisions = asked.length ? asked : ['float32', 'float64'];
const ring = JSON.parse(fs.readFileSync(path.join(root, 'examples/gmm2d.json'), 'utf8')).target;
const metrics = ['sliced_w2', 'sliced_w2_floor'];
const bounds = { bounds: ['certified_kl', 'certified_tv', 'early_stopping_w2', 'chen_tv', 'benton_kl'],
  bound_options: { samples: 200 } };
const stride = 2; // the page's animation: 100 steps in about 50 frames (ui/app.js animationFrames)

const MB = (sgm) => sgm.HEAP8.buffer.byteLength / 2 ** 20;
const cpuSeconds = (f) => {
  const start = process.cpuUsage();
  const value = f();
  const { user, system } = process.cpuUsage(start);
  return { value, seconds: (user + system) / 1e6 };
};

function report(precision, r) {
  console.log(`${precision} ${r.case.padEnd(9)} heap after sampling ${Number.isNaN(r.sampled) ? '   -' : r.sampled.toFixed(1).padStart(5)} MB,`
    + ` at the end ${r.end.toFixed(1).padStart(5)} MB${r.seconds === undefined ? '' : `, result ${r.seconds.toFixed(2)} s CPU`}`);
}

// A Session stepped to the end as the page's worker steps it.
function animate(sgm, experiment) {
  const session = new sgm.Session(JSON.stringify(experiment));
  while (session.advance(stride)) session.particles();
  session.particles();
  return session;
}

for (const precision of precisions) {
  const doc = { target: ring, process: 'ou', grid: 'uniform', sampler: 'em', steps: 100, T: 5, delta: 0.001, particles,
    seed: 1, precision };
  {
    const sgm = await load();
    sgm.run(JSON.stringify({ ...doc, metrics: [] }));
    report(precision, { case: 'sampling', sampled: MB(sgm), end: MB(sgm) });
  }
  {
    const sgm = await load();
    const { seconds } = cpuSeconds(() => sgm.run(JSON.stringify({ ...doc, metrics, ...bounds })));
    report(precision, { case: 'metrics', sampled: NaN, end: MB(sgm), seconds });
  }
  let all;
  let whole;
  {
    const sgm = await load();
    const session = animate(sgm, { ...doc, metrics, ...bounds });
    const sampled = MB(sgm);
    all = Float64Array.from(session.particles());
    const { value, seconds } = cpuSeconds(() => session.result());
    whole = value;
    report(precision, { case: 'page', sampled, end: MB(sgm), seconds });
    session.delete();
  }
  const half = Math.floor(particles / 2);
  let second;
  {
    const sgm = await load();
    const session = animate(sgm, { ...doc, metrics, ...bounds, block: { first: half, count: particles - half } });
    const sampled = MB(sgm);
    const m = session.slicedDirections();
    const { value, seconds } = cpuSeconds(() => session.slicedTermsFor(all, m / 2, m));
    second = value;
    report(precision, { case: 'split 2/2', sampled, end: MB(sgm), seconds });
    session.delete();
  }
  {
    const sgm = await load();
    const session = animate(sgm, { ...doc, metrics, ...bounds, block: { first: 0, count: half } });
    const sampled = MB(sgm);
    const m = session.slicedDirections();
    const { value, seconds } = cpuSeconds(() => {
      const first = session.slicedTermsFor(all, 0, m / 2);
      return session.resultForTerms(all, Float64Array.from([...first, ...second]));
    });
    const same = JSON.stringify(JSON.parse(value).metrics) === JSON.stringify(JSON.parse(whole).metrics);
    if (!same) console.log(`${precision} split: the metrics differ from the whole run's`);
    report(precision, { case: 'split 1/2', sampled, end: MB(sgm), seconds });
    session.delete();
  }
}
console.log(`particles ${particles}, ${os.cpus().length} cores, 1-min load ${os.loadavg()[0].toFixed(2)}`);
