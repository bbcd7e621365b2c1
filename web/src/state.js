// One typed table of the page's parameters. It drives the URL (every parameter is a query key, so any view can be
// linked or embedded), the controls, and the experiment JSON sent to the core. Values are parsed here only as far
// as their type; ranges are checked by the core, whose message (naming the field, its value and the allowed range)
// the page shows as it is, so that the page, the CLI and the tests share one set of rules.
import gmm2d from '../../examples/gmm2d.json';
import gaussian2d from '../../examples/gaussian2d.json';

// Targets offered by the page: the committed examples, so the page and the CLI run the same experiments.
export const presets = {
  ring8: { label: '8-mode Gaussian mixture on a ring', target: gmm2d.target },
  gaussian: { label: 'correlated 2-D Gaussian', target: gaussian2d.target },
};

// kind: 'choice' | 'int' | 'number' | 'list' | 'flag'.  embed: shown in embed mode.  options: for choices (filled
// from the core's catalogue where it names them).
export const parameters = [
  { key: 'target', kind: 'choice', label: 'target', fallback: 'ring8', options: Object.keys(presets), embed: true },
  { key: 'sampler', kind: 'choice', label: 'sampler', fallback: 'ei', catalogue: 'samplers', embed: true },
  { key: 'process', kind: 'choice', label: 'process', fallback: 'ou', catalogue: 'processes' },
  { key: 'grid', kind: 'choice', label: 'grid', fallback: 'uniform', catalogue: 'grids' },
  { key: 'score', kind: 'choice', label: 'score', fallback: 'exact', catalogue: 'scores' },
  { key: 'epsilon', kind: 'number', label: 'score error ε', fallback: 0.1 },
  { key: 'steps', kind: 'int', label: 'steps N', fallback: 100, embed: true },
  { key: 'particles', kind: 'int', label: 'particles n', fallback: 2000 },
  { key: 'T', kind: 'number', label: 'horizon T', fallback: 5 },
  { key: 'delta', kind: 'number', label: 'early stop δ', fallback: 0.001 },
  { key: 'seed', kind: 'int', label: 'seed', fallback: 1 },
  { key: 'sweep', kind: 'list', label: 'plot: step counts', fallback: [5, 10, 20, 40, 80, 160] },
  { key: 'sweepParticles', kind: 'int', label: 'plot: particles', fallback: 4000 },
  { key: 'replicates', kind: 'int', label: 'plot: replicates', fallback: 3 },
  { key: 'embed', kind: 'flag', label: 'embed', fallback: false, hidden: true },
  { key: 'build', kind: 'choice', label: 'build', fallback: 'auto', options: ['auto', 'simd', 'scalar'], hidden: true },
];

// A text value becomes a number when it is one; otherwise it stays text, so that the core reports the field as
// "must be a number, got "abc"" rather than the page guessing a default.
function parseNumber(text) {
  const trimmed = String(text).trim();
  const value = Number(trimmed);
  return trimmed !== '' && Number.isFinite(value) ? value : trimmed;
}

export function parseValue(parameter, text) {
  switch (parameter.kind) {
    case 'int':
    case 'number':
      return parseNumber(text);
    case 'list':
      return String(text).split(',').map(parseNumber);
    case 'flag':
      return text === '' || text === '1' || text === 'true';
    default:
      return String(text);
  }
}

export function formatValue(parameter, value) {
  if (parameter.kind === 'list') return value.join(',');
  if (parameter.kind === 'flag') return value ? '1' : '0';
  return String(value);
}

export function stateFromUrl(search) {
  const query = new URLSearchParams(search);
  const state = {};
  for (const p of parameters) state[p.key] = query.has(p.key) ? parseValue(p, query.get(p.key)) : p.fallback;
  return state;
}

// The query string of a state: only the parameters that differ from their fallback, so links stay short.
export function urlFromState(state) {
  const query = new URLSearchParams();
  for (const p of parameters) {
    const text = formatValue(p, state[p.key]);
    if (text !== formatValue(p, p.fallback)) query.set(p.key, text);
  }
  const s = query.toString();
  return s ? `?${s}` : '';
}

// Throws an Error naming the parameter when a page-only parameter (not seen by the core) is out of its range.
export function checkPageParameters(state) {
  if (!presets[state.target]) {
    throw new Error(`target = "${state.target}" is unknown: must be one of ${Object.keys(presets).map((k) => `"${k}"`).join(', ')}`);
  }
  const counts = state.sweep;
  if (counts.length < 2 || !counts.every((n) => Number.isInteger(n) && n >= 1 && n <= 100000)) {
    throw new Error(`plot step counts = "${counts.join(',')}" is out of range: must be at least two integers in [1, 100000]`);
  }
}

// The experiment JSON the core receives (the same document `sgm run` reads).
export function experimentOf(state, overrides = {}) {
  return {
    description: `page: ${presets[state.target].label}`,
    target: presets[state.target].target,
    process: state.process,
    grid: state.grid,
    sampler: state.sampler,
    // The exact score, or the exact score plus an error of L2 size ε (docs/usage.md, "Score models").
    score: state.score === 'exact' ? 'exact' : { kind: state.score, epsilon: state.epsilon },
    steps: state.steps,
    T: state.T,
    delta: state.delta,
    particles: state.particles,
    seed: state.seed,
    metrics: ['sliced_w2', 'sliced_w2_floor'],
    ...overrides,
  };
}

// A square view [-L, L]^2 that holds the prior N(0, I) and the target, for the particle canvas.
export function viewRadius(target) {
  const means = target.kind === 'gmm' ? target.means : [target.mean];
  const covs = target.kind === 'gmm' ? target.covariances : [target.covariance];
  let reach = 3.5; // ±3.5 standard deviations of the standard Gaussian prior
  means.forEach((m, j) => {
    const spread = 3 * Math.sqrt(Math.max(covs[j][0][0], covs[j][1][1]));
    reach = Math.max(reach, Math.max(Math.abs(m[0]), Math.abs(m[1])) + spread);
  });
  return 1.1 * reach;
}
