// WebAssembly throughput (node): the gmm2d example through Embind, SIMD and scalar builds, in particle-steps per
// second (best of 3). Usage: node bench/wasm-bench.mjs [particles] [steps]. Compare with build/native/sgm_bench.
import fs from 'node:fs';
import path from 'node:path';
import { loadSgm, root } from '../tests/node/load-module.mjs';

const particles = Number(process.argv[2] ?? 20000);
const steps = Number(process.argv[3] ?? 100);
const doc = JSON.parse(fs.readFileSync(path.join(root, 'examples/gmm2d.json'), 'utf8'));
for (const variant of ['simd', 'scalar']) {
  const sgm = await loadSgm(variant);
  for (const sampler of ['ei', 'em']) {
    const config = JSON.stringify({ ...doc, sampler, particles, steps, metrics: [] });
    let best = 0;
    for (let repeat = 0; repeat < 3; repeat++) {
      const start = performance.now();
      sgm.run(config);
      best = Math.max(best, (particles * steps) / ((performance.now() - start) / 1000));
    }
    console.log(JSON.stringify({ case: 'gmm8-2d', build: variant, sampler, particles, steps, particle_steps_per_second: best }));
  }
}
