// The density view's numbers (web/src/views/density-grid.js) against closed forms and Monte Carlo at fixed seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  binParticles, cellSize, coverage, coverageInSlices, densityAt, densityGrid, gridAxes, histogram, largestLogStep,
  massLevels, viewBounds,
} from '../../web/src/views/density-grid.js';
import { fillNormals } from '../../web/src/views/random.js';
import { loadSgm } from '../node/load-module.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sgm = path.join(root, 'build/native/sgm');

// A grid of the standard 2-D normal density, built the way densityGrid() builds one.
function normalGrid(bounds, n) {
  const { xs, ys } = gridAxes(bounds, n, n);
  const density = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) density[j * n + i] = Math.exp(-(xs[i] ** 2 + ys[j] ** 2) / 2) / (2 * Math.PI);
  }
  return { bounds, nx: n, ny: n, xs, ys, density };
}

test('massLevels: the highest-density region of N(0, I_2) holding mass f is {p > (1 - f)/(2π)}', () => {
  // Closed form: P(|Z|² ≤ r²) = 1 - e^{-r²/2} and p(r) = e^{-r²/2}/(2π), so the level of mass f is (1 - f)/(2π).
  // Quadrature on 400 × 400 cells of [-7, 7]²: the level is off by at most one cell's density step (~1%).
  const grid = normalGrid({ x0: -7, x1: 7, y0: -7, y1: 7 }, 400);
  const fractions = [0.25, 0.5, 0.75, 0.9];
  massLevels(grid.density, fractions).forEach((level, l) => {
    const exact = (1 - fractions[l]) / (2 * Math.PI);
    assert.ok(Math.abs(level / exact - 1) < 0.01, `f = ${fractions[l]}: ${level} vs ${exact}`);
  });
  assert.ok(Math.abs(cellSize(grid) * grid.density.reduce((a, v) => a + v, 0) - 1) < 1e-6);
});

test('coverage: exact N(0, I_2) samples fall in each highest-density region with its mass (binomial 4σ)', () => {
  const n = 20000;
  const positions = fillNormals(new Float64Array(2 * n), 12345);
  const grid = normalGrid({ x0: -6, x1: 6, y0: -6, y1: 6 }, 120);
  const fractions = [0.25, 0.5, 0.75, 0.9];
  const shares = coverage(positions, n, grid, massLevels(grid.density, fractions));
  // Tolerance: 4 binomial standard deviations sqrt(f(1 - f)/n) plus 0.01 for the grid's level and interpolation.
  shares.forEach((s, l) => {
    const f = fractions[l];
    assert.ok(Math.abs(s - f) < 4 * Math.sqrt((f * (1 - f)) / n) + 0.01, `f = ${f}: share ${s}`);
  });
});

test('coverageInSlices counts the same particles as coverage, whatever the slice', async () => {
  // 20,001 particles, slices that do not divide the count (the last slice is short) and one larger than it.
  const n = 20001;
  const positions = fillNormals(new Float64Array(2 * n), 777);
  const grid = normalGrid({ x0: -5, x1: 5, y0: -5, y1: 5 }, 50);
  const levels = massLevels(grid.density, [0.25, 0.5, 0.75, 0.9]);
  const whole = coverage(positions, n, grid, levels);
  for (const slice of [1000, 7, 50000]) {
    assert.deepEqual(await coverageInSlices(positions, n, grid, levels, slice), whole);
  }
});

test('largestLogStep: N(0, I_2) on 0.1-wide cells changes ln p by at most r·h + h²/2 inside the 90% region', () => {
  // ln p = -r²/2: between neighbours h apart at radius r the change is at most r h + h²/2; the 90% region has
  // r² ≤ -2 ln 0.1 (one cell of slack added to r). A grid of cells three standard deviations wide is flagged.
  const fine = normalGrid({ x0: -5, x1: 5, y0: -5, y1: 5 }, 100);
  const level = massLevels(fine.density, [0.9])[0];
  const r = Math.sqrt(-2 * Math.log(0.1)) + 0.1;
  assert.ok(largestLogStep(fine, level) <= r * 0.1 + 0.005 + 1e-9);
  const coarse = normalGrid({ x0: -6, x1: 6, y0: -6, y1: 6 }, 4);
  assert.ok(largestLogStep(coarse, 0) > 1);
});

test('densityAt interpolates linearly between cell centres and is 0 off the grid', () => {
  const bounds = { x0: 0, x1: 4, y0: 0, y1: 2 };
  const { xs, ys } = gridAxes(bounds, 4, 2);
  const density = new Float64Array(8);
  for (let j = 0; j < 2; j++) for (let i = 0; i < 4; i++) density[j * 4 + i] = 3 * xs[i] + 5 * ys[j]; // affine: exact
  const grid = { bounds, nx: 4, ny: 2, xs, ys, density };
  assert.ok(Math.abs(densityAt(grid, 1.2, 0.9) - (3 * 1.2 + 5 * 0.9)) < 1e-12);
  assert.equal(densityAt(grid, 4.5, 1), 0);
});

