// `npm run bench` (after scripts/bench.sh has built the native and WebAssembly builds): one job — the 8-mode 2-D ring
// mixture of examples/gmm2d.json, Euler–Maruyama, exact score, 10⁵ particles × 100 steps (--quick: 2·10⁴ × 50) —
// through every implementation, in particle-steps per second (best of the repeats): native `sgm run` (scalar
// double, one thread; the float32 SIMD kernel on one thread and on all cores), the WebAssembly SIMD and scalar modules
// (double, and the float32 kernel) in node and in headless Chromium (one page), the
// plain-JavaScript and TensorFlow.js (WebAssembly backend) kernels in node and in Chromium, and NumPy. Then the cost
// growth of the native and WebAssembly-SIMD paths against particles, mixture components and dimension. Prints one
// table and writes everything to build/bench.json. The kernels outside the core are checked against it by
// tests/node/bench-kernels.test.mjs. A second job measures training: denoising score matching with
// examples/train-ring.json's network and batch (bench/kernels/dsm-train.mjs), in training samples per second, native
// (`sgm train`), through the WebAssembly Trainer and through TensorFlow.js (WebAssembly backend), in node and in
// Chromium. Usage: node bench/bench.mjs [--quick]
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { launchChromium } from './browser/chromium.mjs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { loadSgm, root } from '../tests/node/load-module.mjs';
import { jobOf, ringMixtureDoc, runJs } from './kernels/gmm-em.mjs';
import { bestRate } from './timing.mjs';
import { runTfjs } from './kernels/gmm-em-tfjs.mjs';
import { tfjsRate, trainerRate } from './kernels/dsm-train.mjs';

const quick = process.argv.includes('--quick');
const particles = quick ? 20000 : 100000, steps = quick ? 50 : 100, repeats = quick ? 1 : 3;
const doc = JSON.parse(fs.readFileSync(path.join(root, 'examples/gmm2d.json'), 'utf8'));
const emDoc = (d, n, s) => ({ ...d, sampler: 'em', particles: n, steps: s, metrics: [] });
// The float32 SIMD kernels (core/sgm/simd/) on `threads` threads (0: all cores; WebAssembly runs one).
const float32Doc = (d, threads = 0) => ({ ...d, precision: 'float32', threads });
const cli = path.join(root, 'build/native/sgm');

const best = (work, n = particles, s = steps, times = repeats) => bestRate(work, n * s, times);
// The training job: train-ring.json, `trainSteps` timed steps (after a warm-up) per repeat.
const training = JSON.parse(fs.readFileSync(path.join(root, 'examples/train-ring.json'), 'utf8'));
delete training.description;
const trainSteps = quick ? 40 : 200;

