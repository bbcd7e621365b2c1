// The page: reads its state from the URL, builds the controls, runs an animated sampler in one worker and the
// convergence sweep in another, and shows every error (the core's message) in a visible alert.
// The body's data attributes (animation, sweep: running | done | error) tell a test or an embedding page where it is.
import './style.css';
import { Engine, chooseBuild } from './engine/client.js';
import { ConvergencePlot, colours } from './views/convergence-plot.js';
import { ParticleView } from './views/particles.js';
import {
  checkPageParameters, experimentOf, formatValue, parameters, parseValue, presets, stateFromUrl, urlFromState,
  viewRadius,
} from './state.js';

const $ = (id) => document.getElementById(id);
const view = new ParticleView($('particles'));
const plot = new ConvergencePlot($('plot'), { yLabel: 'W2 to q_δ', reference: true });
const klPlot = new ConvergencePlot($('kl-plot'), { yLabel: 'KL(q_δ ‖ output)', reference: false });
const boundSamples = 300; // Monte Carlo draws of the certified bound per run (its CLT interval is the error bar)
const sweepSamplers = ['ei', 'em']; // the foundation's two first-order samplers, always compared
const animationFrames = 150; // an animation shows at most this many frames (about 2.5 s at 60 frames/s)
let generation = 0; // bumped by every run: work of an older run stops at its next await

function showError(error) {
  $('summary').textContent = '';
  const box = $('error');
  box.textContent = error.message;
  box.hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
}

function buildControls(state, catalogue, embed) {
  const fields = $('fields');
  fields.replaceChildren();
  for (const p of parameters) {
    if (p.hidden || (embed && !p.embed)) continue;
    const label = document.createElement('label');
    label.textContent = p.label;
    let input;
    if (p.kind === 'choice') {
      input = document.createElement('select');
      // The sampler list holds the samplers of the chosen process's family (the catalogue says which).
      const entries = p.catalogue === 'samplers' ? samplersOf(catalogue, processEntry(catalogue, state.process))
        : p.catalogue ? catalogue[p.catalogue] : null;
      const names = entries ? entries.map((entry) => entry.name) : p.options;
      const titles = entries ? Object.fromEntries(entries.map((e) => [e.name, e.meaning])) : {};
      for (const name of names) {
        const option = new Option(p.key === 'target' ? presets[name].label : name, name);
        if (titles[name]) option.title = titles[name];
        input.add(option);
      }
    } else {
      input = document.createElement('input');
      input.type = 'text';
      input.inputMode = p.kind === 'list' ? 'text' : 'decimal';
    }
    input.name = p.key;
    input.value = formatValue(p, state[p.key]);
    label.append(input);
    fields.append(label);
  }
  // Choosing a process sets T and δ to its defaults (theory §7.9: VP-type processes run on [δ, 1], OU on [δ, 5]) and
  // offers the samplers of its family, keeping the chosen one if it belongs to it, else the process's default.
  const process = document.querySelector('[name="process"]');
  process?.addEventListener('change', () => {
    const entry = processEntry(catalogue, process.value);
    const set = (name, value) => { const input = document.querySelector(`[name="${name}"]`); if (input) input.value = String(value); };
    set('T', entry.T);
    set('delta', entry.delta);
    const sampler = document.querySelector('[name="sampler"]');
    if (!sampler) return;
    const offered = samplersOf(catalogue, entry);
    const keep = offered.some((e) => e.name === sampler.value) ? sampler.value : entry.default_sampler;
    sampler.replaceChildren(...offered.map((e) => Object.assign(new Option(e.name, e.name), { title: e.meaning })));
    sampler.value = keep;
  });
}

const processEntry = (catalogue, name) => catalogue.processes.find((e) => e.name === name) ?? catalogue.processes[0];
const samplersOf = (catalogue, process) => catalogue.samplers.filter((e) => e.family === process.sampler_family);
// Samplers whose output law is Gaussian on a Gaussian target (the core's exact_law.hpp): the exact metrics apply.
const gaussianPreserving = (catalogue, name) =>
  catalogue.samplers.some((e) => e.name === name && e.capabilities.gaussian_preserving);

function readControls(state) {
  const next = { ...state };
  for (const p of parameters) {
    const input = document.querySelector(`[name="${p.key}"]`);
    if (input) next[p.key] = parseValue(p, input.value);
  }
  return next;
}

const nextPaint = () => new Promise((resolve) => requestAnimationFrame(resolve));

async function animate(engine, state, mine) {
  document.body.dataset.animation = 'running';
  view.setRadius(viewRadius(presets[state.target].target));
  let frame = await engine.request('start', { experiment: experimentOf(state) });
  const stride = Math.max(1, Math.ceil(frame.steps / animationFrames));
  for (;;) {
    if (mine !== generation) return;
    view.draw(frame);
    $('status').textContent = `step ${frame.stepsDone}/${frame.steps}, t = ${frame.time.toPrecision(3)}`;
    if (frame.result) break;
    await nextPaint();
    frame = await engine.request('advance', { steps: stride });
  }
  const m = frame.result.metrics;
  $('summary').textContent = `n = ${frame.count}: sliced W2 to q_δ = ${m.sliced_w2.toPrecision(3)} `
    + `(Monte Carlo floor ${m.sliced_w2_floor.toPrecision(3)}), ${frame.result.score_evaluations} score evaluations`;
  document.body.dataset.animation = 'done';
}