test('binParticles and histogram count every particle once', () => {
  // Particles at known cells: (0.5, 0.5) → cell (0, 0); (1.5, 0.5) → (1, 0) twice; (1.5, 1.5) → (1, 1); one outside.
  const xs = [0.5, 1.5, 1.5, 1.5, 9];
  const ys = [0.5, 0.5, 0.5, 1.5, 0];
  const positions = Float32Array.from([...xs, ...ys]);
  const { counts, outside } = binParticles(positions, 5, { x0: 0, x1: 2, y0: 0, y1: 2 }, 2, 2);
  assert.deepEqual([...counts], [1, 2, 0, 1]);
  assert.equal(outside, 1);
  const h = histogram(positions, 5, 0, 2, 4);
  const mass = h.density.reduce((a, v) => a + v * 0.5, 0);
  assert.ok(Math.abs(mass - 4 / 5) < 1e-12);
  assert.equal(h.outside, 1);
});

test('binParticles bins float64 positions as their float32 values, as the worker\'s frames carry them', () => {
  // On [0, 1] in 2 cells the edge is 0.5: 0.49999999999 is below it as a double but rounds to 0.5 as a float32, so it
  // falls in the right cell; 0.4999 stays left either way. y = 0.25 puts both in the bottom row.
  const positions = Float64Array.from([0.49999999999, 0.4999, 0.25, 0.25]);
  const bounds = { x0: 0, x1: 1, y0: 0, y1: 1 };
  assert.deepEqual([...binParticles(positions, 2, bounds, 2, 2).counts], [1, 1, 0, 0]);
  assert.deepEqual([...binParticles(Float32Array.from(positions), 2, bounds, 2, 2).counts], [1, 1, 0, 0]);
  assert.equal(Math.floor(0.49999999999 * 2), 0, 'the double alone would fall in the left cell');
});

test('viewBounds holds the prior box and the particles, square in 2-D', () => {
  const positions = Float64Array.from([10, -1, 0, 2, 0, 0]);
  const b = viewBounds(positions, 3, 2);
  assert.ok(b.x0 < -3 && b.x1 > 10 && b.y0 < -3 && b.y1 > 3);
  assert.ok(Math.abs(b.x1 - b.x0 - (b.y1 - b.y0)) < 1e-12);
});

const wasm = path.join(root, 'web/public/wasm/sgm-simd.wasm');
test('densityGrid: the core\'s grid is sgm inspect at the cell centres and log q_t of the Gaussian in closed form', { skip: !(existsSync(sgm) && existsSync(wasm)) && 'build/native/sgm or the WebAssembly build is missing' }, async () => {
  // q_t = N(a μ, a²Σ + σ² I) with a = e^{-t}, σ² = 1 - e^{-2t} (OU, docs/theory.md §1): an independent closed form.
  const mean = [1, -0.5];
  const cov = [[0.5, 0.2], [0.2, 0.3]];
  const experiment = { target: { kind: 'gaussian', mean, covariance: cov }, process: 'ou', steps: 10 };
  const spec = { time: 0.3, bounds: { x0: -2, x1: 3, y0: -3, y1: 1 }, nx: 5, ny: 4, dimension: 2 };
  const core = await loadSgm('simd');
  const grid = densityGrid(core, experiment, spec);
  const a = Math.exp(-spec.time);
  const s2 = 1 - Math.exp(-2 * spec.time);
  const c = [[a * a * cov[0][0] + s2, a * a * cov[0][1]], [a * a * cov[1][0], a * a * cov[1][1] + s2]];
  const det = c[0][0] * c[1][1] - c[0][1] * c[1][0];
  const points = [];
  for (let j = 0; j < spec.ny; j++) {
    for (let i = 0; i < spec.nx; i++) {
      points.push([grid.xs[i], grid.ys[j]]);
      const dx = grid.xs[i] - a * mean[0];
      const dy = grid.ys[j] - a * mean[1];
      const quad = (c[1][1] * dx * dx - 2 * c[0][1] * dx * dy + c[0][0] * dy * dy) / det;
      const exact = -0.5 * quad - Math.log(2 * Math.PI) - 0.5 * Math.log(det);
      assert.ok(Math.abs(grid.logDensity[j * spec.nx + i] - exact) < 1e-10, `(${i}, ${j})`);
    }
  }
  // The native CLI's inspect at the same points (given as JSON): the same values, scores as (s_x, s_y) pairs.
  const dir = mkdtempSync(path.join(tmpdir(), 'sgm-grid-'));
  try {
    const file = path.join(dir, 'inspect.json');
    writeFileSync(file, JSON.stringify({ ...experiment, inspect: { times: [spec.time], points } }));
    const field = JSON.parse(execFileSync(sgm, ['inspect', file], { encoding: 'utf8' })).fields[0];
    field.log_density.forEach((v, k) => assert.ok(Math.abs(grid.logDensity[k] - v) <= 1e-12 * Math.abs(v), `point ${k}`));
    field.score.forEach(([sx, sy], k) => {
      assert.ok(Math.abs(grid.score[2 * k] - sx) <= 1e-12 * (1 + Math.abs(sx)), `score x ${k}`);
      assert.ok(Math.abs(grid.score[2 * k + 1] - sy) <= 1e-12 * (1 + Math.abs(sy)), `score y ${k}`);
    });
    assert.deepEqual(grid.modelScore, grid.score); // the exact score: the model is the score
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // A bad grid is the core's error, naming the field.
  assert.throws(() => densityGrid(core, experiment, { ...spec, nx: 0 }), /nx = 0/);
});
