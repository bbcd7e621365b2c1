// What the page's workers share (engine/worker.js samples, engine/trainer-worker.js trains): a run's frame and the
// request loop. Requests carry an id; each gets exactly one reply with the same id, or {id, error: message} (a C++
// error reaches JavaScript as an Error carrying the core's message). A reply's typed arrays (positions or values, a
// frame's image counts, a density grid's arrays) are transferred, not copied.
import { binParticles } from '../views/density-grid.js';
import { timed } from '../timing.js';

// The frame of a Session: {positions: Float32Array (x of the first `count` particles, then y), count, totalCount
// (the run's particles), dimension, stepsDone, steps, time}. Without `image` the positions are all the particles'.
// With `image` ({bounds, nx, ny, keep}: an nx × ny image over bounds, e.g. the density view's canvas) in a run of
// two or more dimensions, the frame also holds image: {counts, outside, bounds, nx, ny}, every particle binned by
// binParticles (views/density-grid.js) here rather than on the page's thread, and carries only the first `keep`
// particles' positions (what the page records; the final frame carries all).
export function frameOf(s, image) {
  const totalCount = s.count();
  const dimension = s.dimension();
  const binned = image && dimension > 1;
  const count = binned && s.stepsDone() < s.steps() ? Math.min(image.keep, totalCount) : totalCount;
  const frame = { ...timed('frame-copy', () => copyPositions(s, count)), count, totalCount, dimension,
    stepsDone: s.stepsDone(), steps: s.steps(), time: s.time() };
  if (binned) {
    const { bounds, nx, ny } = image;
    const particles = s.particles(); // coordinate-major: coordinate c of particle i is at c * totalCount + i
    frame.image = { ...timed('bin', () => binParticles(particles, totalCount, bounds, nx, ny)), bounds, nx, ny };
  }
  return frame;
}

// {positions}: the first two coordinates of the first `count` particles as float32. The particles are a view into
// wasm memory, valid until the next allocating call: they are copied now. A 1-D run is drawn on the line y = 0.
function copyPositions(s, count) {
  const total = s.count();
  const view = s.particles();
  const positions = new Float32Array(2 * count);
  positions.set(view.subarray(0, count), 0);
  if (s.dimension() > 1) positions.set(view.subarray(total, total + count), count);
  return { positions };
}

// The result of a finished Session (metrics and bounds: the slow part of a big run, asked for on its own).
export const resultOf = (s) => timed('result', () => JSON.parse(s.result()));

// The core's WebAssembly build at `moduleUrl` (public/wasm/sgm-<build>.mjs), loaded.
export async function loadBuild(moduleUrl) {
  const createSgm = (await import(/* @vite-ignore */ moduleUrl)).default;
  return createSgm();
}

// The typed arrays of a reply, whose buffers are transferred (a density grid's: views/density-grid.js densityGrid).
const gridArrays = (g) => (g ? [g.xs, g.ys, g.logDensity, g.density, g.score, g.modelScore, g.background?.pixels] : []);
const transferables = (reply) => [reply.positions, reply.values, reply.terms, reply.image?.counts,
  ...gridArrays(reply.grid)].filter(Boolean).map((a) => a.buffer);

export function serve(handlers) {
  self.onmessage = async ({ data }) => {
    const { id, type } = data;
    try {
      const reply = await handlers[type](data);
      if (id === undefined) return; // a message that wants no reply (a trainer's stop)
      self.postMessage({ id, ...reply }, transferables(reply));
    } catch (e) {
      self.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
    }
  };
}
