// The page's side of a sampler worker: picks the WebAssembly build, starts the worker and turns its replies into
// promises. The SIMD build is used when the browser validates both SIMD code and WebAssembly exception handling
// (wasm-feature-detect; the SIMD build is compiled with -fwasm-exceptions, CMakeLists.txt); the scalar build
// otherwise, or when the URL asks for it (?build=scalar). cancel() terminates the worker (the only way to stop a
// WebAssembly call in progress) and starts a fresh one: every pending request rejects with a CancelledError.
import { exceptions, simd } from 'wasm-feature-detect';

// features: the engine's detectors (wasm-feature-detect's by default; a test passes its own).
export async function chooseBuild(requested, features = { simd, exceptions }) {
  if (requested === 'simd' || requested === 'scalar') return requested;
  const [hasSimd, hasExceptions] = await Promise.all([features.simd(), features.exceptions()]);
  return hasSimd && hasExceptions ? 'simd' : 'scalar';
}

// How many workers share one task (a convergence plot's runs, a big run's particles): ?workers=N (1–8) when the URL
// asks, else one per core up to 4 (navigator.hardwareConcurrency; at least 1). The page needs no SharedArrayBuffer:
// each worker holds its own part and the parts meet in messages.
export function workerCount(requested) {
  const asked = Number(requested);
  if (Number.isInteger(asked) && asked >= 1 && asked <= 8) return asked;
  return Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
}

// Every engine of {name: Engine or Engine[]}, once each.
export const everyEngine = (engines) => [...new Set(Object.values(engines).flat())];

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

// How long the build may take to load before the page says it cannot run (a blocked worker never answers).
const startTimeout = 30_000;

const samplerWorker = () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });

// A worker that answers requests {id, type, ...payload} with {id, ...reply} or {id, error} (serve.js). A message
// without an id (a trainer's progress) goes to onEvent. When the worker fails (it could not start, or died),
// failure(event) is called and every request still waiting is rejected with the Error it returns. connect() starts it.
export class WorkerClient {
  constructor(makeWorker, failure) {
    this.makeWorker = makeWorker;
    this.failure = failure;
    this.onEvent = () => {};
  }

  connect() {
    this.worker = this.makeWorker();
    this.pending = new Map();
    this.nextId = 1;
    this.worker.onmessage = ({ data }) => {
      if (data.id === undefined) {
        this.onEvent(data);
        return;
      }
      const entry = this.pending.get(data.id);
      this.pending.delete(data.id);
      if (data.error !== undefined) entry.reject(new Error(data.error));
      else entry.resolve(data);
    };
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      this.failAll(this.failure(event));
    };
  }

  failAll(error) {
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }

  // transfer: buffers of the payload handed to the worker rather than copied.
  request(type, payload = {}, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type, ...payload }, transfer);
    });
  }

  // A message that gets no reply (a trainer's stop).
  post(type, payload = {}) {
    this.worker.postMessage({ type, ...payload });
  }
}

export class Engine extends WorkerClient {
  // build: 'simd' or 'scalar'; makeWorker: starts the worker (the sampler's by default, the trainer's for
  // engine/trainer-worker.js).
  constructor(build, makeWorker = samplerWorker) {
    super(makeWorker, (event) => new Error(`the WebAssembly worker failed: ${event.message || 'it could not start (blocked worker or module)'}`));
    this.build = build;
    this.start();
  }

  start() {
    this.connect();
    // The module is public/wasm/sgm-<build>.mjs; its .wasm is fetched next to it (import.meta.url of the module).
    const moduleUrl = new URL(`wasm/sgm-${this.build}.mjs`, document.baseURI).href;
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the WebAssembly build did not load within ${startTimeout / 1000} s`)), startTimeout);
    });
    this.ready = Promise.race([this.request('init', { moduleUrl }), timeout]).finally(() => clearTimeout(timer));
    // A pool's helper may be cancelled while it loads, before anything awaits it: that is no unhandled error (whoever
    // awaits it later still sees the rejection).
    this.ready.catch(() => {});
  }

  // Stops whatever runs now and starts a fresh worker; resolves when it is ready.
  cancel() {
    this.worker.terminate();
    this.failAll(new CancelledError());
    this.start();
    return this.ready;
  }
}
