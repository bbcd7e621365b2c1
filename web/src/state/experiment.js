// From the page's state to the documents the core receives: the experiment JSON of the animation (the same document
// `sgm run` reads) and the sweep document of the convergence plot (`sgm sweep`). The horizon T and early stop δ are
// the process's own defaults unless the state sets them (docs/theory.md §7.9: VP-type processes run on [δ, 1], OU on
// [δ, 5]). DOM-free.
import { entryOf } from './catalogue.js';
import { PageError } from './query.js';
import { targetLabels, targetSpec } from './targets.js';

// The page's limit on particles (the core allows more; a page run of 10^6 particles is already a long one).
export const maxParticles = 1_000_000;

// Values of required score parameters the catalogue gives no default for.
const scoreDefaults = { epsilon: 0.1 };

export function horizonOf(state, catalogue) {
  const process = entryOf(catalogue, 'process', state.process);
  return { T: state.T ?? process.T, delta: state.delta ?? process.delta };
}

// A component as the core takes it: its name alone, or {kind, ...parameters} when parameters are set.
function component(name, options, defaults = {}) {
  const values = { ...defaults, ...options };
  return Object.keys(values).length ? { kind: name, ...values } : name;
}

// The required score parameters' values: the page's own (scoreDefaults) or supplied with the catalogue (pageCatalogue:
// a learned score's weights).
function scoreDefaultsOf(catalogue, name) {
  const required = (entryOf(catalogue, 'score', name)?.parameters ?? []).filter((p) => p.required);
  return Object.fromEntries(required.filter((p) => 'supplied' in p || p.name in scoreDefaults)
    .map((p) => [p.name, 'supplied' in p ? p.supplied : scoreDefaults[p.name]]));
}

export function experimentOf(state, catalogue, overrides = {}) {
  return {
    description: `page: ${targetLabels[state.target] ?? state.target}`,
    target: targetSpec(state.target, state.options.target),
    process: component(state.process, state.options.process),
    grid: component(state.grid, state.options.grid),
    sampler: component(state.sampler, state.options.sampler),
    score: component(state.score, state.options.score, scoreDefaultsOf(catalogue, state.score)),
    steps: state.steps,
    ...horizonOf(state, catalogue),
    particles: state.particles,
    seed: state.seed,
    // auto (the page's default): float32 where the run has a SIMD kernel (exact score; Gaussian, mixture, point cloud
    // or product target; a one-step sampler), float64 elsewhere; its samples differ from float64's by float rounding,
    // and sampling 10^6 particles is several times faster. A run whose float32 particles overflow is run again in
    // float64 (ui/app.js withFloat64Fallback). float64 is the core's reference.
    precision: state.precision,
    metrics: ['sliced_w2', 'sliced_w2_floor'],
    ...overrides,
  };
}

// Throws a PageError naming the control when a value only the page checks is out of its range.
export function checkPageParameters(state) {
  const counts = state.sweep;
  if (counts.length < 2 || !counts.every((n) => Number.isInteger(n) && n >= 1 && n <= 100000)) {
    throw new PageError('sweep', `plot: step counts = "${counts.join(',')}" is out of range: must be at least two integers in [1, 100000]`);
  }
  for (const [key, label] of [['particles', 'particles n'], ['sweepParticles', 'plot: particles']]) {
    const n = state[key];
    if (Number.isInteger(n) && n > maxParticles) {
      throw new PageError(key, `${label} = ${n} is out of range: the page runs at most ${maxParticles} particles (the CLI more)`);
    }
  }
}

// Where a field of the core's documents appears on the page: the control a message about it must name. The sweep
// document carries the plot's particles and step counts.
const sweepFields = { particles: 'sweepParticles', 'sweep.values': 'sweep', 'sweep.replicates': 'replicates' };

// The control a core message is about ("sampler.eta = 3 is out of range…" → 'sampler.eta'), and the message with the
// core's field replaced by the control's label. `labels` maps control keys to labels; `document` is 'run' or 'sweep'.
export function attributeMessage(message, document, labels) {
  const field = /^([A-Za-z_][\w.]*?)(?=[ :=]|$)/.exec(message)?.[1] ?? '';
  const candidates = [document === 'sweep' ? sweepFields[field] : undefined, field, field.split('.')[0]];
  const control = candidates.find((k) => k && labels[k] !== undefined) ?? '';
  if (!control) return new PageError('', message);
  return new PageError(control, `${labels[control]}${message.slice(field.length)}`);
}
