// What the page's workers share (engine/worker.js samples, engine/trainer-worker.js trains): a run's frame and the
// request loop. Requests carry an id; each gets exactly one reply with the same id, or {id, error: message} (a C++
// error reaches JavaScript as an Error carrying the core's message). A reply's positions or values are transferred.
import { timed } from '../timing.js';

// The frame of a Session: {positions: Float32Array (x of all particles, then y), count, dimension, stepsDone, steps,
// time}, with result when the run is done.
export function frameOf(s) {
  const frame = timed('frame-copy', () => copyFrame(s));
  if (s.stepsDone() === s.steps()) frame.result = timed('result', () => JSON.parse(s.result()));
  return frame;
}

function copyFrame(s) {
  const count = s.count();
  const dimension = s.dimension();
  // A view into wasm memory, valid until the next allocating call: copy the first two coordinates now
  // (coordinate-major: coordinate c of particle i is at c * count + i). A 1-D run is drawn on the line y = 0.
  const view = s.particles();
  const positions = new Float32Array(2 * count);
  positions.set(view.subarray(0, count), 0);
  if (dimension > 1) positions.set(view.subarray(count, 2 * count), count);
  return { positions, count, dimension, stepsDone: s.stepsDone(), steps: s.steps(), time: s.time() };
}

// The core's WebAssembly build at `moduleUrl` (public/wasm/sgm-<build>.mjs), loaded.
export async function loadBuild(moduleUrl) {
  const createSgm = (await import(/* @vite-ignore */ moduleUrl)).default;
  return createSgm();
}

export function serve(handlers) {
  self.onmessage = async ({ data }) => {
    const { id, type } = data;
    try {
      const reply = await handlers[type](data);
      if (id === undefined) return; // a message that wants no reply (a trainer's stop)
      const buffer = reply.positions ?? reply.values;
      self.postMessage({ id, ...reply }, buffer ? [buffer.buffer] : []);
    } catch (e) {
      self.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
    }
  };
}
