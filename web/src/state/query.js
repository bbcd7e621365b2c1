// The page's state and its URL. Every control is a query key, so any view can be linked or embedded:
//   page keys (the table below): target, process, grid, sampler, score, steps, particles, T, delta, seed, sweep, …;
//   component keys "<component>.<parameter>" for the chosen entry's parameters in the catalogue, e.g. sampler.eta=0.5,
//   process.beta_max=10, target.dim=4, score.epsilon=0.2, target.points=0,0;1,1.
// Values are parsed only as far as their type: a text that is not a number stays text, so the core can report the field
// ("steps: must be a number, got "abc""), with its own ranges. Names the catalogue does not know are the page's to
// report: parseQuery never throws; it returns the state (with the fallback for each bad value) and a PageError per
// problem, naming the control. DOM-free.
import { presetOf } from '../presets.js';
import { editable, entryOf, parametersOf, registries } from './catalogue.js';

export class PageError extends Error {
  // control: the state key of the control to highlight ('sampler', 'sampler.eta', 'sweepParticles', …) or ''.
  constructor(control, message) {
    super(message);
    this.name = 'PageError';
    this.control = control;
  }
}

// kind: 'name' (an entry of the catalogue) | 'int' | 'number' | 'optional' (a number or null: the process's default)
// | 'list' (numbers, comma separated) | 'flag' | 'keys' (control keys, comma separated) | 'word'.
export const pageParameters = [
  { key: 'target', kind: 'name', label: 'target', fallback: 'gmm' },
  { key: 'process', kind: 'name', label: 'process', fallback: 'ou' },
  { key: 'grid', kind: 'name', label: 'grid', fallback: 'uniform' },
  { key: 'sampler', kind: 'name', label: 'sampler', fallback: 'ei' },
  { key: 'score', kind: 'name', label: 'score model', fallback: 'exact' },
  { key: 'compare', kind: 'word', label: 'compare with', fallback: '' }, // a second sampler, run from the same noise
  { key: 'steps', kind: 'int', label: 'steps N', fallback: 100 },
  { key: 'particles', kind: 'int', label: 'particles n', fallback: 2000 },
  { key: 'T', kind: 'optional', label: 'horizon T', fallback: null },
  { key: 'delta', kind: 'optional', label: 'early stop δ', fallback: null },
  { key: 'seed', kind: 'int', label: 'seed', fallback: 1 },
  // The core's "precision" (experiment.js): auto by default, the float32 SIMD kernel where the run has one (a run
  // whose float32 particles overflow is run again in float64, ui/app.js).
  { key: 'precision', kind: 'word', label: 'precision', fallback: 'auto', options: ['auto', 'float64', 'float32'] },
  { key: 'sweep', kind: 'list', label: 'plot: step counts', fallback: [10, 20, 40, 80, 160] },
  { key: 'sweepParticles', kind: 'int', label: 'plot: particles', fallback: 4000 },
  { key: 'replicates', kind: 'int', label: 'plot: replicates', fallback: 3 },
  { key: 'embed', kind: 'flag', label: 'embed', fallback: false },
  { key: 'hide', kind: 'keys', label: 'hidden controls', fallback: [] },
  { key: 'show', kind: 'keys', label: 'shown controls (embed mode)', fallback: [] },
  { key: 'build', kind: 'word', label: 'build', fallback: 'auto', options: ['auto', 'simd', 'scalar'] },
  { key: 'preset', kind: 'word', label: 'paper preset', fallback: '' },
];

// Names of earlier versions of the page, still accepted in links.
const legacyNames = { target: { ring8: 'gmm' } };
const legacyKeys = { epsilon: 'score.epsilon' };

// A text becomes a number when it is one; otherwise it stays text (trimmed).
export function parseNumber(text) {
  const trimmed = String(text).trim();
  const value = Number(trimmed);
  return trimmed !== '' && Number.isFinite(value) ? value : trimmed;
}

// A value of a catalogue parameter (type integer, number, boolean, choice, spec, matrix) from its text.
export function parseComponentValue(parameter, text) {
  switch (parameter.type) {
    case 'integer':
    case 'number':
      return parseNumber(text);
    case 'boolean':
      return text === '1' || text === 'true' ? true : text === '0' || text === 'false' ? false : String(text);
    case 'matrix':
      return String(text).split(';').map((row) => row.split(',').map(parseNumber));
    default:
      return String(text);
  }
}

