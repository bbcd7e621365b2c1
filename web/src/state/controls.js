// The controls a state offers, generated from the catalogue (DOM-free; ui/controls.js draws them): each chosen entry of
// a registry with its parameters (name, meaning, default, allowed range), the run's numbers and the plot's. A control
// is {key, label, group, kind: 'select' | 'text' | 'checkbox', options?, value, placeholder?, help}; `key` is the
// state's (and the URL's) key.
import { choicesOf, entryOf, samplersOf } from './catalogue.js';
import { editableParameters, formatComponentValue, formatPageValue, pageParameters } from './query.js';
import { requiredValues, targetLabels } from './targets.js';
import { horizonOf } from './experiment.js';

export const processLabels = {
  ou: 'Ornstein–Uhlenbeck',
  vp: 'variance-preserving (VP)',
  vp_cosine: 'variance-preserving, cosine schedule',
  subvp: 'sub-VP',
  ve: 'variance-exploding (VE)',
  cld: 'critically damped Langevin (CLD)',
};

// Controls shown in embed mode unless the URL's `show` names others.
export const embedControls = ['target', 'sampler', 'steps'];

const page = Object.fromEntries(pageParameters.map((p) => [p.key, p]));

function nameControl(catalogue, state, key, group) {
  const names = choicesOf(catalogue, key, state);
  const labelOf = key === 'target' ? (n) => targetLabels[n] ?? n : key === 'process' ? (n) => processLabels[n] ?? n : (n) => n;
  return {
    key, group, kind: 'select', label: page[key].label, value: state[key],
    options: names.map((n) => ({ value: n, label: labelOf(n), title: entryOf(catalogue, key, n).meaning })),
    help: entryOf(catalogue, key, state[key]).meaning,
  };
}

function parameterControls(catalogue, state, component, group) {
  return editableParameters(catalogue, component, state[component]).map((p) => {
    const key = `${component}.${p.name}`;
    const set = state.options[component][p.name];
    const fallback = p.default ?? requiredValues[state.target]?.[p.name] ?? (component === 'score' ? 0.1 : undefined);
    const shown = set ?? fallback;
    const control = { key, group, label: `${component}: ${p.name}`, help: `${p.meaning}${p.allowed ? ` (${p.allowed})` : ''}` };
    if (p.type === 'boolean') return { ...control, kind: 'checkbox', value: shown === true };
    if (p.type === 'choice' || p.type === 'spec') {
      const names = p.type === 'choice' ? p.choices : choicesOf(catalogue, 'sampler', state).filter((n) => !['pc', 'ald'].includes(n));
      return { ...control, kind: 'select', value: String(shown), options: names.map((n) => ({ value: n, label: n })) };
    }
    return { ...control, kind: 'text', value: set === undefined ? '' : formatComponentValue(p, set),
      placeholder: shown === undefined ? '' : formatComponentValue(p, shown) };
  });
}

// A second sampler of the process's family, run from the same noise and shown beside the first ('' for none).
function compareControl(catalogue, state) {
  const names = choicesOf(catalogue, 'sampler', state);
  return { key: 'compare', group: 'sampler', kind: 'select', label: page.compare.label, value: state.compare,
    options: [{ value: '', label: 'none' }, ...names.map((n) => ({ value: n, label: n }))],
    help: 'a second sampler run from the same noise (same seed), shown beside the first' };
}

function pageControl(key, state, group, extra = {}) {
  return { key, group, kind: 'text', label: page[key].label, value: formatPageValue(page[key], state[key]), ...extra };
}

export function controlsOf(state, catalogue) {
  const { T, delta } = horizonOf(state, catalogue);
  return [
    nameControl(catalogue, state, 'target', 'data'),
    ...parameterControls(catalogue, state, 'target', 'data'),
    nameControl(catalogue, state, 'process', 'process'),
    ...parameterControls(catalogue, state, 'process', 'process'),
    pageControl('T', state, 'process', { placeholder: String(T), help: 'the horizon; empty: the process\'s default' }),
    pageControl('delta', state, 'process', { placeholder: String(delta), help: 'early stopping time; empty: the process\'s default' }),
    nameControl(catalogue, state, 'grid', 'sampler'),
    ...parameterControls(catalogue, state, 'grid', 'sampler'),
    nameControl(catalogue, state, 'sampler', 'sampler'),
    ...parameterControls(catalogue, state, 'sampler', 'sampler'),
    compareControl(catalogue, state),
    nameControl(catalogue, state, 'score', 'sampler'),
    ...parameterControls(catalogue, state, 'score', 'sampler'),
    pageControl('steps', state, 'run', { help: 'number of steps N of the animated run' }),
    pageControl('particles', state, 'run', { help: 'particles of the animated run (at most 10^6)' }),
    pageControl('seed', state, 'run', { help: 'the seed of every random draw' }),
    { key: 'precision', group: 'run', kind: 'select', label: page.precision.label, value: state.precision,
      options: page.precision.options.map((value) => ({ value, label: value })),
      help: 'auto: the float32 SIMD kernel where the run has one (equal up to float rounding, sampling several times '
        + 'faster), float64 elsewhere, and again in float64 if float32 overflows; float64: the reference; float32: the '
        + 'kernel, or an error where there is none' },
    pageControl('sweep', state, 'plot', { help: 'step counts N of the convergence plot, comma separated' }),
    pageControl('sweepParticles', state, 'plot', { help: 'particles per run of the convergence plot' }),
    pageControl('replicates', state, 'plot', { help: 'independent seeds per point (its 95% interval)' }),
  ];
}

// Whether a control is shown: `hide` hides any control (a registry name hides its parameters too); embed mode shows
// only embedControls and those named by `show`.
export function visible(control, state) {
  const owner = control.key.split('.')[0];
  if (state.hide.includes(control.key) || state.hide.includes(owner) || state.hide.includes('controls')) return false;
  if (!state.embed) return true;
  return embedControls.includes(control.key) || state.show.includes(control.key) || state.show.includes(owner);
}

// The labels of every control a state may show, for messages naming them (experiment.js attributeMessage).
export const labelsOf = (state, catalogue) =>
  Object.fromEntries(controlsOf(state, catalogue).map((c) => [c.key, c.label]));

// The state after the user chose another entry for `key`: that entry's parameters start at their defaults; a process
// brings its own T and δ and, when the sampler is not of its family, its default sampler.
export function afterChoice(state, key, catalogue) {
  const next = structuredClone(state);
  next.options[key] = {};
  if (key === 'process') {
    next.T = null;
    next.delta = null;
    const process = entryOf(catalogue, 'process', next.process);
    if (!samplersOf(catalogue, process).some((e) => e.name === next.sampler)) {
      next.sampler = process.default_sampler;
      next.options.sampler = {};
    }
    if (!samplersOf(catalogue, process).some((e) => e.name === next.compare)) next.compare = '';
  }
  return next;
}
