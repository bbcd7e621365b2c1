// The Learn panel's DOM-free parts (web/src/state/learn.js) and the page catalogue's generic rule for entries with
// parameters it cannot edit (state/catalogue.js), against the native CLI: the pasted cloud's parser and its messages,
// the training document the controls build (sgm train accepts it and trains), chunk scheduling, the refresh points of
// ε(t) and the curves' data, and the learned score offered once weights exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { root } from '../node/load-module.mjs';
import {
  attributeTrainingMessage, comparisonExperiment, comparisonMetrics, defaultTrainingValues, epsilonCurve, lossCurve,
  lossTrend, maxCloudPoints, nextChunk, parsePointCloud, readTrainingValues, refreshSteps, trainingControls,
  trainingDocumentOf, trainingTarget,
} from '../../web/src/state/learn.js';
import { entryOf, pageCatalogue } from '../../web/src/state/catalogue.js';
import { experimentOf } from '../../web/src/state/experiment.js';
import { parseQuery } from '../../web/src/state/query.js';
import { targetSpec } from '../../web/src/state/targets.js';

const cli = path.join(root, 'build/native/sgm');
const core = JSON.parse(spawnSync(cli, ['list'], { encoding: 'utf8' }).stdout);
const ringWeights = JSON.parse(fs.readFileSync(path.join(root, 'examples/ring-weights.json'), 'utf8'));

test('a pasted cloud: "x, y" lines (comma, semicolon or spaces), blank and # lines skipped; a bad line is named', () => {
  assert.deepEqual(parsePointCloud('1, 2\n\n# a comment\n-3.5;4e-1\n  0.25   -1  \r\n'), {
    points: [[1, 2], [-3.5, 0.4], [0.25, -1]], problems: [] });
  const bad = parsePointCloud('1, 2\n3, four\n5\n6, 7, 8\n9, Infinity');
  assert.deepEqual(bad.points, [[1, 2]]);
  assert.deepEqual(bad.problems, [
    'line 2: "3, four" is not "x, y" (two finite numbers)',
    'line 3: "5" is not "x, y" (two finite numbers)',
    'line 4: "6, 7, 8" is not "x, y" (two finite numbers)',
    'line 5: "9, Infinity" is not "x, y" (two finite numbers)',
  ]);
  assert.deepEqual(parsePointCloud('1, 2').problems, ['points: 1 given, at least 2 are needed']);
  const many = Array.from({ length: maxCloudPoints + 1 }, (_, i) => `${i}, 0`).join('\n');
  assert.deepEqual(parsePointCloud(many).problems, [`points: ${maxCloudPoints + 1} given, at most ${maxCloudPoints}`]);
  // Any finite pair, written as the panel writes a drawn point, reads back.
  const coordinate = fc.double({ min: -100, max: 100, noNaN: true });
  fc.assert(fc.property(fc.array(fc.tuple(coordinate, coordinate), { minLength: 2, maxLength: 50 }),
    (pairs) => {
      const parsed = parsePointCloud(pairs.map(([x, y]) => `${x.toFixed(3)}, ${y.toFixed(3)}`).join('\n'));
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(parsed.points, pairs.map(([x, y]) => [Number(x.toFixed(3)), Number(y.toFixed(3))]));
    }));
});

test('controls: empty means the default, each bad value names its control and range', () => {
  assert.deepEqual(readTrainingValues({}), { values: defaultTrainingValues(), problems: [] });
  const read = readTrainingValues({ width: '32', depth: '0', learning_rate: 'fast', schedule: 'linear', batch: '2.5' });
  assert.equal(read.values.width, 32);
  assert.equal(read.values.schedule, 'linear');
  assert.deepEqual(read.problems.map((p) => p.key), ['depth', 'batch', 'learning_rate']);
  assert.equal(read.problems[0].message, 'hidden layers = "0" is out of range: must be an integer in [1, 8]');
  assert.equal(read.problems[2].message, 'learning rate = "fast" is out of range: must be a number in [0.000001, 1]');
  assert.deepEqual(readTrainingValues({ time_sampling: 'gauss' }).problems.map((p) => p.message),
    ['t-sampling = "gauss" is out of range: must be one of log_sigma, uniform']);
  // Each control's choices are the core's (a training document with each trains; an unknown one is refused).
  for (const c of trainingControls.filter((x) => x.kind === 'choice')) assert.ok(c.choices.includes(c.value));
});

