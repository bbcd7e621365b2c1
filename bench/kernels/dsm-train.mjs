// The training-throughput job of the benchmark (bench/bench.mjs in node, bench/browser/bench-page.mjs in Chromium):
// denoising score matching on the 8-mode ring with examples/train-ring.json's network (SiLU 11 → 64 → 64 → 64 → 2,
// K = 4), batch (256) and Adam, in training samples per second (steps × batch / seconds, best of the repeats), through
// the core's WebAssembly Trainer and the same network in TensorFlow.js (dsm-tfjs.mjs).
import { trainTfjs } from './dsm-tfjs.mjs';
import { bestRate } from '../timing.mjs';

// The core's Trainer of `sgm` (a loaded WebAssembly module) on `document`: `warmup` steps, then advance(steps) timed.
export async function trainerRate(sgm, document, steps, repeats, warmup = 20) {
  const trainer = new sgm.Trainer(JSON.stringify({ ...document, steps: warmup + steps * repeats }));
  try {
    trainer.advance(warmup);
    return await bestRate(() => trainer.advance(steps), steps * document.batch, repeats);
  } finally {
    trainer.delete();
  }
}

// The same network, batch and optimiser in TensorFlow.js (`tf` with its backend set).
export function tfjsRate(tf, document, steps, repeats) {
  let seconds = Infinity;
  for (let r = 0; r < repeats; r++) {
    const { widths, frequencies } = document.network;
    const { batch, T, delta } = document;
    const learningRate = document.learning_rate;
    const run = trainTfjs(tf, { widths, frequencies, batch, steps, learningRate, T, delta, seed: document.seed + r });
    seconds = Math.min(seconds, run.seconds);
  }
  return (steps * document.batch) / seconds;
}
