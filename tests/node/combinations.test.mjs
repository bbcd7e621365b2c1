// Every name the catalogue lists runs through the CLI: each process on R^d × each sampler of its family × each grid (on
// a 2-D Gaussian, T and δ at the process's defaults), each target kind, each score model, the samplers of every other
// process family (CLD) and each bound.
// A run must exit 0 with finite metrics: a name that is listed but cannot run is a defect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './load-module.mjs';

const cli = path.join(root, 'build/native/sgm');
const catalogue = JSON.parse(spawnSync(cli, ['list'], { encoding: 'utf8' }).stdout);
const names = (key) => catalogue[key].map((e) => e.name);
// The samplers a process takes: those of its family (the catalogue says which).
const samplersOf = (process) =>
  catalogue.samplers.filter((s) => s.family === process.sampler_family).map((s) => s.name);
const onRd = catalogue.processes.filter((p) => p.sampler_family === 'diffusion');
const gaussian = { kind: 'gaussian', mean: [1, -0.5], covariance: [[0.5, 0.2], [0.2, 0.3]] };

function run(experiment) {
  const r = spawnSync(cli, ['run', '-'], { input: JSON.stringify(experiment), encoding: 'utf8' });
  assert.equal(r.status, 0, `${JSON.stringify(experiment)}\n${r.stderr}`);
  const result = JSON.parse(r.stdout);
  for (const [name, value] of Object.entries(result.metrics)) {
    for (const v of [value].flat()) assert.ok(Number.isFinite(v), `${name} = ${v} for ${JSON.stringify(experiment)}`);
  }
  return result;
}

test('every process × sampler × grid runs by name', () => {
  let runs = 0;
  for (const process of onRd) {
    for (const sampler of samplersOf(process)) {
      for (const grid of names('grids')) {
        run({ target: gaussian, process: process.name, sampler, grid, steps: 8, particles: 40, metrics: ['mean_error', 'cov_error'] });
        runs += 1;
      }
    }
  }
  assert.equal(runs, onRd.length * samplersOf(onRd[0]).length * names('grids').length);
});

test('every target kind, score model, CLD sampler and bound runs by name', () => {
  const parameters = {
    gaussian,
    gmm: { weights: [0.5, 0.5], means: [[-2, 0], [2, 0]], covariances: [[[0.3, 0], [0, 0.3]], [[0.3, 0], [0, 0.3]]] },
    elastic_net: { dim: 2, lambda1: 1, lambda2: 1 },
    modified_half_normal: { dim: 2, alpha: 1, beta: 0.5, gamma: 2 },
    double_well: { dim: 2, stiffness: 1, well: 1 },
    points: { points: [[0, 0], [1, 1], [2, 0]] },
  };
  for (const kind of names('targets')) {
    run({ target: { kind, ...(parameters[kind] ?? {}) }, steps: 10, particles: 50, metrics: ['sliced_w2', 'mean_error'] });
  }
  // Each score model with a value for every required parameter, by its declared type: a number 0.1, and for a document
  // the weights `sgm train` wrote for the committed ring network (any 2-D target on OU takes them).
  const ringWeights = JSON.parse(fs.readFileSync(path.join(root, 'examples/ring-weights.json'), 'utf8'));
  const valueOf = (p) => (p.type === 'document' ? ringWeights : 0.1);
  const scoreOf = (entry) => {
    const required = entry.parameters.filter((p) => p.required);
    if (!required.length) return entry.name;
    return { kind: entry.name, ...Object.fromEntries(required.map((p) => [p.name, valueOf(p)])) };
  };
  for (const score of catalogue.scores) run({ target: gaussian, score: scoreOf(score), steps: 10, particles: 50 });
  for (const process of catalogue.processes.filter((p) => !onRd.includes(p))) {
    for (const sampler of samplersOf(process)) {
      run({ target: gaussian, process: process.name, sampler, steps: 10, particles: 50 });
    }
  }
  const result = run({ target: gaussian, steps: 10, particles: 50, bounds: names('bounds'), bound_options: { samples: 50 } });
  assert.deepEqual(Object.keys(result.bounds).sort(), names('bounds').sort());
});
