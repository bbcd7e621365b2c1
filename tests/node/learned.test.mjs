// The learned score across the native CLI and both WebAssembly builds: weights trained natively (`sgm train`) load in
// WebAssembly and give the network's outputs of the native build, weights trained by the WebAssembly Trainer load
// natively likewise, and a malformed weights file gets the same message from both.
//
// Tolerance: the network is float32. The builds run the same operations, but Eigen's float kernels group the sums of
// a matrix product differently with and without SIMD (and x86-64 natively), and exp (SiLU, libm: glibc vs musl) may
// differ by an ulp; each output of a 3-layer network of width 16 is a sum of ≤ 16 products per layer, so outputs
// differ by a few float32 ulps of the largest terms: relative 1e-5 of the output's scale. Training itself amplifies
// such differences step by step, so weights trained in the two builds are compared through their outputs only after
// loading the same file, never with each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSgm, root } from './load-module.mjs';

const cli = path.join(root, 'build/native/sgm');
const TOLERANCE = 1e-5;

const ring = JSON.parse(fs.readFileSync(path.join(root, 'examples/train-ring.json'), 'utf8'));
const training = { ...ring, steps: 60, batch: 64, network: { widths: [16, 16], frequencies: 2 } };
delete training.description;

function inspection(weights) {
  return JSON.stringify({
    target: ring.target, process: ring.process, T: ring.T, delta: ring.delta, steps: 10,
    score: { kind: 'learned', weights },
    inspect: { times: [0.001, 0.1, 1, 5], points: [[0, 0], [3, 0.2], [-1.5, 2], [0.3, -2.9]] },
  });
}

function nativeInspect(text) {
  const r = spawnSync(cli, ['inspect', '-'], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function assertSameScores(actual, expected, where) {
  assert.equal(actual.fields.length, expected.fields.length);
  expected.fields.forEach((field, k) => {
    const scale = Math.max(...field.model_score.flat().map(Math.abs));
    field.model_score.flat().forEach((v, i) => {
      const w = actual.fields[k].model_score.flat()[i];
      assert.ok(Math.abs(w - v) <= TOLERANCE * scale, `${where}, t = ${field.time}, entry ${i}: ${w} vs ${v}`);
    });
  });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgm-learned-'));
const trainingFile = path.join(dir, 'training.json');
const weightsFile = path.join(dir, 'weights.json');
fs.writeFileSync(trainingFile, JSON.stringify(training));
const trained = spawnSync(cli, ['train', trainingFile, '--out', weightsFile], { encoding: 'utf8' });

for (const variant of ['simd', 'scalar']) {
  test(`${variant} build: weights trained natively give the native outputs`, async () => {
    assert.equal(trained.status, 0, trained.stderr);
    assert.match(trained.stderr, /sgm train: step 60\/60 {2}loss [0-9.]+ {2}elapsed/);
    const sgm = await loadSgm(variant);
    const text = inspection(JSON.parse(fs.readFileSync(weightsFile, 'utf8')));
    assertSameScores(JSON.parse(sgm.inspect(text)), nativeInspect(text), `${variant} loads native weights`);
  });

  test(`${variant} build: weights trained by the Trainer give the same outputs natively`, async () => {
    const sgm = await loadSgm(variant);
    const trainer = new sgm.Trainer(JSON.stringify(training));
    let loss = NaN;
    while (trainer.stepsDone() < trainer.steps()) loss = trainer.advance(25);
    assert.ok(Number.isFinite(loss));
    assert.equal(trainer.stepsDone(), 60);
    const weights = JSON.parse(trainer.weights());
    assert.equal(weights.format, 'sgmlab-mlp');
    const error = JSON.parse(trainer.scoreError(JSON.stringify({ steps: 5, bound_options: { samples: 200 } })));
    assert.equal(error.epsilon.length, 6);
    assert.ok(error.sup > 0 && Number.isFinite(error.weighted_square));
    trainer.delete();
    const text = inspection(weights);
    assertSameScores(nativeInspect(text), JSON.parse(sgm.inspect(text)), `native loads ${variant} weights`);
  });

  // The minibatches are drawn from a counter keyed by (seed, step): both builds must draw the same data at every step.
  // Step 1's loss is evaluated after one Adam step, which moves each weight by lr·g/(|g| + 1e-8): the builds' float32
  // gradients agree to a few ulps, so the two losses agree to about 1e-6 relative; 1e-4 leaves room for that and is
  // three orders below what another minibatch gives (the loss of a batch of 64 has a relative spread of order 10 %).
  // This caught a data key built from `step >> 32` on a 32-bit size_t (WebAssembly), where every step's data differed.
  test(`${variant} build: the Trainer draws the native minibatches (step 1's loss)`, async () => {
    const twoSteps = { ...training, steps: 2 };
    const file = path.join(dir, 'two-steps.json');
    fs.writeFileSync(file, JSON.stringify(twoSteps));
    const native = spawnSync(cli, ['train', file, '--out', path.join(dir, 'two-steps-weights.json')], { encoding: 'utf8' });
    assert.equal(native.status, 0, native.stderr);
    const nativeLoss = JSON.parse(native.stdout).final_loss;
    const sgm = await loadSgm(variant);
    const trainer = new sgm.Trainer(JSON.stringify(twoSteps));
    trainer.advance(1);
    const loss = trainer.advance(1);
    trainer.delete();
    assert.ok(Math.abs(loss - nativeLoss) <= 1e-4 * nativeLoss, `step 1's loss: ${loss} vs native ${nativeLoss}`);
  });

  test(`${variant} build: a malformed weights file gets the native message`, async () => {
    const sgm = await loadSgm(variant);
    const weights = JSON.parse(fs.readFileSync(weightsFile, 'utf8'));
    weights.layers[1].bias = [1, 2];
    const text = inspection(weights);
    const native = spawnSync(cli, ['inspect', '-'], { input: text, encoding: 'utf8' });
    assert.equal(native.status, 1);
    const message = native.stderr.replace(/^sgm: invalid experiment: /, '').trim();
    assert.match(message, /^score\.weights\.layers\[1\]\.bias: must be 16 numbers/);
    assert.throws(() => sgm.inspect(text), (e) => e.message === message);
  });
}
