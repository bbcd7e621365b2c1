// The page: says why when it cannot run here, loads the core in two workers, reads its state from the URL (or a
// preset, or a host page's command), draws the controls from the catalogue and runs (ui/app.js).
import './style.css';
import './views/views.css';
import { Engine, chooseBuild, workerCount } from './engine/client.js';
import { presetOf, presets } from './presets.js';
import { afterChoice, processLabels } from './state/controls.js';
import { parseQuery, serialiseQuery } from './state/query.js';
import { drawControls, readControls } from './ui/controls.js';
import { App, setRunState } from './ui/app.js';
import { createHostChannel, obstacle, showObstacle } from './ui/embed.js';
import { RunView } from './ui/run-view.js';
import { ConvergencePlot } from './views/convergence-plot.js';
import { mountFormulaPanel } from './formulas/formula-panel.js';
import { mountExportPanel } from './views/export-panel.js';
import { sweepSeries } from './views/export.js';
import { colours, sweepPlan } from './plan.js';
import { experimentOf } from './state/experiment.js';
import { pageCatalogue } from './state/catalogue.js';
import { mountLearnPanel } from './views/learn-panel.js';
import { timed, yieldToEventLoop } from './timing.js';

const $ = (id) => document.getElementById(id);

function drawPresets(select, onPick) {
  select.add(new Option('— a seed paper\'s setting —', ''));
  for (const p of presets) select.add(new Option(p.label, p.id));
  select.addEventListener('change', () => onPick(select.value));
}

function showPreset(state) {
  const preset = presetOf(state.preset);
  $('preset').value = preset ? preset.id : '';
  $('preset-explanation').textContent = preset ? preset.explanation : '';
  $('preset-explanation').hidden = !preset;
}

