// The page: reads its state from the URL, builds the controls, runs an animated sampler in one worker and the
// convergence sweep in another, and shows every error (the core's message) in a visible alert.
// The body's data attributes (animation, sweep: running | done | error) tell a test or an embedding page where it is.
import './style.css';
import { Engine, chooseBuild } from './engine/client.js';
import { ConvergencePlot } from './views/convergence-plot.js';
import { ParticleView } from './views/particles.js';
import {
  checkPageParameters, experimentOf, formatValue, parameters, parseValue, presets, stateFromUrl, urlFromState, viewRadius,
} from './state.js';

const $ = (id) => document.getElementById(id);
const view = new ParticleView($('particles'));
const plot = new ConvergencePlot($('plot'));
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
      const names = p.catalogue ? catalogue[p.catalogue].map((entry) => entry.name) : p.options;
      const titles = p.catalogue ? Object.fromEntries(catalogue[p.catalogue].map((e) => [e.name, e.meaning])) : {};
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
}

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

async function sweep(engine, state, mine) {
  document.body.dataset.sweep = 'running';
  const samplers = sweepSamplers.includes(state.sampler) ? sweepSamplers : [...sweepSamplers, state.sampler];
  plot.reset(state.sweep, samplers);
  const sweepDocument = experimentOf(state, {
    particles: state.sweepParticles,
    sweep: { axis: 'steps', values: state.sweep, samplers, replicates: state.replicates },
  });
  let progress = await engine.request('sweepStart', { document: sweepDocument });
  progress.runsDone = 0;
  while (progress.runsDone < progress.runs) {
    progress = await engine.request('sweepAdvance', { runs: 1 });
    if (mine !== generation) return;
    const slopes = plot.show(progress.result);
    $('slopes').textContent = slopes.length
      ? `fitted slopes of sliced W2 against N: ${slopes.map((s) => `${s.sampler} ${s.slope.toFixed(2)} [${s.lower.toFixed(2)}, ${s.upper.toFixed(2)}]`).join('; ')}`
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
    sweep(plotter, state, mine).catch(fail);
  };
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  run();
}

main().catch(showError);
