// Recorded frames of a run, DOM-free: the reverse sampling frames as the sampler worker sends them (coordinate-major
// positions, see density-grid.js), thinned to the first `keep` particles so that 150 frames of a 10^6-particle run fit
// in memory (particle i's noise does not depend on n, so the first particles are a fair subsample), the paths of the
// first `tracked` particles, and forward-noising frames made from a run's output by the exact transition of the
// forward process.
import { fillNormals } from './random.js';

// The first `keep` particles of a frame, both coordinates: a copy, or the positions themselves when they are exactly
// those (a frame the sampler's worker thinned already; the recorder never writes to them).
function thin(positions, count, keep) {
  if (keep === count && positions.length === 2 * count && positions instanceof Float32Array) return positions;
  const out = new Float32Array(2 * keep);
  out.set(positions.subarray(0, keep), 0);
  out.set(positions.subarray(count, count + keep), keep);
  return out;
}

export class FrameRecorder {
  constructor({ keep = 20000, tracked = 12 } = {}) {
    this.keep = keep;
    this.tracked = tracked;
    this.frames = [];
  }

  // frame: {positions, count, time, stepsDone, steps} (with totalCount where positions hold only the first count of
  // the run's particles); phase: 'forward' | 'reverse'.
  record(frame, phase = 'reverse') {
    const keep = Math.min(this.keep, frame.count);
    const { positions, count, totalCount = count, time, stepsDone, steps } = frame;
    this.frames.push({ positions: thin(positions, count, keep), count: keep, totalCount, time, stepsDone, steps,
      phase });
  }

  get length() {
    return this.frames.length;
  }

  frame(k) {
    return this.frames[k];
  }

  // The paths of the tracked particles over frames [from, to] (inclusive): one Float64Array (x0, y0, x1, y1, …) each.
  paths(from, to) {
    const count = Math.min(this.tracked, ...this.frames.slice(from, to + 1).map((f) => f.count));
    return Array.from({ length: count }, (_, i) => {
      const path = new Float64Array(2 * (to - from + 1));
      for (let k = from; k <= to; k++) {
        const f = this.frames[k];
        path[2 * (k - from)] = f.positions[i];
        path[2 * (k - from) + 1] = f.positions[f.count + i];
      }
      return path;
    });
  }
}

// Forward noising of `start` ({positions, count} at forward time times[0]) along the exact transitions of a linear
// process X_t = a(t) X_0 + σ(t) Z (docs/theory.md §1):
//   X_{t'} = (a(t')/a(t)) X_t + sqrt(σ(t')² − (a(t')/a(t))² σ(t)²) Z,
// one fresh Z per step (seeded), so each particle follows one sample path. `process` holds mean_coeff and std at
// `times` (increasing), as inspect() reports them. A 1-D run keeps y = 0. Returns one frame per time, the first being
// `start` itself; forwardSteps yields them one by one (a caller may pause between them).
export function forwardFrames(start, times, process, options) {
  return [...forwardSteps(start, times, process, options)];
}

export function* forwardSteps(start, times, process, { seed = 1, dimension = 2 } = {}) {
  const { count } = start;
  let x = Float64Array.from(start.positions);
  yield { positions: Float32Array.from(x), count, time: times[0], stepsDone: 0, steps: times.length - 1 };
  const noisy = dimension === 1 ? count : 2 * count;
  const z = new Float64Array(noisy);
  for (let k = 1; k < times.length; k++) {
    const ratio = process.mean_coeff[k] / process.mean_coeff[k - 1];
    const spread = Math.sqrt(Math.max(0, process.std[k] ** 2 - (ratio * process.std[k - 1]) ** 2));
    fillNormals(z, seed * 1000003 + k);
    const next = new Float64Array(2 * count);
    for (let i = 0; i < noisy; i++) next[i] = ratio * x[i] + spread * z[i];
    x = next;
    yield { positions: Float32Array.from(x), count, time: times[k], stepsDone: k, steps: times.length - 1 };
  }
}

// The frames a time control scrubs: forward noising (δ up to T, every k-th frame kept so that at most `maxForward`
// remain, the last always) then the reverse frames of `reverse` (a FrameRecorder), in one recorder with the same
// thinning. Returns {recorder, firstReverse}: the index of the first reverse frame.
export function forwardThenReverse(forward, reverse, maxForward = 100) {
  const recorder = new FrameRecorder({ keep: reverse.keep, tracked: reverse.tracked });
  const every = Math.max(1, Math.ceil(forward.length / maxForward));
  forward.forEach((f, k) => { if (k % every === 0 || k === forward.length - 1) recorder.record(f, 'forward'); });
  const firstReverse = recorder.length;
  recorder.frames.push(...reverse.frames);
  return { recorder, firstReverse };
}
