// The benchmark job outside the core: reverse Euler–Maruyama for the OU process dX = −X dt + √2 dW (α_t = e^{−t},
// v = α² s² + 1 − α²; docs/theory.md §1) from N(0, I) at T to δ on the uniform grid, with the exact score of
// an OU-perturbed isotropic Gaussian mixture,
//   ∇log q_t(x) = Σ_j w_j(x) (α μ_j − x) / v_j,  w_j ∝ π_j v_j^{−d/2} exp(−|x − α μ_j|² / (2 v_j))  (log-sum-exp),
// and the step x ← (1 + h) x + 2h ∇log q_t(x) + √(2h) z, z from Box–Muller on a 32-bit generator (mulberry32).
// The same math as the core's `em` sampler with the exact score (not the same noise stream: tests compare statistics,
// tests/node/bench-kernels.test.mjs). Plain JavaScript, no imports: it runs in node and in the browser.

// The job of an experiment document with an isotropic "gmm" target, OU process and uniform grid.
export function jobOf(doc, particles, steps) {
  const t = doc.target;
  return {
    particles,
    steps,
    T: doc.T,
    delta: doc.delta,
    dim: t.means[0].length,
    weights: t.weights,
    means: t.means,
    variances: t.covariances.map((c) => c[0][0]),
    seed: doc.seed ?? 1,
  };
}

// A mixture of `components` isotropic components (standard deviation 0.3) in `dim` dimensions with means on a ring of
// radius 3 in the first two coordinates (the others 0), equal weights: the cost-growth cases.
export function ringMixtureDoc(components, dim) {
  const means = [];
  for (let j = 0; j < components; j++) {
    const m = new Array(dim).fill(0);
    const angle = (2 * Math.PI * j) / components;
    m[0] = 3 * Math.cos(angle);
    if (dim > 1) m[1] = 3 * Math.sin(angle);
    means.push(m);
  }
  const cov = Array.from({ length: dim }, (_, a) => Array.from({ length: dim }, (_, b) => (a === b ? 0.09 : 0)));
  return {
    target: { kind: 'gmm', weights: new Array(components).fill(1 / components), means, covariances: means.map(() => cov) },
    process: 'ou', grid: 'uniform', sampler: 'em', T: 5, delta: 0.001, seed: 1, metrics: [],
  };
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Fills `out` with standard normals (Box–Muller, both outputs used).
function fillNormal(out, uniform) {
  for (let i = 0; i < out.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const a = 2 * Math.PI * uniform();
    out[i] = r * Math.cos(a);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(a);
  }
}

// Runs the job; returns the particles, row-major (particles × dim).
export function runJs(job) {
  const { particles: n, steps, dim: d, weights, means, variances } = job;
  const K = weights.length;
  const uniform = mulberry32(job.seed * 2654435761);
  const x = new Float64Array(n * d);
  fillNormal(x, uniform);
  const z = new Float64Array(n * d);
  const mu = new Float64Array(K * d);
  const inv = new Float64Array(K), logc = new Float64Array(K), logit = new Float64Array(K);
  const h = (job.T - job.delta) / steps;
  for (let k = 0; k < steps; k++) {
    const t = job.T - k * h;
    const alpha = Math.exp(-t);
    for (let j = 0; j < K; j++) {
      const v = alpha * alpha * variances[j] + 1 - alpha * alpha;
      inv[j] = 1 / v;
      logc[j] = Math.log(weights[j]) - 0.5 * d * Math.log(v);
      for (let a = 0; a < d; a++) mu[j * d + a] = alpha * means[j][a];
    }
    fillNormal(z, uniform);
    const noise = Math.sqrt(2 * h);
    for (let i = 0; i < n; i++) {
      const row = i * d;
      let max = -Infinity;
      for (let j = 0; j < K; j++) {
        let r2 = 0;
        for (let a = 0; a < d; a++) {
          const e = x[row + a] - mu[j * d + a];
          r2 += e * e;
        }
        logit[j] = logc[j] - 0.5 * r2 * inv[j];
        if (logit[j] > max) max = logit[j];
      }
      let total = 0;
      for (let j = 0; j < K; j++) {
        logit[j] = Math.exp(logit[j] - max);
        total += logit[j];
      }
      for (let a = 0; a < d; a++) {
        let score = 0;
        for (let j = 0; j < K; j++) score += logit[j] * inv[j] * (mu[j * d + a] - x[row + a]);
        x[row + a] += h * x[row + a] + 2 * h * (score / total) + noise * z[row + a];
      }
    }
  }
  return x;
}