// What the two plots show for this run: the W2 plot (measured sliced W2 with error bars, the exact W2 for a
// Gaussian target, the Monte Carlo floor) and the KL plot (the measured or exact KL(q_δ ‖ output) beside the
// certified bound and Benton et al.'s published bound), and the metrics and bounds the sweep must compute.
function sweepPlan(state, samplers, process, catalogue) {
  const gaussian = presets[state.target].target.kind === 'gaussian';
  // A bias keeps the score affine; a field or noise error does not (the output is then not Gaussian).
  const exact = gaussian && samplers.every((s) => gaussianPreserving(catalogue, s))
    && ['exact', 'bias'].includes(state.score);
  const bounded = process.capabilities.bounds; // the bounds are written for processes on R^d
  const w2 = [];
  const kl = [];
  samplers.forEach((sampler, i) => {
    const stroke = colours[i % colours.length];
    w2.push({ sampler, metric: 'sliced_w2', label: `${sampler}: sliced W2`, stroke, bars: true });
    if (exact) w2.push({ sampler, metric: 'exact_w2', label: `${sampler}: exact W2`, stroke, dash: [10, 4] });
    if (!bounded) return;
    kl.push(exact ? { sampler, metric: 'exact_kl', label: `${sampler}: exact KL`, stroke }
      : { sampler, metric: 'kl_estimate_reverse', label: `${sampler}: KL estimate`, stroke, bars: true });
    kl.push({ sampler, metric: 'certified_kl', label: `${sampler}: certified bound`, stroke, dash: [8, 3], bars: true });
    kl.push({ sampler, metric: 'benton_kl', label: `${sampler}: Benton et al. (C = 1)`, stroke, dash: [2, 3] });
  });
  w2.push({ sampler: samplers[0], metric: 'sliced_w2_floor', label: 'Monte Carlo floor', stroke: '#8a99a8', dash: [6, 4], flat: true });
  const bounds = bounded ? ['certified_kl', 'benton_kl'] : [];
  const metrics = [...new Set([...w2, ...kl].map((s) => s.metric).filter((m) => !bounds.includes(m)))];
  return { w2, kl, metrics, bounds };
}

async function sweep(engine, state, catalogue, mine) {
  document.body.dataset.sweep = 'running';
  // EI and EM are compared with the chosen sampler when the process takes them (those of its family).
  const process = processEntry(catalogue, state.process);
  const family = samplersOf(catalogue, process).map((e) => e.name);
  const samplers = [...new Set([...sweepSamplers.filter((s) => family.includes(s)), state.sampler])];
  const plan = sweepPlan(state, samplers, process, catalogue);
  plot.reset(state.sweep, plan.w2);
  klPlot.reset(state.sweep, plan.kl);
  $('kl-panel').hidden = plan.kl.length === 0;
  const sweep = { axis: 'steps', values: state.sweep, replicates: state.replicates, samplers };
  const sweepDocument = experimentOf(state, {
    particles: state.sweepParticles, metrics: plan.metrics, sweep,
    ...(plan.bounds.length ? { bounds: plan.bounds, bound_options: { samples: boundSamples } } : {}),
  });
  let progress = await engine.request('sweepStart', { document: sweepDocument });
  progress.runsDone = 0;
  while (progress.runsDone < progress.runs) {
    progress = await engine.request('sweepAdvance', { runs: 1 });
    if (mine !== generation) return;
    plot.show(progress.result);
    klPlot.show(progress.result);
    const slopes = progress.result.slopes.filter((s) => s.metric === (plan.metrics.includes('exact_w2') ? 'exact_w2' : 'sliced_w2'));
    $('slopes').textContent = slopes.length
      ? `fitted slopes of ${slopes[0].metric.replace('_', ' ')} against N: `
        + `${slopes.map((s) => `${s.sampler} ${s.slope.toFixed(2)} [${s.lower.toFixed(2)}, ${s.upper.toFixed(2)}]`).join('; ')}`
        + ` (${progress.runsDone}/${progress.runs} runs)`
      : `${progress.runsDone}/${progress.runs} runs`;
  }
  document.body.dataset.sweep = 'done';
}

async function main() {
  let state = stateFromUrl(window.location.search);
  if (state.embed) document.body.classList.add('embed');
  const build = await chooseBuild(state.build);
  $('build').textContent = build === 'simd' ? 'SIMD' : 'scalar (no SIMD)';
  const animator = new Engine(build);
  const plotter = new Engine(build);
  const { catalogue } = await animator.ready;
  await plotter.ready;
  buildControls(state, catalogue, state.embed);

  const run = () => {
    generation += 1;
    const mine = generation;
    clearError();
    state = readControls(state);
    window.history.replaceState(null, '', `${window.location.pathname}${urlFromState(state)}`);
    const fail = (error) => {
      if (mine !== generation) return;
      showError(error);
      for (const key of ['animation', 'sweep']) if (document.body.dataset[key] === 'running') document.body.dataset[key] = 'error';
    };
    try {
      checkPageParameters(state);
    } catch (error) {
      document.body.dataset.animation = 'error';
      document.body.dataset.sweep = 'error';
      showError(error);
      return;
    }
    animate(animator, state, mine).catch(fail);
    sweep(plotter, state, catalogue, mine).catch(fail);
  };
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  run();
}

main().catch(showError);
