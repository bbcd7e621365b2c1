// Denoising score matching of the core's score network (core/sgm/learn/score_network.hpp, dsm_trainer.cpp) as
// TensorFlow.js tensor code, float32, for the training-throughput comparison: the same network — the preconditioned
// input x̃ = (x − a m)/√(a² s² + σ²), u = ln σ / 4 and Fourier features sin/cos(π 2^k u) for k < K, a SiLU MLP with
// the given hidden widths, its last layer starting at 0 — the same batch of the 8-mode ring (means on the circle of
// radius 3, variance 0.09) on OU (a = e^{−t}, σ² = 1 − e^{−2t}) with ln σ(t) uniform on [ln σ(δ), ln σ(T)], the same
// loss mean_i |σ g_i + F_θ_i + z_i|² (σ g the Gaussian part scaled by σ) and Adam (β = 0.9, 0.999, ε = 1e-8).
// The gradient is written out (back-propagation through the layers, as mlp.cpp does) because tfjs-core's bundles
// register no gradient functions (the @tensorflow/tfjs union package does); Adam likewise, with bias correction
// (Kingma, Ba 2015, Algorithm 1). Differences that do not change the cost: the rate is constant (the core's cosine
// schedule is one scalar per step), random numbers come from TF.js, and the data's mean and variance are the
// mixture's exact moments instead of the core's 10⁴-sample estimate. `tf` is the caller's tfjs-core with its backend
// set. Returns {losses: the mean loss of each step, seconds: the wall time of the steps after `warmup`}.
export function trainTfjs(tf, job) {
  const { widths, frequencies, batch, steps, warmup = 5, learningRate = 2e-3, T = 5, delta = 1e-3, seed = 1 } = job;
  const d = 2;
  const K = 8;
  const angles = Array.from({ length: K }, (_, j) => (2 * Math.PI * j) / K);
  const means = angles.map((angle) => [3 * Math.cos(angle), 3 * Math.sin(angle)]);
  const s2 = 4.5 + 0.09; // per coordinate: the mean of 9 cos² (or 9 sin²) over the ring, plus the mode variance; mean 0
  const sizes = [d + 1 + 2 * frequencies, ...widths, d];
  const L = sizes.length - 1;
  // Parameters [W_1, b_1, …, W_L, b_L] (W_l: sizes[l-1] × sizes[l]), Glorot uniform, the last layer at 0.
  let theta = [];
  for (let l = 0; l < L; l++) {
    const limit = l + 1 === L ? 0 : Math.sqrt(6 / (sizes[l] + sizes[l + 1]));
    theta.push(tf.randomUniform([sizes[l], sizes[l + 1]], -limit, limit, 'float32', seed + l), tf.zeros([sizes[l + 1]]));
  }
  let first = theta.map((p) => tf.zerosLike(p));
  let second = theta.map((p) => tf.zerosLike(p));
  const meansTensor = tf.tensor2d(means);
  const logLo = 0.5 * Math.log(1 - Math.exp(-2 * delta));
  const logHi = 0.5 * Math.log(1 - Math.exp(-2 * T));
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  const losses = [];
  let start = 0;
  for (let step = 0; step < warmup + steps; step++) {
    if (step === warmup) start = performance.now();
    const key = seed * 7919 + 4 * step;
    const next = tf.tidy(() => {
      // The batch: ln σ uniform, t = −ln(1 − σ²)/2 so a = e^{−t} = √(1 − σ²); data from the mixture; x = a x0 + σ z.
      const logSigma = tf.randomUniform([batch, 1], logLo, logHi, 'float32', key);
      const sigma = tf.exp(logSigma);
      const a = tf.sqrt(tf.sub(1, tf.square(sigma)));
      const modes = tf.randomUniform([batch], 0, K, 'int32', key + 1);
      const x0 = tf.add(tf.gather(meansTensor, modes), tf.randomNormal([batch, d], 0, 0.3, 'float32', key + 2));
      const z = tf.randomNormal([batch, d], 0, 1, 'float32', key + 3);
      const x = tf.add(tf.mul(a, x0), tf.mul(sigma, z));
      const variance = tf.add(tf.mul(tf.square(a), s2), tf.square(sigma)); // a² s² + σ²
      const u = tf.div(logSigma, 4);
      const features = [tf.div(x, tf.sqrt(variance)), u];
      for (let k = 0; k < frequencies; k++) {
        const angle = tf.mul(u, Math.PI * 2 ** k);
        features.push(tf.sin(angle), tf.cos(angle));
      }
      // Forward, keeping each layer's input h and pre-activation for the backward pass.
      const inputs = [tf.concat(features, 1)];
      const pre = [];
      for (let l = 0; l < L; l++) {
        pre.push(tf.add(tf.matMul(inputs[l], theta[2 * l]), theta[2 * l + 1]));
        if (l + 1 < L) inputs.push(tf.mul(pre[l], tf.sigmoid(pre[l]))); // SiLU
      }
      const residual = tf.add(tf.add(tf.neg(tf.div(tf.mul(sigma, x), variance)), pre[L - 1]), z); // σ g + F_θ + z
      const loss = tf.mean(tf.sum(tf.square(residual), 1));
      // Backward: ∂loss/∂F = 2 r / B; ∂W_l = h_{l−1}ᵀ g, ∂b_l = Σ_i g_i, g ← (g W_lᵀ) ⊙ SiLU'(pre_{l−1}).
      const gradient = new Array(2 * L);
      let g = tf.mul(residual, 2 / batch);
      for (let l = L - 1; l >= 0; l--) {
        gradient[2 * l] = tf.matMul(inputs[l], g, true, false);
        gradient[2 * l + 1] = tf.sum(g, 0);
        if (l > 0) {
          const s = tf.sigmoid(pre[l - 1]);
          g = tf.mul(tf.matMul(g, theta[2 * l], false, true), tf.mul(s, tf.add(1, tf.mul(pre[l - 1], tf.sub(1, s)))));
        }
      }
      const t = step + 1;
      const rate = learningRate / (1 - beta1 ** t);
      const root = Math.sqrt(1 - beta2 ** t);
      const m = first.map((v, i) => tf.add(tf.mul(v, beta1), tf.mul(gradient[i], 1 - beta1)));
      const v = second.map((w, i) => tf.add(tf.mul(w, beta2), tf.mul(tf.square(gradient[i]), 1 - beta2)));
      const updated = theta.map((p, i) => {
        const denominator = tf.add(tf.div(tf.sqrt(v[i]), root), epsilon);
        return tf.sub(p, tf.mul(rate, tf.div(m[i], denominator)));
      });
      return { loss, updated, m, v };
    });
    for (const list of [theta, first, second]) for (const p of list) p.dispose();
    [theta, first, second] = [next.updated, next.m, next.v];
    losses.push(next.loss.dataSync()[0]); // reading the loss waits for the step, as the core's advance returns it
    next.loss.dispose();
  }
  const seconds = (performance.now() - start) / 1000;
  for (const list of [theta, first, second]) for (const p of list) p.dispose();
  meansTensor.dispose();
  return { losses, seconds };
}
