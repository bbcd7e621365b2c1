// The "Learn the score" panel's questions, DOM-free: the point cloud a user pastes (lines "x, y") or draws, the
// training document (the one `sgm train` reads, io/sgm/io/learn_json.cpp) built from the panel's controls, how many
// steps each chunk of `Trainer.advance(k)` runs, when the measured error ε(t) is refreshed, and the curves' data.
import { targetSpec } from './targets.js';

// A drawn or pasted cloud has at most this many points: the exact score of the empirical law costs one term per point
// at every particle and step (a few thousand particles × 100 steps × 2000 points is already 10^9 terms).
export const maxCloudPoints = 2000;

// {points, problems}: the points of `text`, one "x, y" per line (a comma, semicolon or spaces between the two
// numbers; blank lines and lines starting with # are skipped), and one message per bad line naming it.
export function parsePointCloud(text) {
  const points = [];
  const problems = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = line.split(/\s*[,;]\s*|\s+/);
    const values = parts.map(Number);
    if (parts.length !== 2 || parts.some((p) => p === '') || !values.every(Number.isFinite)) {
      problems.push(`line ${i + 1}: "${line.length > 40 ? `${line.slice(0, 40)}…` : line}" is not "x, y" (two finite numbers)`);
    } else {
      points.push(values);
    }
  });
  if (!problems.length && points.length < 2) problems.push(`points: ${points.length} given, at least 2 are needed`);
  if (points.length > maxCloudPoints) problems.push(`points: ${points.length} given, at most ${maxCloudPoints}`);
  return { points, problems };
}

// The training target: the page's current target, or the drawn or pasted cloud as an empirical law ("points": its
// exact score is the score of the Gaussian-smoothed empirical measure, so the learned score's true error is known).
export function trainingTarget(source, pageTarget, points) {
  return source === 'page' ? pageTarget : targetSpec('points', { points });
}

// The panel's controls: key, label, kind ('integer' | 'number' | 'choice'), default, range or choices, and the field
// of the training document it sets. Defaults: examples/train-ring-fast.json, which meets the issue's quality target on
// the ring (docs/benchmarks.md: every mode within 10–15 %, sliced W2 1.3× the exact score's) with 32-wide hidden layers
// (2562 parameters instead of examples/train-ring.json's 9218) and 6000 steps instead of 8000.
export const trainingControls = [
  { key: 'width', label: 'hidden width', kind: 'integer', value: 32, min: 1, max: 256, help: 'units per hidden layer' },
  { key: 'depth', label: 'hidden layers', kind: 'integer', value: 3, min: 1, max: 8, help: 'number of hidden layers (SiLU)' },
  { key: 'frequencies', label: 'time features K', kind: 'integer', value: 4, min: 0, max: 32,
    help: 'Fourier features sin/cos(2^k π τ) of the time (τ = normalised ln σ(t))' },
  { key: 'steps', label: 'training steps', kind: 'integer', value: 6000, min: 1, max: 200000, help: 'Adam steps' },
  { key: 'batch', label: 'batch', kind: 'integer', value: 256, min: 1, max: 4096, help: 'samples per step' },
  { key: 'learning_rate', label: 'learning rate', kind: 'number', value: 0.003, min: 1e-6, max: 1, help: 'peak Adam rate η0' },
  { key: 'schedule', label: 'rate schedule', kind: 'choice', value: 'cosine', choices: ['cosine', 'linear', 'constant'],
    help: 'the learning rate over the steps (decays to 0, or constant)' },
  { key: 'time_sampling', label: 't-sampling', kind: 'choice', value: 'log_sigma', choices: ['log_sigma', 'uniform'],
    help: 'how training times are drawn: ln σ(t) uniform, or t uniform on [δ, T]' },
  { key: 'seed', label: 'training seed', kind: 'integer', value: 1, min: 0, max: 2 ** 32 - 1, help: 'initial weights, batches and noise' },
];

export const defaultTrainingValues = () => Object.fromEntries(trainingControls.map((c) => [c.key, c.value]));

// The allowed values of a control, in words.
export function allowedOf(control) {
  if (control.kind === 'choice') return `one of ${control.choices.join(', ')}`;
  return `${control.kind === 'integer' ? 'an integer' : 'a number'} in [${control.min}, ${control.max}]`;
}

// {values, problems}: the controls' texts read as values; each problem names its control's label and its range.
export function readTrainingValues(texts) {
  const values = {};
  const problems = [];
  for (const c of trainingControls) {
    const text = String(texts[c.key] ?? '').trim();
    if (text === '') {
      values[c.key] = c.value;
      continue;
    }
    const v = c.kind === 'choice' ? text : Number(text);
    const ok = c.kind === 'choice' ? c.choices.includes(v)
      : Number.isFinite(v) && v >= c.min && v <= c.max && (c.kind !== 'integer' || Number.isInteger(v));
    if (ok) values[c.key] = v;
    else problems.push({ key: c.key, message: `${c.label} = "${text}" is out of range: must be ${allowedOf(c)}` });
  }
  return { values, problems };
}

