// Both WebAssembly builds (SIMD and scalar) against the native CLI on the same experiment JSON and seed.
//
// Tolerance: the three programs run the same C++ on the same Philox streams in IEEE double precision; without
// -ffast-math and without FMA contraction (x86-64 baseline natively, no FMA in wasm) every + - * / and sqrt is
// correctly rounded in all three. They differ only where libm differs: exp, log, cos, sin (glibc natively, musl in
// Emscripten) may differ by 1 ulp (~1e-16 relative). Through ≤ 100 steps of a sampler whose one-step map has
// Lipschitz constant ≈ e^h ≤ e^{0.5}, plus sorting (which is 1-Lipschitz in the sup norm), such differences grow to
// at most ~1e-16 · e^{T} ≈ 1e-14 relative for T = 5. We assert 1e-9 relative: five orders of magnitude of margin,
// yet any real divergence (a different random stream, a different formula, float32 somewhere) is far larger.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadSgm, root } from './load-module.mjs';

const cli = path.join(root, 'build/native/sgm');
const RELATIVE_TOLERANCE = 1e-9;

function runCli(args, input) {
  const r = spawnSync(cli, args, { input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function example(name, overrides = {}) {
  const doc = JSON.parse(fs.readFileSync(path.join(root, 'examples', name), 'utf8'));
  return JSON.stringify({ ...doc, ...overrides });
}

const configs = [
  example('gmm2d.json', { particles: 1000 }),
  example('gmm2d.json', { particles: 500, sampler: 'em', grid: 'log', steps: 40, seed: 12345 }),
  example('gaussian2d.json', { particles: 2000 }),
  example('gaussian2d.json', { particles: 2000, sampler: 'ei', T: 3, delta: 0.01 }),
  example('gmm2d.json', { particles: 500, sampler: { kind: 'ddim', eta: 0.5 }, steps: 30 }),
  example('gmm2d.json', { particles: 500, sampler: 'pf_heun', steps: 30, score: { kind: 'field', epsilon: 0.2 } }),
  example('gaussian2d.json', { particles: 500, sampler: { kind: 'pc', predictor: 'ddpm' }, steps: 20 }),
];

function assertClose(actual, expected, where) {
  if (Array.isArray(expected)) {
    assert.equal(actual.length, expected.length, where);
    expected.forEach((e, i) => assertClose(actual[i], e, `${where}[${i}]`));
    return;
  }
  assert.ok(Number.isFinite(actual) && Number.isFinite(expected), `${where}: ${actual} vs ${expected}`);
  const scale = Math.max(Math.abs(expected), 1e-300);
  assert.ok(Math.abs(actual - expected) <= RELATIVE_TOLERANCE * scale,
    `${where}: wasm ${actual} vs native ${expected} (relative ${Math.abs(actual - expected) / scale})`);
}

for (const variant of ['simd', 'scalar']) {
  test(`${variant} build agrees with the native CLI`, async () => {
    const sgm = await loadSgm(variant);
    for (const config of configs) {
      const native = runCli(['run', '-'], config);
      assert.equal(native.status, 0, native.stderr);
      const expected = JSON.parse(native.stdout);
      const actual = JSON.parse(sgm.run(config));
      assert.deepEqual(Object.keys(actual.metrics).sort(), Object.keys(expected.metrics).sort());
      for (const [name, value] of Object.entries(expected.metrics)) assertClose(actual.metrics[name], value, name);
      assert.equal(actual.score_evaluations, expected.score_evaluations);
      assert.deepEqual(actual.config, expected.config);
    }
  });

  test(`${variant} build: a Session stepped from JavaScript ends where run() ends`, async () => {
    const sgm = await loadSgm(variant);
    const config = configs[0];
    const session = new sgm.Session(config);
    try {
      assert.equal(session.count(), 1000);
      assert.equal(session.dimension(), 2);
      assert.equal(session.particles().length, 2000);
      let guard = 0;
      while (session.advance(7)) assert.ok(++guard < 1000, 'advance() never finished');
      assert.equal(session.stepsDone(), session.steps());
      assert.equal(session.time(), 0.001);
      assert.deepEqual(JSON.parse(session.result()).metrics, JSON.parse(sgm.run(config)).metrics);
    } finally {
      session.delete();
    }
  });

  test(`${variant} build: bad input throws an Error naming the field, like the CLI`, async () => {
    const sgm = await loadSgm(variant);
    const bad = [
      [example('gaussian2d.json', { steps: -3 }), /steps = -3 is out of range: must be an integer in \[1, 1000000\]/],
      [example('gaussian2d.json', { delta: 6 }), /delta = 6 is out of range/],
      [example('gaussian2d.json', { sampler: 'heun4' }), /sampler = "heun4" is unknown: must be one of/],
      [example('gaussian2d.json', { particles: 'NaN' }), /particles: must be a number, got string/],
      [example('gaussian2d.json', { T: null }), /T: must be a number, got null/],
      [JSON.stringify({ target: { kind: 'gaussian', mean: [0, 0], covariance: [[1, 2], [2, 1]] } }),
        /target\.covariance: must be positive definite/],
      ['{"target": ', /malformed JSON/],
    ];
    for (const [config, message] of bad) {
      assert.throws(() => sgm.run(config), (e) => e instanceof Error && message.test(e.message));
      assert.throws(() => new sgm.Session(config), (e) => e instanceof Error && message.test(e.message));
      const native = runCli(['run', '-'], config);
      assert.equal(native.status, 1);
      assert.match(native.stderr, message);
    }
    // The module still works after errors.
    assert.ok(JSON.parse(sgm.run(configs[2])).metrics.sliced_w2 > 0);
  });
}

for (const variant of ['simd', 'scalar']) {
  test(`${variant} build: inspect() reports what \`sgm inspect\` reports`, async () => {
    const sgm = await loadSgm(variant);
    const doc = example('gmm2d.json', {
      process: 'vp', steps: 8, score: { kind: 'bias', epsilon: 0.3 },
      inspect: { times: [0.05, 0.5, 1], points: [[0, 0], [2, -1], [-3, 1.5]] },
    });
    const native = runCli(['inspect', '-'], doc);
    assert.equal(native.status, 0, native.stderr);
    const expected = JSON.parse(native.stdout);
    const actual = JSON.parse(sgm.inspect(doc));
    assert.deepEqual(actual.config, expected.config);
    assert.deepEqual(actual.sampler, expected.sampler);
    assertClose(actual.grid, expected.grid, 'grid');
    for (const key of Object.keys(expected.process)) assertClose(actual.process[key], expected.process[key], key);
    expected.fields.forEach((field, i) => {
      for (const key of ['log_density', 'score', 'model_score']) {
        assertClose(actual.fields[i][key].flat(), field[key].flat(), `fields[${i}].${key}`);
      }
    });
    assert.throws(() => sgm.inspect(example('gmm2d.json', { inspect: { times: [9] } })),
      { message: /inspect\.times\[0\] = 9 is out of range/ });
  });
}

test('CLI: usage, exit codes and --samples CSV', () => {
  assert.equal(runCli(['--help']).status, 0);
  assert.equal(runCli([]).status, 2);
  assert.equal(runCli(['frobnicate']).status, 2);
  const missing = runCli(['run', '/nonexistent/x.json']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot open/);
  const list = JSON.parse(runCli(['list']).stdout);
  assert.ok(list.samplers.some((s) => s.name === 'ei') && list.targets.some((t) => t.name === 'gmm'));

  const csv = path.join(fs.mkdtempSync(path.join(root, 'build', 'csv-')), 'samples.csv');
  const r = runCli(['run', '-', '--samples', csv], example('gaussian2d.json', { particles: 300 }));
  assert.equal(r.status, 0, r.stderr);
  const lines = fs.readFileSync(csv, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'x0,x1');
  assert.equal(lines.length, 301);
  for (const line of lines.slice(1)) assert.ok(line.split(',').every((v) => Number.isFinite(Number(v))));
});

// A small sweep: every point's replicate means and every slope must agree between wasm and native, with the
// same tolerance argument as single runs (a mean of runs, and a least-squares slope of their logs, are Lipschitz
// functions of the runs' metrics).
const sweepDoc = example('sweep-gaussian.json', {
  particles: 300,
  sweep: { axis: 'steps', values: [5, 10, 20], samplers: ['ei', 'em'], replicates: 2 },
});

function assertSweepsClose(actual, expected) {
  assert.equal(actual.points.length, expected.points.length);
  expected.points.forEach((p, i) => {
    assert.equal(actual.points[i].sampler, p.sampler);
    assert.equal(actual.points[i].value, p.value);
    for (const [name, e] of Object.entries(p.metrics)) assertClose(actual.points[i].metrics[name].mean, e.mean, `${p.sampler} ${p.value} ${name}`);
  });
  assert.equal(actual.slopes.length, expected.slopes.length);
  expected.slopes.forEach((s, i) => assertClose(actual.slopes[i].slope, s.slope, `slope ${s.sampler} ${s.metric}`));
}

for (const variant of ['simd', 'scalar']) {
  test(`${variant} build: sweep() and a SweepSession agree with \`sgm sweep\``, async () => {
    const sgm = await loadSgm(variant);
    const native = runCli(['sweep', '-'], sweepDoc);
    assert.equal(native.status, 0, native.stderr);
    const expected = JSON.parse(native.stdout);
    assert.equal(expected.points.length, 6);
    assertSweepsClose(JSON.parse(sgm.sweep(sweepDoc)), expected);
    const session = new sgm.SweepSession(sweepDoc);
    try {
      assert.equal(session.runs(), 12);
      session.advance(2);
      assert.equal(JSON.parse(session.result()).points.length, 1);  // a point appears when its replicates are done
      while (session.advance(3));
      assert.equal(session.runsDone(), 12);
      assertSweepsClose(JSON.parse(session.result()), expected);
    } finally {
      session.delete();
    }
    const bad = example('sweep-gaussian.json', { sweep: { values: [10] } });
    assert.throws(() => new sgm.SweepSession(bad), (e) => e instanceof Error && /sweep\.values/.test(e.message));
  });
}

test('CLI: sweep writes its CSV and rejects bad sweeps with exit status 1', () => {
  const csv = path.join(fs.mkdtempSync(path.join(root, 'build', 'csv-')), 'sweep.csv');
  const r = runCli(['sweep', '-', '--csv', csv], sweepDoc);
  assert.equal(r.status, 0, r.stderr);
  const lines = fs.readFileSync(csv, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'sampler,steps,metric,mean,std_error,lower,upper,replicates');
  assert.equal(lines.length, 1 + 6 * 4);  // 6 points × 4 metrics
  const bad = runCli(['sweep', '-'], example('sweep-gaussian.json', { sweep: { axis: 'd', values: [1, 2] } }));
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /sweep\.axis = "d" is unknown/);
  assert.equal(runCli(['sweep', '-'], example('gaussian2d.json')).status, 1);  // no "sweep" field
});
