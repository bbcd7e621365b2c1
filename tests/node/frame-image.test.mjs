// The sampler worker's frames (web/src/engine/serve.js frameOf) on a real Session of the SIMD module: with an image
// request, every particle is binned in the worker from the run's float64 particles in place, and the image must be
// the one the page would bin from the frame's float32 positions (views/density-grid.js binParticles, the page's own
// path before the worker binned); the frame then carries only the first `keep` particles, except the final frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { frameOf } from '../../web/src/engine/serve.js';
import { binParticles } from '../../web/src/views/density-grid.js';
import { loadSgm, root } from './load-module.mjs';

const example = (name) => JSON.parse(fs.readFileSync(path.join(root, 'examples', name), 'utf8'));
// A canvas-like image, neither square nor a divisor of the bounds, so that a swapped axis or offset shows.
const image = { bounds: { x0: -4, x1: 4.5, y0: -3.5, y1: 4 }, nx: 37, ny: 29, keep: 100 };

test('frameOf: the worker\'s count image equals binParticles on the frame\'s float32 positions; only the first keep travel', async () => {
  const sgm = await loadSgm('simd');
  const particles = 5000;
  const session = new sgm.Session(JSON.stringify({ ...example('gmm2d.json'), sampler: 'em', steps: 6, particles, metrics: [] }));
  try {
    for (const steps of [0, 3]) {
      session.advance(steps);
      const whole = frameOf(session);
      const framed = frameOf(session, image);
      assert.equal(whole.count, particles);
      const expected = binParticles(whole.positions, whole.count, image.bounds, image.nx, image.ny);
      assert.deepEqual([...framed.image.counts], [...expected.counts]);
      assert.equal(framed.image.outside, expected.outside);
      assert.equal(framed.image.counts.reduce((a, c) => a + c, 0) + framed.image.outside, particles);
      assert.ok(expected.outside < particles / 2, 'most particles fall on the image');
      assert.equal(framed.count, image.keep);
      assert.equal(framed.totalCount, particles);
      assert.deepEqual([...framed.positions], [...whole.positions.subarray(0, image.keep),
        ...whole.positions.subarray(particles, particles + image.keep)]);
    }
    session.advance(3);
    const last = frameOf(session, image);
    assert.equal(last.stepsDone, last.steps);
    assert.equal(last.count, particles, 'the final frame carries every particle');
    assert.deepEqual([...last.positions], [...frameOf(session).positions]);
  } finally {
    session.delete();
  }
});

test('frameOf: a 1-D run is not binned on an image (the page draws its histogram) and carries every particle', async () => {
  const sgm = await loadSgm('simd');
  const doc = { target: { kind: 'gaussian', mean: [0.5], covariance: [[0.2]] }, process: 'ou', steps: 4, particles: 300 };
  const session = new sgm.Session(JSON.stringify(doc));
  try {
    const frame = frameOf(session, image);
    assert.equal(frame.image, undefined);
    assert.equal(frame.count, 300);
    assert.ok(frame.positions.subarray(300).every((y) => y === 0));
  } finally {
    session.delete();
  }
});