// The training document `sgm train` and the WebAssembly Trainer read, for `target` on the page's process (name or
// {kind, …}) with its horizon T and early stop δ.
export function trainingDocumentOf(values, target, { process, T, delta }) {
  return {
    description: 'trained in the page',
    target,
    process,
    T,
    delta,
    network: { widths: Array(values.depth).fill(values.width), frequencies: values.frequencies },
    batch: values.batch,
    steps: values.steps,
    learning_rate: values.learning_rate,
    schedule: values.schedule,
    time_sampling: values.time_sampling,
    seed: values.seed,
  };
}

// Chunk scheduling: the steps of the next advance(k), aiming at `target` seconds per chunk (the Stop button waits at
// most one chunk; the loss curve gets a point per chunk) from the last chunk's k and duration; k at most doubles from
// one chunk to the next (a slow first chunk, e.g. the JIT warming up, cannot make the next one run long) and never
// exceeds the steps left.
export function nextChunk(k, seconds, remaining, target = 0.05) {
  const scaled = seconds > 0 ? Math.floor((k * target) / seconds) : 2 * k;
  return Math.max(1, Math.min(scaled, 2 * k, 1000, remaining));
}

// The step counts after which ε(t) is measured again: `count` evenly spaced points, the last one the end.
export function refreshSteps(steps, count = 4) {
  return [...new Set(Array.from({ length: count }, (_, i) => Math.max(1, Math.round((steps * (i + 1)) / count))))];
}

// The loss curve for uPlot on a log y axis: [steps, loss] of the chunks whose mean loss is finite and positive.
export function lossCurve(chunks) {
  const kept = chunks.filter((c) => Number.isFinite(c.loss) && c.loss > 0);
  return [kept.map((c) => c.stepsDone), kept.map((c) => c.loss)];
}

// The mean loss of the first and the last `fraction` of the chunks (at least one each): has training lowered it?
export function lossTrend(chunks, fraction = 0.2) {
  const n = Math.max(1, Math.floor(chunks.length * fraction));
  const mean = (list) => list.reduce((s, c) => s + c.loss, 0) / list.length;
  return { first: mean(chunks.slice(0, n)), last: mean(chunks.slice(-n)) };
}

// The ε(t) curve for uPlot (times ascending, log axes): [t, ε, lower, upper] from Trainer.scoreError's table, and its
// aggregates as the bounds take them: sup_k ε(t_k) (Chen et al.'s ε_score) and Σ_k h_k ε(t_k)² (Benton et al.'s).
export function epsilonCurve(table) {
  const order = table.times.map((t, i) => i).filter((i) => table.times[i] > 0);
  order.sort((a, b) => table.times[a] - table.times[b]);
  const pick = (key) => order.map((i) => table[key][i]);
  return { data: [pick('times'), pick('epsilon'), pick('lower'), pick('upper')], sup: table.sup, weightedSquare: table.weighted_square };
}

// The metrics of the side-by-side runs: sliced W2 to q_δ with its floor, mode fractions for a mixture, and the
// distance to the nearest training point for a point cloud (memorisation).
export function comparisonMetrics(target) {
  const metrics = ['sliced_w2', 'sliced_w2_floor'];
  if (target.kind === 'gmm') metrics.push('mode_occupancy');
  if (target.kind === 'points') metrics.push('nearest_training_distance');
  return metrics;
}

// The experiment of one side of the comparison: the page's sampler, steps, particles and seed (so both sides use the
// same noise) on the training target and process, with the exact score or the learned one.
export function comparisonExperiment(pageExperiment, training, score) {
  return {
    ...pageExperiment,
    description: `page: ${score === 'exact' ? 'exact' : 'learned'} score of the trained target`,
    target: training.target,
    process: training.process,
    T: training.T,
    delta: training.delta,
    score,
    metrics: comparisonMetrics(training.target),
  };
}

// Whether the page's process can carry a learned score (a process on R^d: family "diffusion"); otherwise OU trains.
export function trainingProcessOf(processEntry, pageProcess) {
  return processEntry?.sampler_family === 'diffusion' ? pageProcess : 'ou';
}

// The control a core message about the training document is about ("batch = 0 is out of range…",
// "network.widths[0] = …"), and the message with the field replaced by the control's label; control '' when none.
const fieldControls = { 'network.widths': 'width', 'network.frequencies': 'frequencies', batch: 'batch', steps: 'steps',
  learning_rate: 'learning_rate', schedule: 'schedule', time_sampling: 'time_sampling', seed: 'seed' };
export function attributeTrainingMessage(message) {
  const field = /^([A-Za-z_][\w.]*)(\[\d+\])?(?=[ :=]|$)/.exec(message);
  const key = field ? fieldControls[field[1]] : undefined;
  if (!key) return { key: '', message };
  const label = trainingControls.find((c) => c.key === key).label;
  return { key, message: `${label}${message.slice(field[0].length)}` };
}
