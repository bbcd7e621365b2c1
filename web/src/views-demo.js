// Demo harness for the views (web/views-demo.html, dev only): runs the core's WebAssembly build on this thread and
// feeds every view, so each can be tried and screenshotted on its own. Not the page: the page runs the core in a
// worker (web/src/engine/).
import './views/views.css';
import './views-demo.css';
import { mountDensityView } from './views/density-view.js';
import { densityGrid, viewBounds } from './views/density-grid.js';
import { FrameRecorder, forwardFrames, forwardThenReverse } from './views/trajectories.js';
import { mountTrajectoryView } from './views/trajectory-view.js';
import { mountTimeControl } from './views/time-control.js';
import { mountFormulaPanel } from './formulas/formula-panel.js';
import { mountCompareView } from './views/compare-view.js';
import { mountExportPanel } from './views/export-panel.js';
import { sweepSeries } from './views/export.js';
import { seriesColours } from './views/palette.js';
import { ConvergencePlot } from './views/convergence-plot.js';
import gmm2d from '../../examples/gmm2d.json';
import gaussian2d from '../../examples/gaussian2d.json';
import twoMoons from '../../examples/two_moons.json';

const targets = {
  ring8: gmm2d.target,
  gaussian: gaussian2d.target,
  moons: twoMoons.target,
  double_well_1d: { kind: 'double_well', dim: 1, stiffness: 4, well: 1.2 },
  elastic_net_1d: { kind: 'elastic_net', dim: 1, lambda1: 2, lambda2: 1 },
};
const $ = (id) => document.getElementById(id);
const query = new URLSearchParams(window.location.search);
const settings = {
  target: query.get('target') ?? 'ring8',
  sampler: query.get('sampler') ?? 'ei',
  compare: query.get('compare') ?? 'em',
  n: Number(query.get('n') ?? 20000),
  steps: Number(query.get('steps') ?? 100),
  arrows: query.get('arrows') === '1',
};
const maxFrames = 100;
const gridSize = 96;

function controls() {
  const form = $('demo-controls');
  const field = (key, element) => {
    const label = document.createElement('label');
    label.textContent = key;
    element.name = key;
    label.append(element);
    form.append(label);
  };
  const select = (key, names) => {
    const s = document.createElement('select');
    for (const n of names) s.add(new Option(n, n));
    s.value = settings[key];
    field(key, s);
  };
  select('target', Object.keys(targets));
  select('sampler', ['ei', 'em', 'ddpm', 'ddim', 'pf_euler', 'pf_heun', 'dpmpp_2m', 'dpmpp_2m_sde', 'pc']);
  select('compare', ['em', 'ei', 'ddpm', 'ddim', 'pf_euler', 'pf_heun', 'dpmpp_2m', 'dpmpp_2m_sde']);
  for (const key of ['n', 'steps']) {
    const input = document.createElement('input');
    input.value = String(settings[key]);
    input.inputMode = 'numeric';
    field(key, input);
  }
  const arrows = document.createElement('input');
  arrows.type = 'checkbox';
  arrows.checked = settings.arrows;
  field('arrows', arrows);
  const go = document.createElement('button');
  go.textContent = 'Run';
  form.append(go);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of ['target', 'sampler', 'compare', 'n', 'steps']) next.set(key, form.elements[key].value);
    next.set('arrows', arrows.checked ? '1' : '0');
    window.location.search = next.toString();
  });
}

const experimentOf = (sampler) => ({
  description: `views demo: ${settings.target}`, target: targets[settings.target], process: 'ou', grid: 'uniform',
  sampler, steps: settings.steps, particles: settings.n, seed: 1, metrics: ['sliced_w2', 'sliced_w2_floor'],
  bounds: ['certified_kl', 'certified_tv', 'early_stopping_w2', 'chen_tv', 'benton_kl'], bound_options: { samples: 200 },
});

// Copies a session's current particles (first two coordinates) into a frame.
function frameOf(session) {
  const count = session.count();
  const view = session.particles();
  const positions = new Float32Array(2 * count);
  positions.set(view.subarray(0, count), 0);
  if (session.dimension() > 1) positions.set(view.subarray(count, 2 * count), count);
  return { positions, count, time: session.time(), stepsDone: session.stepsDone(), steps: session.steps() };
}