function train(document) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgm-learn-'));
  const file = path.join(dir, 'training.json');
  fs.writeFileSync(file, JSON.stringify(document));
  const r = spawnSync(cli, ['train', file, '--out', path.join(dir, 'w.json')], { encoding: 'utf8' });
  const weights = r.status === 0 ? JSON.parse(fs.readFileSync(path.join(dir, 'w.json'), 'utf8')) : null;
  fs.rmSync(dir, { recursive: true, force: true });
  return { ...r, weights };
}

test('the training document from the controls is the one sgm train reads; its weights run in the comparison', () => {
  const values = { ...defaultTrainingValues(), width: 8, depth: 2, frequencies: 2, steps: 30, batch: 32, schedule: 'linear', time_sampling: 'uniform', seed: 7 };
  const cloud = [[-1, -1], [1, 1], [1.5, -0.5]];
  const document = trainingDocumentOf(values, trainingTarget('cloud', targetSpec('gmm'), cloud), { process: 'ou', T: 5, delta: 0.001 });
  assert.deepEqual(document.network, { widths: [8, 8], frequencies: 2 });
  assert.deepEqual(document.target, { kind: 'points', points: cloud });
  const trained = train(document);
  assert.equal(trained.status, 0, trained.stderr);
  assert.deepEqual(trained.weights.training.network, document.network);
  assert.equal(trained.weights.training.seed, 7);
  assert.equal(trained.weights.training.schedule, 'linear');
  // The side-by-side runs: the page's sampler, steps, particles and seed on the trained target; for a cloud, the
  // nearest-training-point distance (memorisation) is among the metrics.
  const page = { ...experimentOf(parseQuery('?sampler=em&steps=20&particles=200&seed=3', pageCatalogue(core)).state, pageCatalogue(core)) };
  for (const score of ['exact', { kind: 'learned', weights: trained.weights }]) {
    const experiment = comparisonExperiment(page, document, score);
    assert.equal(experiment.sampler, 'em');
    assert.equal(experiment.seed, 3);
    const r = spawnSync(cli, ['run', '-'], { input: JSON.stringify(experiment), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const metrics = JSON.parse(r.stdout).metrics;
    assert.equal(metrics.nearest_training_distance.length, 4);
    assert.ok(Number.isFinite(metrics.sliced_w2));
  }
  assert.deepEqual(comparisonMetrics(targetSpec('gmm')), ['sliced_w2', 'sliced_w2_floor', 'mode_occupancy']);
  assert.deepEqual(comparisonMetrics(targetSpec('gaussian')), ['sliced_w2', 'sliced_w2_floor']);
  // The page's own target trains as it is (the default controls' document, fewer steps).
  const ring = trainingDocumentOf({ ...defaultTrainingValues(), steps: 5 }, trainingTarget('page', targetSpec('gmm'), []), { process: 'ou', T: 5, delta: 0.001 });
  assert.deepEqual(ring.target, targetSpec('gmm'));
  assert.equal(train(ring).status, 0);
});

test('a core message about the training document names the panel\'s control', () => {
  const r = train({ target: targetSpec('gmm'), batch: 0 });
  assert.equal(r.status, 1);
  const message = r.stderr.replace(/^sgm: invalid [a-z ]*: /, '').trim();
  assert.match(message, /^batch = 0 is out of range/);
  assert.deepEqual(attributeTrainingMessage(message), { key: 'batch', message: message.replace(/^batch/, 'batch') });
  assert.deepEqual(attributeTrainingMessage('network.widths[1] = 0 is out of range: must be an integer in [1, 4096]'),
    { key: 'width', message: 'hidden width = 0 is out of range: must be an integer in [1, 4096]' });
  assert.equal(attributeTrainingMessage('learning_rate: the training loss is NaN at step 40').message,
    'learning rate: the training loss is NaN at step 40');
  assert.deepEqual(attributeTrainingMessage('target.points: must be a matrix'), { key: '', message: 'target.points: must be a matrix' });
});

test('chunks aim at 50 ms, at most double, never pass the steps left; ε(t) refreshes at evenly spaced steps', () => {
  assert.equal(nextChunk(10, 0.01, 1000), 20); // fast: doubles, not 50
  assert.equal(nextChunk(100, 0.2, 1000), 25); // slow: 100 × 0.05 / 0.2
  assert.equal(nextChunk(100, 0.05, 30), 30); // the steps left
  assert.equal(nextChunk(1, 10, 1000), 1); // at least one
  assert.equal(nextChunk(800, 0.001, 1e6), 1000); // at most 1000
  const seconds = fc.double({ min: 0, max: 10, noNaN: true });
  fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), seconds, fc.integer({ min: 1, max: 1e6 }),
    (k, s, remaining) => {
      const next = nextChunk(k, s, remaining);
      assert.ok(Number.isInteger(next) && next >= 1 && next <= Math.max(1, Math.min(2 * k, remaining, 1000)));
    }));
  // A simulated run at 2000 steps/s: every chunk after the warm-up takes 50 ms, and the chunks sum to the steps.
  let done = 0;
  let k = 4;
  const sizes = [];
  while (done < 6000) {
    sizes.push(k);
    done += k;
    k = nextChunk(k, k / 2000, 6000 - done);
  }
  assert.equal(done, 6000);
  assert.ok(sizes.slice(6, -1).every((s) => s === 100), sizes.join(','));
  assert.deepEqual(refreshSteps(6000), [1500, 3000, 4500, 6000]);
  assert.deepEqual(refreshSteps(2), [1, 2]);
});

