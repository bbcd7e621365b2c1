// The page's side of a sampler worker: picks the WebAssembly build, starts the worker and turns its replies into
// promises. The SIMD build is used when the browser validates SIMD code (wasm-feature-detect); the scalar build
// otherwise, or when the URL asks for it (?build=scalar).
import { simd } from 'wasm-feature-detect';

export async function chooseBuild(requested) {
  if (requested === 'simd' || requested === 'scalar') return requested;
  return (await simd()) ? 'simd' : 'scalar';
}

export class Engine {
  constructor(build) {
    this.build = build;
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.pending = new Map();
    this.nextId = 1;
    this.worker.onmessage = ({ data }) => {
      const entry = this.pending.get(data.id);
      this.pending.delete(data.id);
      if (data.error !== undefined) entry.reject(new Error(data.error));
      else entry.resolve(data);
    };
    this.worker.onerror = (event) => {
      const error = new Error(`sampler worker failed: ${event.message || 'could not start'}`);
      for (const entry of this.pending.values()) entry.reject(error);
      this.pending.clear();
    };
    // The module is public/wasm/sgm-<build>.mjs; its .wasm is fetched next to it (import.meta.url of the module).
    const moduleUrl = new URL(`wasm/sgm-${build}.mjs`, document.baseURI).href;
    this.ready = this.request('init', { moduleUrl });
  }

  request(type, payload = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type, ...payload });
    });
  }
}
