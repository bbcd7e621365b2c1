// Numbers and sentences the page shows (DOM-free).

export const formatNumber = (x, digits = 3) =>
  (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));

export const formatCount = (n) => (n >= 1e6 ? `${formatNumber(n / 1e6)} million` : n >= 1e4 ? `${formatNumber(n / 1e3)} thousand` : String(n));

// The run's summary: the measured sliced W2 and, when it is below its Monte Carlo floor, what that means.
export function runSummary(count, metrics, evaluations) {
  const w2 = metrics.sliced_w2;
  const floor = metrics.sliced_w2_floor;
  const atFloor = w2 <= floor
    ? ' — below the Monte Carlo floor: two exact samples of this size are as far apart, so what remains is sampling noise of the estimate, not an error of the sampler'
    : '';
  return `n = ${count}: sliced W2 to q_δ = ${formatNumber(w2)} (Monte Carlo floor ${formatNumber(floor)})${atFloor}; `
    + `${formatCount(evaluations)} score evaluations`;
}

// The fitted slopes of one metric, with the steps past a stability limit named as a caveat.
// slopes: the sweep result's slopes; unstableSteps: {sampler: [N, …]} of step counts past the sampler's limit.
export function slopesSummary(slopes, metric, unstableSteps, runsDone, runs) {
  const mine = slopes.filter((s) => s.metric === metric);
  const progress = `(${runsDone}/${runs} runs)`;
  if (!mine.length) return `${runsDone}/${runs} runs`;
  const fitted = mine.map((s) => `${s.sampler} ${s.slope.toFixed(2)} [${s.lower.toFixed(2)}, ${s.upper.toFixed(2)}]`).join('; ');
  const caveats = mine.filter((s) => unstableSteps[s.sampler]?.length)
    .map((s) => `${s.sampler} is fitted through N = ${unstableSteps[s.sampler].join(', ')}, past its stability limit`);
  const caveat = caveats.length ? `. Caveat: ${caveats.join('; ')}; the slope there is not the sampler's order` : '';
  return `fitted slopes of ${metric.replace('_', ' ')} against N: ${fitted} ${progress}${caveat}`;
}

// A stability warning for one run: the worst step past the limit, with the limit's formula.
export function stabilityWarning(sampler, stability, limit) {
  if (!stability.unstable.length) return '';
  const w = stability.worst;
  return `${sampler}: ${stability.unstable.length} of ${stability.steps.length} steps are past the stability limit `
    + `(${limit}); the worst, step ${w.k + 1} at t = ${formatNumber(w.t)} with h = ${formatNumber(w.h)}, multiplies the `
    + `stiffest direction's error by ${formatNumber(w.amplification)}. Take more steps or a shorter horizon T.`;
}

// The cost of a page run in score evaluations: the animation plus every run of the sweep.
// Values that are not positive integers count as 0 (the run will refuse them anyway).
export function costOf(state, samplers, evaluationsPerStep) {
  const count = (n) => (Number.isInteger(n) && n > 0 ? n : 0);
  const animation = count(state.particles) * count(state.steps) * evaluationsPerStep(state.sampler);
  const sweepSteps = state.sweep.map(count).reduce((a, b) => a + b, 0);
  const perParticle = samplers.reduce((sum, s) => sum + sweepSteps * evaluationsPerStep(s), 0);
  const sweep = perParticle * count(state.sweepParticles) * count(state.replicates);
  return { animation, sweep, total: animation + sweep };
}

// The core's work and memory estimate of a run (sgm.estimate: {work, bytes, within, limits}) in one sentence, with this
// build's limits; a run beyond them is refused by the core with a message naming the fields that drive its cost.
export function coreEstimateText(estimate) {
  const bytes = (b) => (b >= 1e9 ? `${formatNumber(b / 1e9)} GB` : `${formatNumber(b / 1e6)} MB`);
  const operations = (n) => n.toExponential(2);
  const limits = `${operations(estimate.limits.work)} operations, ${bytes(estimate.limits.bytes)}`;
  return `The core estimates ${operations(estimate.work)} operations and ${bytes(estimate.bytes)} for the animated run`
    + (estimate.within ? ` (this page's limits: ${limits}).` : `, beyond this page's limits (${limits}): it would be refused.`);
}