test('curves: the loss on a log axis keeps finite positive chunks; ε(t) ascending in t with its interval', () => {
  const chunks = [[4, 3], [12, NaN], [28, 2], [60, 1], [90, 0]].map(([stepsDone, loss]) => ({ stepsDone, loss }));
  assert.deepEqual(lossCurve(chunks), [[4, 28, 60], [3, 2, 1]]);
  assert.deepEqual(lossTrend(chunks.filter((c) => c.loss > 0)), { first: 3, last: 1 });
  const table = { times: [5, 1, 0.001], epsilon: [0.2, 0.1, 1.4], lower: [0.18, 0.09, 1.3], upper: [0.22, 0.11, 1.5],
    sup: 1.4, weighted_square: 0.19 };
  assert.deepEqual(epsilonCurve(table),
    { data: [[0.001, 1, 5], [1.4, 0.1, 0.2], [1.3, 0.09, 0.18], [1.5, 0.11, 0.22]], sup: 1.4, weightedSquare: 0.19 });
});

test('the page offers an entry only when it can supply each required parameter: learned once weights exist', () => {
  const learned = entryOf(core, 'score', 'learned');
  assert.deepEqual(learned.parameters.map((p) => [p.name, p.type, p.required]), [['weights', 'document', true]]);
  assert.equal(entryOf(pageCatalogue(core), 'score', 'learned'), undefined);
  // Every target and every other score stays (their required parameters are editable or supplied by targets.js).
  assert.equal(pageCatalogue(core).targets.length, core.targets.length);
  assert.equal(pageCatalogue(core).scores.length, core.scores.length - 1);
  const offered = pageCatalogue(core, { score: { learned: { weights: ringWeights } } });
  const { state } = parseQuery('?score=learned&steps=10&particles=100', offered);
  const experiment = experimentOf(state, offered);
  assert.deepEqual(experiment.score, { kind: 'learned', weights: ringWeights });
  const r = spawnSync(cli, ['run', '-'], { input: JSON.stringify(experiment), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(Number.isFinite(JSON.parse(r.stdout).metrics.sliced_w2));
});
