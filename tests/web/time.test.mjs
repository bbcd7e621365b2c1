// The time control's state (timeline.js) and the recorded frames (trajectories.js): thinning, paths, and forward
// noising by the exact OU transition against its closed-form variance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Timeline } from '../../web/src/views/timeline.js';
import { FrameRecorder, forwardFrames, forwardThenReverse } from '../../web/src/views/trajectories.js';
import { fillNormals } from '../../web/src/views/random.js';

test('Timeline: step, seek and play stop at the ends; play from the end starts again', () => {
  const t = new Timeline(3);
  assert.equal(t.step(-1), false);
  assert.equal(t.seek(10), true);
  assert.equal(t.index, 2);
  t.play();
  assert.equal(t.index, 0);
  assert.equal(t.tick(), true);
  assert.equal(t.tick(), true);
  assert.equal(t.playing, false);
  assert.equal(t.tick(), false);
  t.setLength(1);
  assert.equal(t.index, 0);
  t.play();
  assert.equal(t.playing, false);
});

test('FrameRecorder keeps the first particles of each frame and their paths', () => {
  const recorder = new FrameRecorder({ keep: 2, tracked: 2 });
  for (let k = 0; k < 3; k++) {
    // 3 particles: x = k + i, y = -(k + i)
    const positions = Float32Array.from([k, k + 1, k + 2, -k, -k - 1, -k - 2]);
    recorder.record({ positions, count: 3, time: 3 - k, stepsDone: k, steps: 2 });
  }
  assert.equal(recorder.length, 3);
  assert.deepEqual([...recorder.frame(1).positions], [1, 2, -1, -2]);
  assert.equal(recorder.frame(1).totalCount, 3);
  const paths = recorder.paths(1, 2);
  assert.deepEqual([...paths[1]], [2, -2, 3, -3]);
  // A frame that already holds only the first 3 of a run's 1,000 particles (the worker's thinned frames) keeps the
  // run's count.
  const thinned = Float32Array.from([7, 8, 9, -7, -8, -9]);
  recorder.record({ positions: thinned, count: 3, totalCount: 1000, time: 0, stepsDone: 3, steps: 3 });
  assert.deepEqual([...recorder.frame(3).positions], [7, 8, -7, -8]);
  assert.equal(recorder.frame(3).totalCount, 1000);
});

test('forwardFrames: the exact OU transition gives Var X_t = a(t)² v0 + σ(t)² (CLT 5σ on 40,000 particles)', () => {
  // Start: X_δ ~ N(0, v0) in each coordinate; OU with a(t) = e^{-t}, σ(t)² = 1 - e^{-2t} (docs/theory.md §1). Then
  // X_t = (a(t)/a(δ)) X_δ + noise of variance σ(t)² - (a(t)/a(δ))² σ(δ)², so
  // Var X_t = (a(t)/a(δ))² (v0 - σ(δ)²) + σ(t)². The sample variance of n normals has standard deviation v sqrt(2/n).
  const n = 40000;
  const v0 = 0.25;
  const times = [0.01, 0.1, 0.5, 1, 3];
  const process = {
    mean_coeff: times.map((t) => Math.exp(-t)),
    std: times.map((t) => Math.sqrt(1 - Math.exp(-2 * t))),
  };
  const positions = fillNormals(new Float64Array(2 * n), 99).map((z) => Math.sqrt(v0) * z);
  const frames = forwardFrames({ positions, count: n }, times, process, { seed: 3 });
  assert.equal(frames.length, times.length);
  frames.forEach((f, k) => {
    const ratio = process.mean_coeff[k] / process.mean_coeff[0];
    const exact = ratio ** 2 * (v0 - process.std[0] ** 2) + process.std[k] ** 2;
    for (const offset of [0, n]) {
      let s = 0;
      for (let i = 0; i < n; i++) s += f.positions[offset + i] ** 2;
      const variance = s / n;
      assert.ok(Math.abs(variance - exact) < 5 * exact * Math.sqrt(2 / n), `t = ${times[k]}: ${variance} vs ${exact}`);
    }
  });
  // A 1-D run stays on y = 0.
  const start = { positions: Float64Array.from([1, 2, 0, 0]), count: 2 };
  const flat = forwardFrames(start, times, process, { dimension: 1 });
  assert.deepEqual([...flat.at(-1).positions.subarray(2)], [0, 0]);
});

test('forwardThenReverse: at most maxForward forward frames (the last kept), then every reverse frame', () => {
  const frame = (k) => ({ positions: Float32Array.from([k, -k]), count: 1, time: k, stepsDone: k, steps: 9 });
  const reverse = new FrameRecorder();
  for (let k = 0; k < 3; k++) reverse.record(frame(k));
  const forward = Array.from({ length: 10 }, (_, k) => frame(k));
  const { recorder, firstReverse } = forwardThenReverse(forward, reverse, 4);
  assert.deepEqual(recorder.frames.slice(0, firstReverse).map((f) => f.time), [0, 3, 6, 9]);
  assert.ok(recorder.frames.slice(0, firstReverse).every((f) => f.phase === 'forward'));
  assert.equal(recorder.length, firstReverse + 3);
  assert.equal(recorder.frame(firstReverse).phase, 'reverse');
});
