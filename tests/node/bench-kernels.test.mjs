// The benchmark's kernels outside the core (plain JavaScript, TensorFlow.js on its WebAssembly backend, NumPy) must
// compute the job they are timed on, or a broken kernel could post a flattering number: each one's particles are
// compared with the core's `em` sampler with the exact score (`sgm run --samples`) on the 8-mode ring mixture of
// examples/gmm2d.json, 20000 particles each, 100 steps. Checked: both coordinate means, the mean of |x|² and the
// fraction of particles nearest each of the 8 modes. The two samples are independent (different generators), so each
// difference has the CLT standard error sqrt(s₁²/n + s₂²/n) (for a fraction p: sqrt(2 p (1 − p)/n)); 5 standard
// errors are allowed (a false alarm about once in 10⁶ per check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { root } from './load-module.mjs';
import { jobOf, runJs } from '../../bench/kernels/gmm-em.mjs';
import { runTfjs } from '../../bench/kernels/gmm-em-tfjs.mjs';

const n = 20000;
const doc = JSON.parse(fs.readFileSync(path.join(root, 'examples/gmm2d.json'), 'utf8'));
const job = jobOf(doc, n, 100);

// Per-particle statistics of a row-major 2-D sample: x, y, |x|², and the one-hot nearest mode.
function statistics(x) {
  const m = x.length / 2, K = job.means.length;
  const columns = { x: [], y: [], r2: [] };
  const modes = new Array(K).fill(0);
  for (let i = 0; i < m; i++) {
    const a = x[2 * i], b = x[2 * i + 1];
    columns.x.push(a); columns.y.push(b); columns.r2.push(a * a + b * b);
    let best = 0, bestD = Infinity;
    job.means.forEach(([p, q], j) => {
      const dd = (a - p) ** 2 + (b - q) ** 2;
      if (dd < bestD) { bestD = dd; best = j; }
    });
    modes[best]++;
  }
  const moments = Object.fromEntries(Object.entries(columns).map(([k, v]) => {
    const mean = v.reduce((s, t) => s + t, 0) / m;
    return [k, { mean, variance: v.reduce((s, t) => s + (t - mean) ** 2, 0) / (m - 1) }];
  }));
  return { m, moments, fractions: modes.map((c) => c / m) };
}

function reference() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgm-bench-'));
  try {
    const file = path.join(dir, 'job.json'), csv = path.join(dir, 'x.csv');
    fs.writeFileSync(file, JSON.stringify({ ...doc, sampler: 'em', particles: n, steps: 100, metrics: [] }));
    const run = spawnSync(path.join(root, 'build/native/sgm'), ['run', file, '--samples', csv], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    return Float64Array.from(fs.readFileSync(csv, 'utf8').trim().split('\n').slice(1).flatMap((l) => l.split(',').map(Number)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const core = statistics(reference());

function agrees(name, x) {
  const s = statistics(x);
  assert.equal(s.m, n, `${name}: particle count`);
  for (const [k, c] of Object.entries(core.moments)) {
    const se = Math.sqrt(c.variance / core.m + s.moments[k].variance / s.m);
    assert.ok(Math.abs(s.moments[k].mean - c.mean) < 5 * se, `${name}: mean of ${k} ${s.moments[k].mean} vs core ${c.mean} (se ${se})`);
  }
  core.fractions.forEach((p, j) => {
    const se = Math.sqrt((p * (1 - p)) / core.m + (p * (1 - p)) / s.m);
    assert.ok(Math.abs(s.fractions[j] - p) < 5 * se, `${name}: mode ${j} fraction ${s.fractions[j]} vs core ${p} (se ${se})`);
  });
}

test('plain-JavaScript kernel: same law as the core', () => agrees('js', runJs(job)));

test('TensorFlow.js kernel (WebAssembly backend, .wasm from node_modules): same law as the core', async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  assert.equal(tf.getBackend(), 'wasm');
  agrees('tfjs', await runTfjs(tf, job));
});

test('NumPy kernel: same law as the core', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgm-numpy-'));
  try {
    fs.writeFileSync(path.join(dir, 'job.json'), JSON.stringify(job));
    const out = path.join(dir, 'x.txt');
    const run = spawnSync('/usr/bin/python3', [path.join(root, 'bench/kernels/gmm_em_numpy.py'), path.join(dir, 'job.json'),
      '--samples', out], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    agrees('numpy', Float64Array.from(fs.readFileSync(out, 'utf8').trim().split('\n').flatMap((l) => l.trim().split(/\s+/).map(Number))));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