async function main() {
  const host = createHostChannel();
  const boot = $('boot');
  const problem = obstacle();
  if (problem) {
    showObstacle(boot, problem);
    host.post('error', { message: problem, control: '' });
    return;
  }
  boot.textContent = 'Loading the WebAssembly build…';
  const query = new URLSearchParams(window.location.search);
  if (['1', '', 'true'].includes(query.get('embed'))) document.body.classList.add('embed');
  const build = await chooseBuild(query.get('build'));
  $('build').textContent = build === 'simd' ? 'SIMD' : 'scalar';
  // Three workers: the animated run, the convergence sweep, and the densities of q_t the views draw (and the merge of
  // the sweep's runs); with P workers per task (engine/client.js workerCount), P − 1 more for a big run's particles and
  // P − 1 more for the sweep's runs, loading meanwhile (the page starts without waiting for them).
  // One worker started per task: each construction holds the page's thread for several milliseconds, and with the
  // module's evaluation and the first style and layout they made the page's first task its longest.
  const engines = {};
  for (const task of ['animator', 'plotter', 'viewer']) {
    engines[task] = new Engine(build);
    await yieldToEventLoop();
  }
  const [{ catalogue: core, features }] = await Promise.all(Object.values(engines).map((e) => e.ready));
  const helpers = () => Array.from({ length: workerCount(query.get('workers')) - 1 }, () => new Engine(build));
  engines.animators = [engines.animator, ...helpers()];
  engines.plotters = [engines.plotter, ...helpers()];
  // The choices the page offers: those whose required parameters it can supply (learned: once it has weights).
  let catalogue = pageCatalogue(core);
  boot.hidden = true;

  const parsed = parseQuery(window.location.search, catalogue);
  let state = parsed.state;
  document.body.classList.toggle('embed', state.embed);
  const views = {
    run: new RunView({ density: $('density'), paths: $('paths'), time: $('time'), compare: $('compare') }, {
      inspect: (document) => engines.viewer.request('inspect', { document }).then((r) => r.inspection),
      densityGrid: (experiment, spec) => engines.viewer.request('densityGrid', { experiment, spec }).then((r) => r.grid),
    }),
    w2: new ConvergencePlot($('plot'), { title: 'sliced W2 to q_δ', yLabel: 'W2 to q_δ', reference: true }),
    kl: new ConvergencePlot($('kl-plot'), { title: 'KL(q_δ ‖ output) and its bounds', yLabel: 'KL(q_δ ‖ output)', reference: false }),
    formulas: $('formulas') ? mountFormulaPanel($('formulas')) : null,
  };
  const app = new App({ engines, catalogue, views, host, features });
  // The panels are built one task each (a yield between them): together, with the layouts they force, they held
  // the page's thread for well over 50 ms.
  await yieldToEventLoop();
  // Export: the run's particles (full precision, from its worker), the experiment `sgm run` accepts, the plots as PNG
  // and SVG (built from the sweep's series), the link and the embed code.
  const plotExport = (name, id, metric, yLabel) => ({
    name, canvas: () => $(id).querySelector('canvas'),
    svg: () => ({ title: name, xLabel: 'number of steps N', yLabel, xLog: true, yLog: true,
      series: app.lastSweep ? sweepSeries(app.lastSweep, metric(), colours) : [] }),
  });
  mountExportPanel($('export'), {
    samples: () => engines.animator.request('samples'),
    experiment: () => experimentOf(state, catalogue, app.precision ? { precision: app.precision } : {}),
    plots: [plotExport('W2 plot', 'plot', () => sweepPlan(state, catalogue).slopeMetric, 'W2 to q_δ'),
      plotExport('KL plot', 'kl-plot', () => (sweepPlan(state, catalogue).metrics.includes('exact_kl') ? 'exact_kl' : 'kl_estimate_reverse'),
        'KL(q_δ ‖ output)')],
    link: () => window.location.href,
  });

  await yieldToEventLoop();
  // The fourth worker trains a score (the Learn panel), started when the panel first trains or samples.
  let trainer = null;
  const learn = mountLearnPanel($('learn'), {
    engine: () => (trainer ??= new Engine(build, () => new Worker(new URL('./engine/trainer-worker.js', import.meta.url), { type: 'module' }))),
    context: () => ({ state, catalogue }),
    onWeights(weights) {
      state = readControls($('fields'), state, catalogue); // what the controls show now stays
      catalogue = pageCatalogue(core, { score: { learned: { weights } } });
      app.catalogue = catalogue;
      redraw();
    },
  });

  await yieldToEventLoop();
  const redraw = () => {
    drawControls($('fields'), state, catalogue, (key) => {
      state = afterChoice({ ...readControls($('fields'), state, catalogue), preset: '' }, key, catalogue);
      redraw();
    });
    showPreset(state);
    $('process-name').textContent = processLabels[state.process] ?? state.process;
    learn.update();
  };
  const run = () => {
    state = readControls($('fields'), state, catalogue);
    const search = serialiseQuery(state, catalogue);
    window.history.replaceState(null, '', `${window.location.pathname}${search}`);
    timed('controls', redraw);
    app.run(state, search);
  };
  const load = (search) => {
    const next = parseQuery(search, catalogue);
    state = next.state;
    redraw();
    return next.problems;
  };
  drawPresets($('preset'), (id) => {
    load(id ? `?preset=${id}${state.embed ? '&embed=1' : ''}` : '');
    run();
  });
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  $('cancel').addEventListener('click', () => app.cancel());
  host.listen({
    set(parameters) {
      const merged = new URLSearchParams(serialiseQuery(readControls($('fields'), state, catalogue), catalogue));
      for (const [key, value] of Object.entries(parameters)) merged.set(key, String(value));
      const problems = load(`?${merged}`);
      if (problems.length) app.showError(problems[0], state);
    },
    run,
    cancel: () => app.cancel(),
  });
  redraw();
  host.post('ready', { state, query: serialiseQuery(state, catalogue) });
  const named = parsed.problems.filter((p) => p.control); // unknown keys (e.g. a course site's own) are ignored
  if (named.length) {
    // A bad URL value: the page says which control, shows the fallback in it, and waits for the user.
    app.showError(named[0], state);
    setRunState('error');
    return;
  }
  run();
}

main().catch((error) => {
  const boot = $('boot');
  showObstacle(boot, `${error.message}. If the page is in a frame, the frame may block its worker or WebAssembly.`);
  setRunState('error');
});
