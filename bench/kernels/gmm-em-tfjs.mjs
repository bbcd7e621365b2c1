// The benchmark job (gmm-em.mjs) as TensorFlow.js tensor code, float32 (the only type of its WebAssembly backend):
// per step a K × n × d broadcast for the logits, a log-sum-exp softmax over components, the score as a weighted sum
// and the Euler–Maruyama update, noise from tf.randomNormal. `tf` is the caller's tfjs-core with its backend set.
export async function runTfjs(tf, job) {
  const { particles: n, steps, dim: d, weights, means, variances } = job;
  const K = weights.length;
  const muFlat = tf.tensor2d(means.flat(), [K, d]);
  let x = tf.randomNormal([n, d], 0, 1, 'float32', job.seed);
  const h = (job.T - job.delta) / steps;
  for (let k = 0; k < steps; k++) {
    const t = job.T - k * h;
    const alpha = Math.exp(-t);
    const v = variances.map((s2) => alpha * alpha * s2 + 1 - alpha * alpha);
    const next = tf.tidy(() => {
      const inv = tf.tensor1d(v.map((vj) => 1 / vj)); // K
      const logc = tf.tensor1d(weights.map((w, j) => Math.log(w) - 0.5 * d * Math.log(v[j]))); // K
      const mu = tf.mul(muFlat, alpha); // K × d
      const diff = tf.sub(tf.expandDims(mu, 0), tf.expandDims(x, 1)); // n × K × d: α μ_j − x
      const logits = tf.sub(logc, tf.mul(tf.mul(tf.sum(tf.square(diff), 2), inv), 0.5)); // n × K
      const w = tf.softmax(logits); // n × K
      const score = tf.sum(tf.mul(diff, tf.expandDims(tf.mul(w, inv), 2)), 1); // n × d
      const z = tf.randomNormal([n, d], 0, 1, 'float32', job.seed * 1000003 + k + 1);
      return tf.add(tf.add(tf.mul(x, 1 + h), tf.mul(score, 2 * h)), tf.mul(z, Math.sqrt(2 * h)));
    });
    x.dispose();
    x = next;
  }
  const out = Float64Array.from(await x.data());
  x.dispose();
  muFlat.dispose();
  return out;
}