export function formatComponentValue(parameter, value) {
  if (parameter.type === 'matrix' && Array.isArray(value)) return value.map((row) => row.join(',')).join(';');
  if (parameter.type === 'boolean' && typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

export function parsePageValue(parameter, text) {
  switch (parameter.kind) {
    case 'int':
    case 'number':
      return parseNumber(text);
    case 'optional':
      return String(text).trim() === '' ? null : parseNumber(text);
    case 'list':
      return String(text).split(',').map(parseNumber);
    case 'keys':
      return String(text).split(',').map((k) => k.trim()).filter((k) => k !== '');
    case 'flag':
      return text === '' || text === '1' || text === 'true';
    default:
      return String(text);
  }
}

export function formatPageValue(parameter, value) {
  if (parameter.kind === 'list' || parameter.kind === 'keys') return value.join(',');
  if (parameter.kind === 'flag') return value ? '1' : '0';
  if (parameter.kind === 'optional') return value === null ? '' : String(value);
  return String(value);
}

// The catalogue parameters a chosen component offers as controls (vectors and matrices only where the page can type
// them: the points of `points`).
export function editableParameters(catalogue, component, name) {
  return parametersOf(entryOf(catalogue, component, name)).filter(editable);
}

export const defaultState = () => ({
  ...Object.fromEntries(pageParameters.map((p) => [p.key, structuredClone(p.fallback)])),
  options: Object.fromEntries(Object.keys(registries).map((k) => [k, {}])),
});

const pageParameter = new Map(pageParameters.map((p) => [p.key, p]));
const own = (object, key) => (Object.hasOwn(object, key) ? object[key] : undefined);

// {state, problems}: the state a query string describes and one PageError per value the page cannot use.
// A preset (?preset=id) supplies its own keys first; the URL's other keys override them.
export function parseQuery(search, catalogue) {
  const given = new URLSearchParams(search);
  const preset = presetOf(given.get('preset') ?? '');
  const query = new URLSearchParams(preset?.query ?? '');
  for (const key of new Set(given.keys())) {
    query.delete(key);
    for (const value of given.getAll(key)) query.append(key, value);
  }
  const state = defaultState();
  const problems = [];
  if (given.has('preset') && !preset) problems.push(new PageError('preset', `paper preset = "${given.get('preset')}" is unknown`));
  if (preset) state.preset = preset.id;
  const componentValues = [];
  for (const [rawKey, text] of query) {
    const key = own(legacyKeys, rawKey) ?? rawKey;
    const parameter = pageParameter.get(key);
    if (parameter?.kind === 'name') {
      const name = own(own(legacyNames, key) ?? {}, text) ?? text;
      const entry = entryOf(catalogue, key, name);
      if (entry) state[key] = entry.name;
      else problems.push(unknownName(catalogue, key, text));
    } else if (parameter?.options && !parameter.options.includes(text)) {
      problems.push(new PageError(key, `${key} = "${text}" is unknown: must be one of ${quoted(parameter.options)}`));
    } else if (key === 'preset') {
      continue; // expanded above
    } else if (parameter) {
      state[key] = parsePageValue(parameter, text);
    } else if (key.includes('.') && Object.hasOwn(registries, key.split('.')[0])) {
      componentValues.push([key, text]);
    } else {
      problems.push(new PageError('', `${rawKey}: unknown parameter (ignored)`));
    }
  }
  // The sampler must be one the process takes; when the URL names none, the process's default sampler.
  const process = entryOf(catalogue, 'process', state.process);
  const sampler = entryOf(catalogue, 'sampler', state.sampler);
  if (sampler.family !== process.sampler_family) {
    if (query.has('sampler')) {
      problems.push(new PageError('sampler', `sampler = "${sampler.name}" does not apply to process "${process.name}": `
        + `must be one of ${quoted(catalogue.samplers.filter((e) => e.family === process.sampler_family).map((e) => e.name))}`));
    }
    state.sampler = process.default_sampler;
  }
  // The sampler to compare with must be one the process takes too.
  const family = catalogue.samplers.filter((e) => e.family === process.sampler_family).map((e) => e.name);
  if (state.compare && !family.includes(state.compare)) {
    problems.push(new PageError('compare', `compare with = "${state.compare}" is not a sampler of process "${process.name}": `
      + `must be one of ${quoted(family)}`));
    state.compare = '';
  }
  for (const [key, text] of componentValues) {
    const [component, name] = key.split('.', 2);
    const parameter = editableParameters(catalogue, component, state[component]).find((p) => p.name === name);
    if (parameter) state.options[component][name] = parseComponentValue(parameter, text);
    else problems.push(new PageError(component, `${key}: ${component} "${state[component]}" has no parameter "${name}" (ignored)`));
  }
  return { state, problems };
}

function unknownName(catalogue, key, text) {
  const names = catalogue[registries[key]].map((e) => e.name);
  return new PageError(key, `${key} = "${text}" is unknown: must be one of ${quoted(names)}`);
}

const quoted = (names) => names.map((n) => `"${n}"`).join(', ');

// The query string of a state: only what differs from the fallbacks, so links stay short. A preset is written out as
// the keys it set (it is not kept as `preset=`: the controls may have changed since).
export function serialiseQuery(state, catalogue) {
  const query = new URLSearchParams();
  for (const p of pageParameters) {
    if (p.key === 'preset') continue;
    const text = formatPageValue(p, state[p.key]);
    if (text !== formatPageValue(p, p.fallback)) query.set(p.key, text);
  }
  for (const component of Object.keys(registries)) {
    const parameters = editableParameters(catalogue, component, state[component]);
    for (const [name, value] of Object.entries(state.options[component])) {
      const parameter = parameters.find((p) => p.name === name);
      if (parameter) query.set(`${component}.${name}`, formatComponentValue(parameter, value));
    }
  }
  const s = query.toString();
  return s ? `?${s}` : '';
}