async function main() {
  controls();
  const status = (text) => { $('demo-status').textContent = text; };
  status('loading the WebAssembly build…');
  const createSgm = (await import(/* @vite-ignore */ new URL('wasm/sgm-simd.mjs', document.baseURI).href)).default;
  const sgm = await createSgm();
  const experiment = experimentOf(settings.sampler);
  const inspect = (doc) => JSON.parse(sgm.inspect(JSON.stringify(doc)));

  // The reverse run, frame by frame.
  const started = performance.now();
  const session = new sgm.Session(JSON.stringify(experiment));
  const dimension = session.dimension();
  const stride = Math.max(1, Math.ceil(session.steps() / maxFrames));
  const reverse = new FrameRecorder();
  let frame = frameOf(session);
  reverse.record(frame);
  while (session.advance(stride)) reverse.record(frameOf(session));
  frame = frameOf(session);
  reverse.record(frame);
  const full = frame; // every particle of the output
  const output = { values: Float64Array.from(session.particles()), count: session.count(), dimension };
  const result = JSON.parse(session.result());
  session.delete();
  status(`${settings.sampler}: ${settings.steps} steps of ${settings.n.toLocaleString('en')} particles in ${((performance.now() - started) / 1000).toFixed(1)} s; sliced W2 to q_δ = ${result.metrics.sliced_w2.toPrecision(3)}`);

  // Forward noising of the (thinned) output along the grid's times, δ up to T, then the reverse frames.
  const plan = inspect(experiment);
  const times = [...plan.times].reverse();
  const process = { mean_coeff: [...plan.process.mean_coeff].reverse(), std: [...plan.process.std].reverse() };
  const last = reverse.frame(reverse.length - 1);
  const forward = forwardFrames(last, times, process, { seed: 7, dimension });
  const { recorder, firstReverse } = forwardThenReverse(forward, reverse, maxFrames);

  const bounds = viewBounds(full.positions, full.count, dimension);
  const density = mountDensityView($('density'), { showScore: settings.arrows });
  const paths = mountTrajectoryView($('paths'));
  const grids = new Map();
  const gridAt = (time) => {
    if (!grids.has(time)) {
      const spec = { time, bounds, nx: gridSize, ny: gridSize, dimension };
      grids.set(time, densityGrid(sgm, experiment, spec));
    }
    return grids.get(time);
  };
  const labelOf = (k) => {
    const f = recorder.frame(k);
    return f.phase === 'forward' ? `forward noising, t = ${f.time.toPrecision(3)}`
      : `reverse sampling, step ${f.stepsDone}/${f.steps}, t = ${f.time.toPrecision(3)}`;
  };
  const show = (k) => {
    const f = recorder.frame(k);
    const whole = k === recorder.length - 1 ? full : f; // the last frame: every particle
    const { positions, count } = whole;
    density.update({ grid: gridAt(f.time), positions, count, dimension, label: labelOf(k) });
    paths.update({ recorder, from: f.phase === 'forward' ? 0 : firstReverse, to: k, bounds, dimension, label: labelOf(k) });
    document.body.dataset.frame = String(k);
  };
  const control = mountTimeControl($('time'), { length: recorder.length, label: labelOf, onChange: show });
  control.seek(recorder.length - 1);
  show(recorder.length - 1);
  await mountFormulaPanel($('formulas')).update(result);

  // Compare: the second sampler from the same seed, its output beside the first's over q_δ.
  const other = new sgm.Session(JSON.stringify(experimentOf(settings.compare)));
  other.advance(other.steps());
  const second = frameOf(other);
  other.delete();
  const compare = mountCompareView($('compare'), { titles: [settings.sampler, settings.compare] });
  const finalGrid = gridAt(full.time);
  const a = { ...full, label: settings.sampler };
  compare.update({ grid: finalGrid, dimension, a, b: { ...second, label: settings.compare } });

  // A small convergence sweep of both samplers, for the plot exports.
  const plotElement = document.createElement('div');
  $('export').append(plotElement);
  const sweepDoc = { ...experimentOf(settings.sampler), particles: 2000, bounds: [], metrics: ['sliced_w2'],
    sweep: { axis: 'steps', values: [5, 10, 20, 40], replicates: 2, samplers: [settings.sampler, settings.compare] } };
  delete sweepDoc.bound_options;
  const sweep = JSON.parse(sgm.sweep(JSON.stringify(sweepDoc)));
  const plot = new ConvergencePlot(plotElement, { yLabel: 'sliced W2 to q_δ', reference: false });
  plot.reset(sweepDoc.sweep.values, [settings.sampler, settings.compare].map((sampler, k) => ({
    sampler, metric: 'sliced_w2', label: `${sampler}: sliced W2`, stroke: seriesColours[k], bars: true })));
  plot.show(sweep);
  mountExportPanel($('export'), {
    samples: () => output,
    experiment: () => experiment,
    plots: [
      { name: 'density', canvas: () => density.canvas },
      { name: 'convergence', canvas: () => plotElement.querySelector('canvas'),
        svg: () => ({ title: 'sliced W2 to q_δ against the number of steps', xLabel: 'steps N', yLabel: 'sliced W2',
          xLog: true, yLog: true, series: sweepSeries(sweep, 'sliced_w2', seriesColours) }) },
    ],
    link: () => window.location.href,
  });

  // 10^6 particles through the density view: the output tiled with small offsets, timed.
  const drawMillion = () => {
    const n = 1_000_000;
    const positions = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const j = i % full.count;
      const shift = 0.01 * Math.floor(i / full.count);
      positions[i] = full.positions[j] + shift;
      positions[n + i] = full.positions[full.count + j] - shift;
    }
    const t0 = performance.now();
    density.update({ grid: finalGrid, positions, count: n, dimension, label: 'a million particles' });
    return performance.now() - t0;
  };
  window.sgmDemo = { control, recorder, result, drawMillion };
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  $('demo-status').textContent = `error: ${error.message}`;
  document.body.dataset.ready = 'error';
  throw error;
});
