// The page's DOM-free modules (web/src/state/, plan.js, stability.js, format.js, presets.js) against the native CLI's
// catalogue and inspect(): what the URL means, what the core receives, what the plots run, and where a step is past a
// sampler's stability limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import { root } from '../node/load-module.mjs';
import { queryProperty } from '../../fuzz/url/query-property.mjs';
import { PageError, parseQuery, editableParameters } from '../../web/src/state/query.js';
import { attributeMessage, checkPageParameters, experimentOf } from '../../web/src/state/experiment.js';
import { pageCatalogue, registries } from '../../web/src/state/catalogue.js';
import { requiredValues, varianceLowerBound, targetSpec } from '../../web/src/state/targets.js';
import { sweepPlan } from '../../web/src/plan.js';
import { stabilityOf, stabilityTimes } from '../../web/src/stability.js';
import { presets } from '../../web/src/presets.js';
import { coreEstimateText, slopesSummary, runSummary } from '../../web/src/format.js';
import { afterChoice, controlsOf, labelsOf, visible } from '../../web/src/state/controls.js';

const cli = path.join(root, 'build/native/sgm');
function sgm(args, input) {
  const r = spawnSync(cli, args, { input: input && JSON.stringify(input), encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const catalogue = pageCatalogue(JSON.parse(sgm(['list']).stdout));
const inspect = (doc) => JSON.parse(sgm(['inspect', '-'], doc).stdout);

test('a process from the URL brings its own T and δ (?process=vp does not keep OU\'s T = 5)', () => {
  const { state, problems } = parseQuery('?process=vp', catalogue);
  assert.deepEqual(problems, []);
  const doc = experimentOf(state, catalogue);
  assert.equal(doc.T, 1);
  assert.equal(doc.delta, 0.001);
  assert.equal(experimentOf(parseQuery('?process=ve', catalogue).state, catalogue).delta, 1e-5);
  assert.equal(experimentOf(parseQuery('?process=vp&T=0.5', catalogue).state, catalogue).T, 0.5);
  // A process whose family does not take the default sampler gets its own default sampler (CLD: sscs).
  assert.equal(parseQuery('?process=cld', catalogue).state.sampler, 'sscs');
  // The page's precision starts at auto: the float32 kernels where the run has them (ui/app.js falls back to float64
  // when their particles overflow; tests/browser/page.test.mjs).
  assert.equal(doc.precision, 'auto');
  assert.equal(experimentOf(parseQuery('?precision=float64', catalogue).state, catalogue).precision, 'float64');
});

test('every target, process, sampler, grid and score of the catalogue is reachable by URL and the core accepts it', () => {
  for (const [component, list] of Object.entries(registries)) {
    for (const entry of catalogue[list]) {
      const process = component === 'sampler' ? catalogue.processes.find((p) => p.sampler_family === entry.family).name : 'ou';
      const { state, problems } = parseQuery(`?${component}=${entry.name}&process=${component === 'process' ? entry.name : process}`, catalogue);
      assert.deepEqual(problems, [], `${component}=${entry.name}`);
      assert.equal(state[component], entry.name);
      const doc = experimentOf(state, catalogue, { steps: 4, particles: 20, metrics: ['mean_error'] });
      const r = sgm(['inspect', '-'], doc);
      assert.equal(r.status, 0, `${JSON.stringify(doc)}: ${r.stderr}`);
    }
  }
});

test('component parameters come from the catalogue, typed; unknown names and parameters are PageErrors naming the control', () => {
  const { state, problems } = parseQuery('?sampler=ddim&sampler.eta=0.5&target=double_well&target.dim=4&target.points=1', catalogue);
  assert.equal(state.options.sampler.eta, 0.5);
  assert.equal(state.options.target.dim, 4);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].control, 'target');
  const bad = parseQuery('?sampler=nonsense&target=ring8&epsilon=0.3&score=bias', catalogue);
  assert.equal(bad.state.sampler, 'ei');
  assert.equal(bad.state.target, 'gmm'); // the earlier page's name
  assert.equal(bad.state.options.score.epsilon, 0.3);
  assert.ok(bad.problems[0] instanceof PageError);
  assert.equal(bad.problems[0].control, 'sampler');
  assert.match(bad.problems[0].message, /sampler = "nonsense" is unknown: must be one of .*"ei"/);
  // The points of the empirical target are typed "x,y;x,y".
  const points = parseQuery('?target=points&target.points=0,1;2,-3.5', catalogue).state;
  assert.deepEqual(experimentOf(points, catalogue).target, { kind: 'points', points: [[0, 1], [2, -3.5]] });
  // Every editable parameter has a type the page can parse.
  for (const [component, list] of Object.entries(registries)) {
    for (const entry of catalogue[list]) assert.ok(Array.isArray(editableParameters(catalogue, component, entry.name)));
  }
});

test('the core\'s messages name the control the user touched', () => {
  const labels = { particles: 'particles n', sweepParticles: 'plot: particles', sweep: 'plot: step counts', 'sampler.eta': 'sampler: eta', sampler: 'sampler' };
  const e = attributeMessage('particles = -1 is out of range: must be an integer in [1, 10000000]', 'sweep', labels);
  assert.equal(e.control, 'sweepParticles');
  assert.equal(e.message, 'plot: particles = -1 is out of range: must be an integer in [1, 10000000]');
  assert.equal(attributeMessage('particles = -1 is out of range', 'run', labels).control, 'particles');
  assert.equal(attributeMessage('sampler.eta = 3 is out of range: must be a number in [0, 1]', 'run', labels).message,
    'sampler: eta = 3 is out of range: must be a number in [0, 1]');
  assert.equal(attributeMessage('sweep.values = 0 is out of range', 'sweep', labels).control, 'sweep');
  assert.equal(attributeMessage('experiment: unknown field', 'run', labels).control, '');
  assert.throws(() => checkPageParameters({ ...parseQuery('?particles=2000000', catalogue).state }), (x) => x.control === 'particles');
  assert.throws(() => checkPageParameters({ ...parseQuery('?sweep=5', catalogue).state }), (x) => x.control === 'sweep');
});

test('each preset parses without a problem and the core accepts its experiment', () => {
  for (const preset of presets) {
    const { state, problems } = parseQuery(`?preset=${preset.id}`, catalogue);
    assert.deepEqual(problems, [], preset.id);
    assert.equal(state.preset, preset.id);
    const doc = experimentOf(state, catalogue, { steps: 4, particles: 20, metrics: ['mean_error'] });
    assert.equal(sgm(['run', '-'], doc).status, 0, preset.id);
  }
  // A key of the URL overrides the preset's.
  assert.equal(parseQuery('?preset=chen&score.epsilon=0.5', catalogue).state.options.score.epsilon, 0.5);
});

test('the plan: exact curves for a Gaussian target, a KL estimate only for d ≤ 2, no bounds for CLD', () => {
  const gaussian = sweepPlan(parseQuery('?target=gaussian', catalogue).state, catalogue);
  assert.deepEqual(gaussian.samplers, ['ei', 'em']);
  assert.equal(gaussian.slopeMetric, 'exact_w2');
  assert.ok(gaussian.metrics.includes('exact_kl'));
  const high = sweepPlan(parseQuery('?target=double_well&target.dim=4&sampler=pf_heun', catalogue).state, catalogue);
  assert.deepEqual(high.samplers, ['ei', 'em', 'pf_heun']);
  assert.ok(!high.metrics.includes('kl_estimate_reverse'));
  const cld = sweepPlan(parseQuery('?process=cld', catalogue).state, catalogue);
  assert.deepEqual(cld.samplers, ['sscs']);
  assert.deepEqual(cld.bounds, []);
  assert.deepEqual(cld.kl, []);
});

test('Gershgorin lower bounds on the data variance: exact for the diagonal mixture, below λ_min for the Gaussian', () => {
  assert.equal(varianceLowerBound(targetSpec('gmm')), 0.09);
  const [[a, b], [, d]] = requiredValues.gaussian.covariance;
  const lambdaMin = (a + d) / 2 - Math.sqrt(((a - d) / 2) ** 2 + b * b); // closed form of the 2 × 2 eigenvalue
  assert.ok(varianceLowerBound(targetSpec('gaussian')) <= lambdaMin);
  assert.equal(varianceLowerBound(targetSpec('two_moons')), 0);
});

// The stability check against an independent value: the exponential integrator on OU with a point mass at 0 (c = 0)
// has the amplification A = e^h - 2(e^h - 1)/σ_t² in closed form (docs/theory.md §1 EI step with s = -y/σ_t²).
test('stability: the amplification of EI on OU matches its closed form; VP with T = 5 is far past the limit', () => {
  const base = { target: { kind: 'points', points: [[0, 0]] }, process: 'ou', T: 5, delta: 0.001, sampler: 'ei', steps: 5 };
  const grid = inspect(base).grid;
  const s = stabilityOf(inspect({ ...base, inspect: { times: stabilityTimes(grid) } }), 0);
  s.steps.forEach((step, k) => {
    const h = grid[k] - grid[k + 1];
    const exact = Math.exp(h) - (2 * Math.expm1(h)) / -Math.expm1(-2 * grid[k]);
    assert.ok(Math.abs(step.amplification - exact) < 1e-3 * Math.abs(exact), `step ${k}: ${step.amplification} vs ${exact}`);
  });
  // Euler–Maruyama on OU: A = 1 + h(1 - 2/σ_t²) exactly.
  const em = stabilityOf(inspect({ ...base, sampler: 'em', inspect: { times: stabilityTimes(grid) } }), 0);
  em.steps.forEach((step, k) => {
    const h = grid[k] - grid[k + 1];
    assert.ok(Math.abs(step.amplification - (1 + h * (1 - 2 / -Math.expm1(-2 * grid[k])))) < 1e-12);
  });
  // The example: ?process=vp with T = 5 gave sliced W2 = 1.9e13; every step count of the default plot is past.
  for (const steps of [10, 20, 40]) {
    const doc = { ...base, target: targetSpec('gmm'), process: 'vp', steps };
    const v = stabilityOf(inspect({ ...doc, inspect: { times: stabilityTimes(inspect(doc).grid) } }), 0.09);
    assert.ok(v.unstable.length > 0 && v.worst.amplification < -1, `N = ${steps}`);
  }
  // The default page (OU, T = 5, the mixture) is within the limit for N ≥ 10.
  for (const sampler of ['ei', 'em']) {
    const doc = { ...base, target: targetSpec('gmm'), sampler, steps: 10 };
    const times = stabilityTimes(inspect(doc).grid);
    assert.deepEqual(stabilityOf(inspect({ ...doc, inspect: { times } }), 0.09).unstable, []);
  }
});

test('summaries: the Monte Carlo floor is explained, and slopes through unstable points carry a caveat', () => {
  assert.match(runSummary(2000, { sliced_w2: 0.05, sliced_w2_floor: 0.06 }, 2e5), /below the Monte Carlo floor/);
  assert.doesNotMatch(runSummary(2000, { sliced_w2: 0.07, sliced_w2_floor: 0.06 }, 2e5), /floor:/);
  assert.doesNotMatch(runSummary(2000, { sliced_w2: 0.5, sliced_w2_floor: 0.06 }, 2e5), /floor:/);
  const slopes = [{ metric: 'sliced_w2', sampler: 'em', slope: -34.6, lower: -40, upper: -30 }];
  assert.match(slopesSummary(slopes, 'sliced_w2', { em: [5, 10] }, 3, 3), /Caveat: em is fitted through N = 5, 10, past its stability limit/);
  assert.doesNotMatch(slopesSummary(slopes, 'sliced_w2', {}, 3, 3), /Caveat/);
});

// The URL parser's fuzz property (fuzz/url/query-property.mjs), a fixed number of cases at a fixed seed.
test('property: random query strings never throw and valid states round-trip through the URL', () => {
  fc.assert(queryProperty(catalogue), { numRuns: 3000, seed: 8 });
});

test('choosing another process in the form brings its own T and δ and, outside its family, its default sampler', () => {
  const { state } = parseQuery('?process=vp&T=0.5&sampler=ddim&sampler.eta=0.3', catalogue);
  const ou = afterChoice({ ...state, process: 'ou' }, 'process', catalogue);
  assert.equal(ou.T, null);
  assert.equal(experimentOf(ou, catalogue).T, 5);
  assert.equal(ou.sampler, 'ddim'); // of OU's family too: kept, with its parameters
  assert.deepEqual(ou.options.sampler, { eta: 0.3 });
  const cld = afterChoice({ ...state, process: 'cld' }, 'process', catalogue);
  assert.equal(cld.sampler, 'sscs');
  assert.deepEqual(cld.options.sampler, {});
  assert.equal(experimentOf(cld, catalogue).T, 1);
  // Another sampler starts from its own defaults.
  assert.deepEqual(afterChoice({ ...state, sampler: 'em' }, 'sampler', catalogue).options.sampler, {});
});

test('the controls come from the catalogue: each chosen entry\'s parameters, labelled; embed mode and hide', () => {
  const { state } = parseQuery('?sampler=pc&target=double_well', catalogue);
  const keys = controlsOf(state, catalogue).map((c) => c.key);
  for (const key of ['sampler.predictor', 'sampler.corrector_steps', 'sampler.snr', 'target.dim', 'target.stiffness']) {
    assert.ok(keys.includes(key), key);
  }
  const labels = labelsOf(state, catalogue);
  assert.equal(labels.sweepParticles, 'plot: particles');
  assert.equal(labels['sampler.snr'], 'sampler: snr');
  const embed = parseQuery('?embed=1&show=seed&hide=steps', catalogue).state;
  const shown = controlsOf(embed, catalogue).filter((c) => visible(c, embed)).map((c) => c.key);
  assert.deepEqual(shown, ['target', 'sampler', 'seed']);
  const none = parseQuery('?hide=controls', catalogue).state;
  assert.equal(controlsOf(none, catalogue).filter((c) => visible(c, none)).length, 0);
});

test('compare mode: a second sampler of the same family, also plotted; another family\'s is a PageError', () => {
  const { state, problems } = parseQuery('?compare=pf_heun', catalogue);
  assert.deepEqual(problems, []);
  assert.deepEqual(sweepPlan(state, catalogue).samplers, ['ei', 'em', 'pf_heun']);
  const bad = parseQuery('?compare=sscs', catalogue);
  assert.equal(bad.problems[0].control, 'compare');
  assert.equal(bad.state.compare, '');
});

test('the core\'s estimate of a run, in the page\'s words, with the limits of the WebAssembly build', () => {
  const doc = { target: { kind: 'gaussian', mean: [0], covariance: [[1]] }, particles: 1000, steps: 100 };
  const estimate = JSON.parse(sgm(['estimate', '-'], doc).stdout);
  const wasmLimits = { ...estimate, limits: { work: 1e12, bytes: 1e9 } };
  const text = coreEstimateText(wasmLimits);
  assert.match(text, /^The core estimates [0-9.]+e\+[0-9]+ operations and [0-9.]+ MB for the animated run/);
  assert.ok(text.endsWith(" (this page's limits: 1.00e+12 operations, 1 GB)."), text);
  assert.ok(text.includes(estimate.work.toExponential(2)));
  const beyond = coreEstimateText({ ...wasmLimits, within: false, bytes: 4.6e10 });
  assert.ok(beyond.endsWith("46 GB for the animated run, beyond this page's limits (1.00e+12 operations, 1 GB): it would be refused."),
    beyond);
});