// Native: `sgm run` on the document through standard input (process start and JSON included; under 1% at 10⁵ × 100).
const native = (d, n, s, times = repeats) => best(() => {
  const run = spawnSync(cli, ['run', '-'], { input: JSON.stringify(emDoc(d, n, s)), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(run.stderr);
}, n, s, times);

const modules = { simd: await loadSgm('simd'), scalar: await loadSgm('scalar') };
const wasm = (variant, d, n, s, times = repeats) => {
  const config = JSON.stringify(emDoc(d, n, s));
  return best(() => modules[variant].run(config), n, s, times);
};

const rows = {};
console.error('[bench] native, node');
rows.native_scalar_1thread = await native(doc, particles, steps);
rows.native_simd_1thread = await native(float32Doc(doc, 1), particles, steps);
rows.native_simd_all_threads = await native(float32Doc(doc, 0), particles, steps);
rows.node_wasm_simd = await wasm('simd', doc, particles, steps);
rows.node_wasm_simd_float32 = await wasm('simd', float32Doc(doc), particles, steps);
rows.node_wasm_scalar = await wasm('scalar', doc, particles, steps);
rows.node_wasm_scalar_float32 = await wasm('scalar', float32Doc(doc), particles, steps);
const job = jobOf(doc, particles, steps);
rows.node_js = await best(() => runJs(job));
await tf.setBackend('wasm');
await tf.ready();
const tfjsSimdNode = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
rows.node_tfjs_wasm = await best(() => runTfjs(tf, job));

console.error('[bench] training');
const trainingRows = {};
// Native: `sgm train` of 5 × trainSteps steps, whole process (start-up and the 10⁴ preconditioning draws included).
const trainingFile = path.join(os.tmpdir(), `sgm-bench-training-${process.pid}.json`);
fs.writeFileSync(trainingFile, JSON.stringify({ ...training, steps: 5 * trainSteps }));
trainingRows.native = await bestRate(() => {
  const run = spawnSync(cli, ['train', trainingFile, '--out', `${trainingFile}.out`], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
}, 5 * trainSteps * training.batch, repeats);
for (const f of [trainingFile, `${trainingFile}.out`]) fs.rmSync(f);
trainingRows.node_wasm_simd = await trainerRate(modules.simd, training, trainSteps, repeats);
trainingRows.node_wasm_scalar = await trainerRate(modules.scalar, training, trainSteps, repeats);
trainingRows.node_tfjs_wasm = tfjsRate(tf, training, trainSteps, repeats);

console.error('[bench] NumPy');
// The NumPy kernel (bench/kernels/gmm_em_numpy.py) on a job, in particle-steps per second (best of `times`).
const numpyRate = (j, times = repeats) => {
  const jobFile = path.join(os.tmpdir(), `sgm-bench-job-${process.pid}.json`);
  fs.writeFileSync(jobFile, JSON.stringify(j));
  const run = spawnSync('/usr/bin/python3', [path.join(root, 'bench/kernels/gmm_em_numpy.py'), jobFile, '--repeats', String(times)],
    { encoding: 'utf8' });
  fs.rmSync(jobFile);
  if (run.status !== 0) throw new Error(`NumPy kernel: ${run.stderr}`);
  return JSON.parse(run.stdout).particle_steps_per_second;
};
rows.numpy = numpyRate(job);

console.error('[bench] Chromium');
const browser = await inChromium();
rows.chromium_wasm_simd = browser.wasm_simd;
rows.chromium_wasm_simd_float32 = browser.wasm_simd_float32;
rows.chromium_wasm_scalar = browser.wasm_scalar;
rows.chromium_wasm_scalar_float32 = browser.wasm_scalar_float32;
rows.chromium_js = browser.js;
rows.chromium_tfjs_wasm = browser.tfjs;
trainingRows.chromium_wasm_simd = browser.training_wasm_simd;
trainingRows.chromium_tfjs_wasm = browser.training_tfjs;

console.error('[bench] cost growth');
const growthSteps = 20;
const growth = { particles: [], components: [], dimension: [] };
// Each point: the double path and the float32 kernels (native on all threads), natively and in node's SIMD module;
// against particles also the NumPy kernel (the native target is stated at 10⁶ particles).
const growthPoint = async (d, n) => ({ native: await native(d, n, growthSteps, 1),
  native_float32: await native(float32Doc(d, 0), n, growthSteps, 1),
  wasm_simd: await wasm('simd', d, n, growthSteps, 1),
  wasm_simd_float32: await wasm('simd', float32Doc(d), n, growthSteps, 1) });
for (const n of quick ? [1e3, 1e4, 1e5] : [1e3, 1e4, 1e5, 1e6]) {
  const numpy = numpyRate(jobOf(doc, n, growthSteps), 1);
  growth.particles.push({ particles: n, ...await growthPoint(doc, n), numpy });
}
const growthN = quick ? 5000 : 20000;
for (const K of quick ? [1, 8, 64] : [1, 2, 4, 8, 16, 32, 64]) {
  growth.components.push({ components: K, particles: growthN, ...await growthPoint(ringMixtureDoc(K, 2), growthN) });
}
for (const dim of quick ? [1, 16, 256] : [1, 2, 4, 16, 64, 256]) {
  growth.dimension.push({ dimension: dim, particles: growthN, ...await growthPoint(ringMixtureDoc(8, dim), growthN) });
}

const machine = {
  cpu: execFileSync('sh', ['-c', "lscpu | sed -n 's/^Model name:[[:space:]]*//p'"], { encoding: 'utf8' }).trim(),
  cores: os.cpus().length,
  load_average_1min: os.loadavg()[0],
  node: process.version,
  chromium: browser.version,
  numpy: execFileSync('/usr/bin/python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' }).trim(),
  tfjs: tf.version_core,
  tfjs_wasm_simd: { node: tfjsSimdNode, chromium: browser.tfjs_simd },
};
const report = { date: new Date().toISOString(), quick, job: { case: 'gmm2d', sampler: 'em', score: 'exact', particles, steps, repeats },
  unit: 'particle-steps per second (best of repeats)', machine, rows, growth: { steps: growthSteps, ...growth },
  training: { job: { document: 'examples/train-ring.json', steps: trainSteps, repeats }, unit: 'training samples per second (best of repeats)',
    rows: trainingRows } };
fs.mkdirSync(path.join(root, 'build'), { recursive: true });
fs.writeFileSync(path.join(root, 'build/bench.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(table(report));
console.log('\nwritten: build/bench.json');
process.exit(0);

// Serves the repository read-only on 127.0.0.1 and runs bench/browser/bench.html in headless Debian chromium with
// the flags of the browser tests; every request must stay on that server (TensorFlow.js's .wasm from node_modules).
async function inChromium() {
  const types = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.json': 'application/json',
    '.wasm': 'application/wasm' };
  const allowed = ['/bench/', '/node_modules/@tensorflow/', '/web/public/wasm/', '/examples/'];
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(root, path.normalize(url));
    if (!allowed.some((p) => url.startsWith(p)) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const { context, close } = await launchChromium('sgmlab-bench-');
  try {
    const page = await context.newPage();
    const outside = [];
    page.on('request', (r) => { if (!r.url().startsWith(origin)) outside.push(r.url()); });
    await page.goto(`${origin}/bench/browser/bench.html?particles=${particles}&steps=${steps}&repeats=${repeats}&trainSteps=${trainSteps}`);
    const results = await page.waitForFunction(() => window.benchResults, null, { timeout: 900_000 })
      .then((h) => h.jsonValue());
    if (results.error) throw new Error(`Chromium: ${results.error}`);
    if (outside.length) throw new Error(`Chromium requested outside the local server: ${outside.join(', ')}`);
    return { ...results, version: context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent)) };
  } finally {
    await close();
    server.close();
  }
}

function table(r) {
  const M = (v) => (v === null ? 'not built yet' : (v / 1e6).toFixed(2));
  const ratio = (v, base) => (v === null ? '' : (v / base).toFixed(2));
  const label = {
    native_scalar_1thread: 'native `sgm run`, scalar double, 1 thread', native_simd_1thread: 'native SIMD float32, 1 thread',
    native_simd_all_threads: 'native SIMD float32, all threads', node_wasm_simd: 'node: WebAssembly SIMD (sgm.run)',
    node_wasm_simd_float32: 'node: WebAssembly SIMD, float32 kernel', node_wasm_scalar: 'node: WebAssembly scalar',
    node_wasm_scalar_float32: 'node: WebAssembly scalar, float32 kernel (EMU128)', node_js: 'node: plain JavaScript', node_tfjs_wasm: 'node: TensorFlow.js, wasm backend',
    numpy: 'NumPy (float64, K×n arrays)', chromium_wasm_simd: 'Chromium: WebAssembly SIMD', chromium_wasm_simd_float32: 'Chromium: WebAssembly SIMD, float32 kernel',
    chromium_wasm_scalar: 'Chromium: WebAssembly scalar', chromium_wasm_scalar_float32: 'Chromium: WebAssembly scalar, float32 kernel (EMU128)',
    chromium_js: 'Chromium: plain JavaScript', chromium_tfjs_wasm: 'Chromium: TensorFlow.js, wasm backend',
  };
  const lines = [`gmm2d, EM, exact score, ${r.job.particles} particles × ${r.job.steps} steps, best of ${r.job.repeats}; ` +
    `${r.machine.cpu}, ${r.machine.cores} cores (1-min load ${r.machine.load_average_1min.toFixed(2)}), node ${r.machine.node}, ` +
    `Chromium ${r.machine.chromium}, NumPy ${r.machine.numpy}, TF.js ${r.machine.tfjs}`, '',
  '| implementation | M particle-steps/s | × plain JS (same engine) | × NumPy |', '|---|---|---|---|'];
  for (const [k, v] of Object.entries(r.rows)) {
    const js = k.startsWith('chromium') ? r.rows.chromium_js : r.rows.node_js;
    lines.push(`| ${label[k]} | ${M(v)} | ${ratio(v, js)} | ${ratio(v, r.rows.numpy)} |`);
  }
  const T = r.training;
  const k = (v) => (v / 1e3).toFixed(1);
  lines.push('', `training: examples/train-ring.json's network and batch, ${T.job.steps} steps, best of ${T.job.repeats} (thousand samples/s)`, '',
    '| implementation | thousand samples/s | × TF.js wasm (same engine) |', '|---|---|---|');
  const trainingLabel = { native: 'native `sgm train` (whole process)', node_wasm_simd: 'node: WebAssembly SIMD Trainer',
    node_wasm_scalar: 'node: WebAssembly scalar Trainer', node_tfjs_wasm: 'node: TensorFlow.js, wasm backend',
    chromium_wasm_simd: 'Chromium: WebAssembly SIMD Trainer', chromium_tfjs_wasm: 'Chromium: TensorFlow.js, wasm backend' };
  for (const [key, v] of Object.entries(T.rows)) {
    const tfjs = key.startsWith('chromium') ? T.rows.chromium_tfjs_wasm : T.rows.node_tfjs_wasm;
    lines.push(`| ${trainingLabel[key]} | ${k(v)} | ${key === 'native' ? '' : ratio(v, tfjs)} |`);
  }
  for (const [axis, points] of Object.entries(r.growth)) {
    if (axis === 'steps') continue;
    const numpy = axis === 'particles';
    lines.push('', `cost growth against ${axis} (${r.growth.steps} steps; M particle-steps/s)`, '',
      `| ${axis} | native double | native float32, all threads | WebAssembly SIMD double (node) | WebAssembly SIMD float32 (node) |${numpy ? ' NumPy | native float32 × NumPy |' : ''}`,
      `|---|---|---|---|---|${numpy ? '---|---|' : ''}`);
    for (const p of points) {
      const n = p.particles && !numpy ? ` (n = ${p.particles})` : '';
      lines.push(`| ${p[axis]}${n} | ${M(p.native)} | ${M(p.native_float32)} | ${M(p.wasm_simd)} | ${M(p.wasm_simd_float32)} |` +
        (numpy ? ` ${M(p.numpy)} | ${ratio(p.native_float32, p.numpy)} |` : ''));
    }
  }
  return lines.join('\n');
}
