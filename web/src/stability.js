// Linear stability of a sampler's steps, from the core's own process values (inspect(): a(t), σ(t), f(t), g(t)² at
// the grid's times). DOM-free.
//
// The test equation [DER from docs/theory.md §1, score facts]: ∇² ln q_t ⪰ -I/v(t), v(t) = a(t)² c + σ(t)², where
// Cov ⪰ c I for every Gaussian piece of the data (c = 0 for any law, by Tweedie). Along the direction where the bound
// is attained the score is s = -y/v, and one step of each scheme multiplies y by an amplification factor A_k. A step is
// past the scheme's stability limit when A_k < -1: the step overshoots the stiffest direction and its error grows with
// alternating sign instead of being damped (the explicit-Euler condition 1 - L h ≥ -1, i.e. L h ≤ 2, with L the rate of
// the reverse drift's stiffest mode). A_k > 1 is not flagged: there the exact reverse flow itself expands.
//   reverse SDE, Euler–Maruyama (em, and pc's predictor em): A = 1 + h (f - g²/v)             (§1 EM)
//   probability-flow ODE, Euler (pf_euler): z = h (f - ½ g²/v), A = 1 + z                    (§7.5)
//                         Heun (pf_heun): A = 1 + z + z²/2 (explicit trapezoid: its real stability interval is
//                         z ∈ [-2, 0], so Heun is past its limit where z < -2)
//   exponential integrator (ei): A = a(t')/a(t) - a(t') W/v,  W = ∫_{t'}^{t} g²/a           (§1 EI, general process)
//   DDPM ancestral (ddpm): A = (1 - β/v)/√(1 - β),  1 - β = (a(t)/a(t'))²                       (§7.2)
//   annealed Langevin (ald): A = 1 - ε_k/v, ε_k = step_size σ(t_k)²/σ(δ)²                      (§7.6)
// v and the score are taken at the step's left end t (the scheme freezes the score there). DDIM and DPM-Solver++ write
// the step in data prediction, whose first-order part has no such limit; CLD's state (x, v) is not checked.

// How many sub-intervals per step the integral W of the exponential integrator is computed on.
export const subdivisions = 8;

const families = { em: 'euler_sde', pf_euler: 'euler_ode', pf_heun: 'heun_ode', ei: 'exponential', ddpm: 'ddpm', ald: 'langevin' };

export const limitText = {
  euler_sde: 'Euler–Maruyama: 1 + h (f − g²/v) ≥ −1',
  euler_ode: 'Euler on the probability-flow ODE: 1 + h (f − g²/2v) ≥ −1',
  heun_ode: 'Heun on the probability-flow ODE: z = h (f − g²/2v) ≥ −2 (where |1 + z + z²/2| ≤ 1)',
  exponential: 'exponential integrator: a(t′)/a(t) − a(t′) ∫g²/a / v ≥ −1',
  ddpm: 'DDPM: (1 − β/v)/√(1 − β) ≥ −1',
  langevin: 'Langevin step: 1 − ε/v ≥ −1',
};

// The scheme whose limit applies to a sampler (pc: its predictor's), or null when none is checked.
export function schemeOf(config) {
  const sampler = typeof config.sampler === 'string' ? { kind: config.sampler } : config.sampler;
  if (sampler.kind === 'pc') return schemeOf({ sampler: sampler.predictor ?? 'em' });
  return families[sampler.kind] ?? null;
}

// The inspect() request for an experiment: the grid's times, each step cut into `subdivisions` pieces.
export function stabilityTimes(grid) {
  const times = [];
  for (let k = 0; k + 1 < grid.length; k++) {
    for (let j = 0; j < subdivisions; j++) times.push(grid[k] + ((grid[k + 1] - grid[k]) * j) / subdivisions);
  }
  times.push(grid[grid.length - 1]);
  return times;
}

// ∫ y over [x0, x1] for y positive and locally exponential (VP-type g²/a grows like e^{B/2}): the logarithmic mean.
function exponentialPiece(y0, y1, width) {
  if (!(y0 > 0 && y1 > 0) || Math.abs(y1 / y0 - 1) < 1e-9) return 0.5 * (y0 + y1) * width;
  return ((y1 - y0) / Math.log(y1 / y0)) * width;
}

// inspection: the result of inspect() at stabilityTimes(grid); c: the data's variance bound (targets.js).
// Returns {scheme, steps: [{k, t, h, amplification}], worst, unstable}, or {scheme: null} when no limit is checked.
export function stabilityOf(inspection, c) {
  const scheme = schemeOf(inspection.config);
  if (!scheme || !inspection.process.std.length) return { scheme: null, steps: [], unstable: [] };
  const { mean_coeff: a, std: sigma, drift_rate: f, diffusion_sq: g2 } = inspection.process;
  const sampler = inspection.config.sampler;
  const last = sigma.length - 1;
  const steps = [];
  for (let k = 0; k < last; k += subdivisions) {
    const next = k + subdivisions;
    const t = inspection.times[k];
    const h = t - inspection.times[next];
    const v = a[k] * a[k] * c + sigma[k] * sigma[k];
    let amplification;
    let past; // whether the step is past the limit
    if (scheme === 'euler_sde') amplification = 1 + h * (f[k] - g2[k] / v);
    else if (scheme === 'euler_ode' || scheme === 'heun_ode') {
      const z = h * (f[k] - (0.5 * g2[k]) / v);
      amplification = scheme === 'euler_ode' ? 1 + z : 1 + z + 0.5 * z * z;
      if (scheme === 'heun_ode') past = z < -2; // |1 + z + z²/2| > 1 for real z < -2, where the exact flow contracts
    } else if (scheme === 'exponential') {
      let W = 0;
      for (let j = k; j < next; j++) {
        W += exponentialPiece(g2[j + 1] / a[j + 1], g2[j] / a[j], inspection.times[j] - inspection.times[j + 1]);
      }
      amplification = a[next] / a[k] - (a[next] * W) / v;
    } else if (scheme === 'ddpm') {
      const alpha = (a[k] / a[next]) ** 2;
      amplification = (1 - (1 - alpha) / v) / Math.sqrt(alpha);
    } else {
      const epsilon = (sampler.step_size * sigma[k] ** 2) / sigma[last] ** 2;
      amplification = 1 - epsilon / v;
    }
    steps.push({ k: k / subdivisions, t, h, amplification, past: past ?? !(amplification >= -1) });
  }
  const unstable = steps.filter((s) => s.past);
  const larger = (w, s) => (Math.abs(s.amplification) > Math.abs(w.amplification) ? s : w);
  const lower = (w, s) => (s.amplification < w.amplification ? s : w);
  const worst = unstable.length ? unstable.reduce(larger) : steps.reduce(lower);
  return { scheme, steps, worst, unstable };
}
