// What the convergence plots run and show for a state (DOM-free): the samplers compared, the W2 plot's series
// (measured sliced W2 with intervals, the exact W2 for a Gaussian target, the Monte Carlo floor), the KL plot's series
// (measured or exact KL(q_δ ‖ output) beside the certified bound and Benton et al.'s published bound), and the metrics
// and bounds the sweep must compute.
import { entryOf, samplersOf } from './state/catalogue.js';
import { dimensionOf, targetSpec } from './state/targets.js';

// Okabe–Ito: distinguishable with the common colour-vision deficiencies (and on a dark background).
export const colours = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#cc79a7', '#d55e00'];
export const floorColour = '#999999';

const sweepSamplers = ['ei', 'em']; // the two first-order samplers of Chen et al. and Bruno–Sabanis, always compared

export function samplersCompared(state, catalogue) {
  const family = samplersOf(catalogue, entryOf(catalogue, 'process', state.process)).map((e) => e.name);
  const chosen = [state.sampler, state.compare].filter(Boolean); // compare: '' when off
  return [...new Set([...sweepSamplers.filter((s) => family.includes(s)), ...chosen])];
}

export function sweepPlan(state, catalogue) {
  const samplers = samplersCompared(state, catalogue);
  const spec = targetSpec(state.target, state.options.target);
  const process = entryOf(catalogue, 'process', state.process);
  // The output law is Gaussian (exact metrics apply) for a Gaussian target, samplers that keep it Gaussian
  // (exact_law.hpp) and a score that stays affine (a bias does; a field or noise error does not).
  const exact = spec.kind === 'gaussian' && ['exact', 'bias'].includes(state.score)
    && samplers.every((s) => entryOf(catalogue, 'sampler', s).capabilities.gaussian_preserving);
  const estimable = dimensionOf(spec) <= 2; // the k-NN KL estimate is for d ≤ 2
  const bounded = process.capabilities.bounds; // the bounds are written for processes on R^d
  const w2 = [];
  const kl = [];
  samplers.forEach((sampler, i) => {
    const stroke = colours[i % colours.length];
    w2.push({ sampler, metric: 'sliced_w2', label: `${sampler}: sliced W2`, stroke, bars: true });
    if (exact) w2.push({ sampler, metric: 'exact_w2', label: `${sampler}: exact W2`, stroke, dash: [10, 4] });
    if (!bounded) return;
    if (exact) kl.push({ sampler, metric: 'exact_kl', label: `${sampler}: exact KL`, stroke });
    else if (estimable) kl.push({ sampler, metric: 'kl_estimate_reverse', label: `${sampler}: KL estimate`, stroke, bars: true });
    kl.push({ sampler, metric: 'certified_kl', label: `${sampler}: certified bound`, stroke, dash: [8, 3], bars: true, bound: true });
    // A published bound with its hidden constant shown as 1 can sit orders of magnitude above the rest: off at first.
    kl.push({ sampler, metric: 'benton_kl', label: `${sampler}: Benton et al. (C = 1)`, stroke, dash: [2, 3], bound: true, hidden: true });
  });
  w2.push({ sampler: samplers[0], metric: 'sliced_w2_floor', label: 'Monte Carlo floor', stroke: floorColour, dash: [6, 4], flat: true });
  const bounds = bounded ? ['certified_kl', 'benton_kl'] : [];
  const metrics = [...new Set([...w2, ...kl].map((s) => s.metric).filter((m) => !bounds.includes(m)))];
  // The metric whose fitted slopes are quoted: the exact W2 when there is one (no Monte Carlo noise).
  const slopeMetric = exact ? 'exact_w2' : 'sliced_w2';
  return { samplers, w2, kl, metrics, bounds, slopeMetric };
}
