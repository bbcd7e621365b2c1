// The benchmark's browser half (bench/bench.mjs serves it and drives headless Chromium): in one page, the same job
// through the WebAssembly SIMD and scalar modules (sgm.run, double and "precision": "float32"), the plain-JavaScript
// kernel and the TensorFlow.js kernel (WebAssembly backend, its .wasm files served from node_modules), then the
// training job (kernels/dsm-train.mjs) through the SIMD Trainer and TensorFlow.js. Reads the jobs from the query, posts
// the results to window.benchResults.
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '/node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.js';
import { runJs, jobOf } from '/bench/kernels/gmm-em.mjs';
import { bestRate } from '/bench/timing.mjs';
import { tfjsRate, trainerRate } from '/bench/kernels/dsm-train.mjs';

const query = new URLSearchParams(location.search);
const particles = Number(query.get('particles')), steps = Number(query.get('steps')), repeats = Number(query.get('repeats'));
const doc = await (await fetch('/examples/gmm2d.json')).json();
const config = JSON.stringify({ ...doc, sampler: 'em', particles, steps, metrics: [] });
const float32Config = JSON.stringify({ ...JSON.parse(config), precision: 'float32' });
const trainSteps = Number(query.get('trainSteps'));
const training = await (await fetch('/examples/train-ring.json')).json();
delete training.description;

const best = (run) => bestRate(run, particles * steps, repeats);

const results = {};
try {
  for (const variant of ['simd', 'scalar']) {
    const sgm = await (await import(`/web/public/wasm/sgm-${variant}.mjs`)).default();
    sgm.run(config); // compile and warm up
    results[`wasm_${variant}`] = await best(() => sgm.run(config));
    sgm.run(float32Config);
    results[`wasm_${variant}_float32`] = await best(() => sgm.run(float32Config));
    if (variant === 'simd') results.training_wasm_simd = await trainerRate(sgm, training, trainSteps, repeats);
  }
  const job = jobOf(doc, particles, steps);
  results.js = await best(() => runJs(job));
  setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  await tf.setBackend('wasm');
  await tf.ready();
  results.tfjs_simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
  results.tfjs = await best(() => import('/bench/kernels/gmm-em-tfjs.mjs').then((m) => m.runTfjs(tf, job)));
  results.training_tfjs = tfjsRate(tf, training, trainSteps, repeats);
} catch (e) {
  results.error = String(e?.stack ?? e);
}
document.getElementById('out').textContent = JSON.stringify(results, null, 2);
window.benchResults = results;
