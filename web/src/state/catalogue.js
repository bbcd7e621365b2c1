// Questions the page asks of the core's catalogue (sgm.catalogue(), the same JSON as `sgm list`): which entry a name or
// alias denotes, which samplers a process takes, and each entry's parameters with their types, defaults and ranges.
// DOM-free.
import { requiredValues } from './targets.js';

// The catalogue's lists, by the name the page's state uses for the chosen entry.
export const registries = { target: 'targets', process: 'processes', grid: 'grids', sampler: 'samplers', score: 'scores' };

// Whether the page can edit a parameter from a control: numbers, flags, choices and nested specs, and of the matrices
// only the points of `points` (typed as "x,y;x,y;…"). Vectors, other matrices and documents (a learned score's weights)
// it cannot.
export const editable = (p) => ['integer', 'number', 'boolean', 'choice', 'spec'].includes(p.type) || (p.type === 'matrix' && p.name === 'points');

// The catalogue as the page offers it: every entry whose required parameters the page can edit from a control or
// supplies itself, so that every choice it offers runs. `supplied` maps a registry key ('target', 'score', …) to
// {entry name: {parameter: value}}: the targets' committed values (targets.js) and, once the page has trained or
// loaded a network, the learned score's weights document. A supplied value rides on its parameter as `supplied`.
export function pageCatalogue(catalogue, supplied = {}) {
  const given = { ...supplied, target: { ...requiredValues, ...supplied.target } };
  const out = { ...catalogue };
  for (const [key, list] of Object.entries(registries)) {
    const values = given[key] ?? {};
    const withSupplied = (e) => {
      const own = values[e.name] ?? {};
      const parameters = (e.parameters ?? []).map((p) => (p.name in own ? { ...p, supplied: own[p.name] } : p));
      return { ...e, parameters };
    };
    out[list] = catalogue[list]
      .map(withSupplied)
      .filter((e) => e.parameters.every((p) => !p.required || editable(p) || 'supplied' in p));
  }
  return out;
}

// The entry named `name` (or one of its aliases) in registry `key` ('target', 'process', …), or undefined.
export function entryOf(catalogue, key, name) {
  const list = Object.hasOwn(registries, key) ? catalogue[registries[key]] : [];
  return list.find((e) => e.name === name) ?? list.find((e) => (e.aliases ?? []).includes(name));
}

export const samplersOf = (catalogue, process) => catalogue.samplers.filter((e) => e.family === process.sampler_family);

// The names a control of registry `key` offers: samplers only those the process takes (its family).
export function choicesOf(catalogue, key, state) {
  if (key === 'sampler') return samplersOf(catalogue, entryOf(catalogue, 'process', state.process)).map((e) => e.name);
  return catalogue[registries[key]].map((e) => e.name);
}

export const parametersOf = (entry) => entry?.parameters ?? [];

// The range of a numeric parameter as the page can check it: {min, max, minOpen, maxOpen}, each bound optional.
export function rangeOf(parameter) {
  const r = parameter.range ?? {};
  return { min: r.min, max: r.max, minOpen: Boolean(r.min_open), maxOpen: Boolean(r.max_open) };
}

// Score evaluations per step of a sampler (its capabilities), for the cost estimate.
export const evaluationsPerStep = (catalogue, sampler) =>
  entryOf(catalogue, 'sampler', sampler)?.capabilities?.score_evaluations_per_step ?? 1;
