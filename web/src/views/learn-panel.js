// The "Learn the score" panel: train a score network on the page's target or on a point cloud the user draws or
// pastes, in its own worker (engine/trainer-worker.js), with a live loss curve, the measured error ε(t) with its Monte
// Carlo interval and its aggregates, a Stop button that keeps the weights so far, then sampling with the exact and the
// learned score from the same noise, side by side, with their metrics. The weights download as the JSON `sgm train
// --out` writes and load back from a file; onWeights(weights) tells the page (its score control then offers
// `learned`). The container's data-training (running | done | stopped | error) and data-sampling (running | done |
// error) tell a test where it is.
//
//   const panel = mountLearnPanel(container, {engine: () => Engine, context: () => ({state, catalogue}), onWeights});
// `engine` gives the trainer's Engine (engine/client.js on engine/trainer-worker.js), started when first asked for.
//   panel.update();   // the page's state changed (the label of "the page's target")
//   panel.destroy();
import uPlot from 'uplot';
import { formatNumber } from '../format.js';
import { entryOf } from '../state/catalogue.js';
import { experimentOf, horizonOf } from '../state/experiment.js';
import {
  allowedOf, attributeTrainingMessage, comparisonExperiment, epsilonCurve, lossCurve,
  parsePointCloud, readTrainingValues, refreshSteps, trainingControls, trainingDocumentOf, trainingTarget,
} from '../state/learn.js';
import { targetLabels, targetSpec, viewRadius } from '../state/targets.js';
import { fillTable, layoutWidth } from './canvas.js';
import { download } from './export-panel.js';
import { ParticleView } from './particles.js';

const drawRadius = 4; // the drawing canvas shows [-4, 4]²
const minGap = 0.08; // a drag adds a point once it has moved this far (data units) from the last one
const errorDocument = { grid: 'log', steps: 12, bound_options: { samples: 400 } }; // ε(t) at 13 times, 400 draws each
const maxComparisonParticles = 4000;
const redrawInterval = 250; // ms: the loss curve and progress are redrawn at most 4 times a second while training

function element(tag, props = {}, ...children) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

// A uPlot line plot in `box` (log y; log x when asked) that follows the box's width, the canvas an image named by
// `title`.
function linePlot(box, { title, xLabel, yLabel, xLog, series }) {
  const widthOf = () => Math.max(200, Math.floor(box.clientWidth || 200));
  const plot = new uPlot({
    // Built at the page's start, below the fold: 320 px until the observer below reports (no forced layout).
    width: Math.max(200, layoutWidth(box, 320)), height: 220, legend: { show: false },
    scales: { x: { time: false, distr: xLog ? 3 : 1 }, y: { distr: 3 } },
    axes: [{ label: xLabel, stroke: '#c8d3de' }, { label: yLabel, stroke: '#c8d3de', size: 60 }],
    series: [{ label: xLabel }, ...series],
  }, [[], ...series.map(() => [])], box);
  const canvas = box.querySelector('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', title);
  const resizer = new ResizeObserver(() => { // after the layout: reading the width is free here
    if (Math.abs(widthOf() - plot.width) > 1) plot.setSize({ width: widthOf(), height: 220 });
  });
  resizer.observe(box);
  const destroy = plot.destroy.bind(plot);
  plot.destroy = () => {
    resizer.disconnect();
    destroy();
  };
  return plot;
}

export function mountLearnPanel(container, { engine, context, onWeights }) {
  const root = element('div', { className: 'sgm-learn' });
  container.append(root);
  const status = (key, value) => { container.dataset[key] = value; };

  // Training data.
  const pageChoice = element('input', { type: 'radio', name: 'learn-source', value: 'page', checked: true, id: 'learn-source-page' });
  const cloudChoice = element('input', { type: 'radio', name: 'learn-source', value: 'cloud', id: 'learn-source-cloud' });
  const pageLabel = element('label', { htmlFor: 'learn-source-page' });
  const canvas = element('canvas', { className: 'sgm-learn-draw' });
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'drawing area: press and drag to add points (or paste them below)');
  const cloudText = element('textarea', { id: 'learn-points', rows: 5, spellcheck: false, placeholder: '1.5, 0\n-1, 2.25' });
  const cloudCount = element('span', { className: 'note' });
  const clear = element('button', { type: 'button', textContent: 'Clear points' });
  const data = element('fieldset', { className: 'sgm-learn-data' },
    element('legend', { textContent: 'Training data' }),
    element('div', {}, pageChoice, pageLabel),
    element('div', {}, cloudChoice, element('label', { htmlFor: 'learn-source-cloud', textContent: 'my points: draw them, or paste lines "x, y"' })),
    canvas,
    element('label', { htmlFor: 'learn-points', textContent: 'points, one "x, y" per line' }), cloudText,
    element('div', { className: 'sgm-learn-row' }, clear, cloudCount));

  // Network and training controls.
  const inputs = {};
  const fields = trainingControls.map((c) => {
    const id = `learn-${c.key}`;
    const input = c.kind === 'choice'
      ? element('select', { id }, ...c.choices.map((v) => element('option', { value: v, textContent: v })))
      : element('input', { id, type: 'text', inputMode: c.kind === 'integer' ? 'numeric' : 'decimal', placeholder: String(c.value) });
    input.value = c.kind === 'choice' ? c.value : '';
    input.title = `${c.help} (${allowedOf(c)})`;
    inputs[c.key] = input;
    return element('div', { className: 'sgm-learn-field' }, element('label', { htmlFor: id, textContent: c.label }), input);
  });
  const settings = element('fieldset', { className: 'sgm-learn-settings' },
    element('legend', { textContent: 'Network and training' }), ...fields);

  const train = element('button', { type: 'button', textContent: 'Train' });
  const stop = element('button', { type: 'button', textContent: 'Stop', disabled: true });
  const sample = element('button', { type: 'button', textContent: 'Sample with the learned score', disabled: true });
  const save = element('button', { type: 'button', textContent: 'Download weights', disabled: true });
  const loadInput = element('input', { type: 'file', accept: '.json,application/json', id: 'learn-load', className: 'sgm-learn-file' });
  const loadLabel = element('label', { htmlFor: 'learn-load', className: 'sgm-learn-load', textContent: 'Load weights…' });
  const progress = element('p', { className: 'note' });
  progress.setAttribute('role', 'status');
  const message = element('p', { className: 'error', hidden: true });
  message.setAttribute('role', 'alert');

  const lossBox = element('div', { className: 'sgm-learn-plot' });
  const errorBox = element('div', { className: 'sgm-learn-plot' });
  const lossTable = element('table', { className: 'sgm-learn-loss-table' });
  const errorTable = element('table', { className: 'sgm-learn-error-table' });
  const tableOf = (title, table) => element('details', {}, element('summary', { textContent: `Data table: ${title}` }), table);
  const aggregate = element('p', { className: 'note' });
  const left = element('canvas');
  const right = element('canvas');
  for (const [side, name] of [[left, 'exact'], [right, 'learned']]) {
    side.setAttribute('role', 'img');
    side.setAttribute('aria-label', `particles sampled with the ${name} score (none yet)`);
  }
  const leftCaption = element('figcaption');
  const rightCaption = element('figcaption');
  const comparison = element('div', { className: 'sgm-compare', hidden: true },
    element('figure', { className: 'sgm-view' }, left, leftCaption),
    element('figure', { className: 'sgm-view' }, right, rightCaption));
  root.append(data, settings,
    element('div', { className: 'sgm-learn-row' }, train, stop, sample, save, loadInput, loadLabel),
    progress, message,
    element('div', { className: 'sgm-learn-plots' },
      element('figure', { className: 'sgm-view' }, lossBox,
        element('figcaption', { textContent: 'DSM loss per chunk (mean over its steps), log scale' }), tableOf('loss', lossTable)),
      element('figure', { className: 'sgm-view' }, errorBox,
        element('figcaption', {}, 'measured error ε(t) of the network against the exact score, with its 95 % Monte Carlo interval', aggregate),
        tableOf('ε(t)', errorTable))),
    comparison);

  const lossPlot = linePlot(lossBox, { title: 'training loss against steps', xLabel: 'step', yLabel: 'DSM loss', xLog: false,
    series: [{ label: 'loss', stroke: '#56b4e9', width: 2, points: { show: false } }] });
  const errorPlot = linePlot(errorBox, { title: 'measured score error ε(t)', xLabel: 't', yLabel: 'ε(t)', xLog: true,
    series: [{ label: 'ε(t)', stroke: '#e69f00', width: 2 }, { label: 'lower', stroke: '#8a6a2a', dash: [4, 4], points: { show: false } },
      { label: 'upper', stroke: '#8a6a2a', dash: [4, 4], points: { show: false } }] });

  let chunks = [];
  let weights = null;
  let training = null; // the training document of `weights` (target, process, T, δ)
  let points = [];

  const showMessage = (text, key = '') => {
    message.textContent = text;
    message.hidden = !text;
    for (const [k, input] of Object.entries(inputs)) input.setAttribute('aria-invalid', String(k === key));
  };

  // The drawing canvas: the points in [-4, 4]², drawn at the canvas's displayed size.
  const view = new ParticleView(canvas);
  view.setRadius(drawRadius);
  const redrawCloud = () => {
    const positions = new Float32Array(2 * points.length);
    points.forEach(([x, y], i) => { positions[i] = x; positions[points.length + i] = y; });
    view.draw({ positions, count: points.length, steps: 1, stepsDone: 1 });
    cloudCount.textContent = `${points.length} points`;
  };
  const readCloud = () => {
    const parsed = parsePointCloud(cloudText.value);
    points = parsed.points;
    redrawCloud();
    return parsed;
  };
  let last = null;
  const addPoint = (event) => {
    const r = canvas.getBoundingClientRect();
    const x = ((event.clientX - r.left) / r.width * 2 - 1) * drawRadius;
    const y = -((event.clientY - r.top) / r.height * 2 - 1) * drawRadius;
    if (last && Math.hypot(x - last[0], y - last[1]) < minGap) return;
    last = [x, y];
    cloudChoice.checked = true;
    cloudText.value += `${cloudText.value && !cloudText.value.endsWith('\n') ? '\n' : ''}${x.toFixed(3)}, ${y.toFixed(3)}\n`;
    readCloud();
  };
  let drawing = false;
  canvas.addEventListener('pointerdown', (event) => {
    drawing = true;
    last = null;
    try {
      canvas.setPointerCapture(event.pointerId); // the drag keeps drawing when it leaves the canvas
    } catch {
      // a pointer the browser does not track (a synthetic event) cannot be captured; drawing still works
    }
    addPoint(event);
    event.preventDefault();
  });
  canvas.addEventListener('pointermove', (event) => { if (drawing) addPoint(event); });
  for (const type of ['pointerup', 'pointercancel']) canvas.addEventListener(type, () => { drawing = false; });
  cloudText.addEventListener('input', () => {
    cloudChoice.checked = true;
    readCloud();
  });
  clear.addEventListener('click', () => {
    cloudText.value = '';
    readCloud();
  });

  const haveWeights = (next, document) => {
    weights = next;
    training = document;
    sample.disabled = false;
    save.disabled = false;
    onWeights(weights);
  };

  const showError = (table) => {
    const curve = epsilonCurve(table);
    errorPlot.setData(curve.data);
    errorBox.dataset.points = String(curve.data[0].length);
    fillTable(errorTable, ['t', 'ε(t)', 'lower', 'upper'], curve.data[0].map((t, i) => curve.data.map((column) => column[i])));
    aggregate.textContent = ` Aggregates over the grid: sup ε(t_k) = ${formatNumber(curve.sup)} (Chen et al.'s ε_score), `
      + `Σ h_k ε(t_k)² = ${formatNumber(curve.weightedSquare)} (Benton et al.'s score term).`;
  };

  // Where training starts: the document from the controls, the data and the page's process and horizon.
  function trainingDocument() {
    const { state, catalogue } = context();
    const read = readTrainingValues(Object.fromEntries(Object.entries(inputs).map(([k, input]) => [k, input.value])));
    if (read.problems.length) throw Object.assign(new Error(read.problems[0].message), { key: read.problems[0].key });
    let cloud = [];
    if (cloudChoice.checked) {
      const parsed = readCloud();
      if (parsed.problems.length) throw new Error(`training data: ${parsed.problems.join('; ')}`);
      cloud = parsed.points;
    }
    const target = trainingTarget(cloudChoice.checked ? 'cloud' : 'page', targetSpec(state.target, state.options.target), cloud);
    const onRd = entryOf(catalogue, 'process', state.process)?.sampler_family === 'diffusion';
    // A process on another state space (CLD) cannot carry a learned score of x: OU at its own horizon trains.
    const process = onRd ? experimentOf(state, catalogue).process : 'ou';
    const horizon = horizonOf(onRd ? state : { ...state, process: 'ou', T: null, delta: null }, catalogue);
    return trainingDocumentOf(read.values, target, { process, ...horizon });
  }

  train.addEventListener('click', async () => {
    let document;
    try {
      showMessage('');
      document = trainingDocument();
    } catch (error) {
      showMessage(error.message, error.key ?? '');
      status('training', 'error');
      return;
    }
    chunks = [];
    lossPlot.setData([[], []]);
    errorPlot.setData([[], [], [], []]);
    aggregate.textContent = '';
    lossBox.dataset.points = '0';
    errorBox.dataset.points = '0';
    status('training', 'running');
    train.disabled = true;
    const trainer = engine();
    stop.disabled = false;
    let drawn = -Infinity;
    trainer.onEvent = (event) => {
      if (event.event === 'scoreError') {
        showError(event.scoreError);
        return;
      }
      chunks.push(event);
      const now = performance.now();
      if (now - drawn < redrawInterval) return;
      drawn = now;
      const recent = chunks.slice(-10);
      const rate = recent.reduce((s, c) => s + c.samples, 0) / recent.reduce((s, c) => s + c.seconds, 0);
      progress.textContent = `step ${event.stepsDone}/${event.steps}, loss ${formatNumber(event.loss)}, `
        + `${formatNumber(rate)} samples/s`;
      lossPlot.setData(lossCurve(chunks));
      lossBox.dataset.points = String(chunks.length);
    };
    try {
      await trainer.ready;
      const result = await trainer.request('train', { document, refresh: refreshSteps(document.steps), errorDocument });
      showError(result.scoreError);
      haveWeights(JSON.parse(result.weights), document);
      lossPlot.setData(lossCurve(chunks));
      lossBox.dataset.points = String(chunks.length);
      fillTable(lossTable, ['step', 'mean loss of the chunk', 'steps in the chunk'],
        chunks.map((c) => [c.stepsDone, c.loss, c.samples / document.batch]));
      progress.textContent = `${result.stopped ? 'stopped' : 'trained'}: ${result.stepsDone}/${result.steps} steps; `
        + 'the weights are ready to sample with, download, or choose as the page\'s score model ("learned")';
      status('training', result.stopped ? 'stopped' : 'done');
    } catch (error) {
      const attributed = attributeTrainingMessage(error.message);
      showMessage(`training: ${attributed.message}`, attributed.key);
      status('training', 'error');
    } finally {
      train.disabled = false;
      stop.disabled = true;
    }
  });

  stop.addEventListener('click', () => {
    engine().post('stop');
    stop.disabled = true;
  });

  const describeRun = (name, result) => {
    const m = result.metrics;
    const parts = [`sliced W2 to q_δ ${formatNumber(m.sliced_w2)} (floor ${formatNumber(m.sliced_w2_floor)})`];
    if (m.mode_occupancy) {
      const percent = m.mode_occupancy.map((v) => 100 * v);
      parts.push(`modes ${formatNumber(Math.min(...percent))}–${formatNumber(Math.max(...percent))} %`);
    }
    if (m.nearest_training_distance) {
      parts.push(`distance to the nearest training point: mean ${formatNumber(m.nearest_training_distance[0])}, `
        + `median ${formatNumber(m.nearest_training_distance[2])}`);
    }
    return `${name} score: ${parts.join('; ')}`;
  };

  sample.addEventListener('click', async () => {
    const { state, catalogue } = context();
    showMessage('');
    status('sampling', 'running');
    sample.disabled = true;
    try {
      const trainer = engine();
      await trainer.ready;
      const onRd = entryOf(catalogue, 'process', state.process)?.sampler_family === 'diffusion';
      const page = experimentOf(state, catalogue, onRd ? {} : { sampler: 'ei', grid: 'uniform' });
      page.particles = Math.min(page.particles, maxComparisonParticles);
      const [exact, learned] = [
        await trainer.request('sample', { experiment: comparisonExperiment(page, training, 'exact') }),
        await trainer.request('sample', { experiment: comparisonExperiment(page, training, { kind: 'learned', weights }) }),
      ];
      comparison.hidden = false;
      const radius = viewRadius(training.target);
      for (const [canvasOf, caption, frame, name] of [[left, leftCaption, exact, 'exact'], [right, rightCaption, learned, 'learned']]) {
        const particles = new ParticleView(canvasOf);
        particles.setRadius(radius);
        particles.draw(frame);
        caption.textContent = describeRun(name, frame.result);
        canvasOf.setAttribute('aria-label', `${frame.count} particles sampled with the ${name} score. ${caption.textContent}`);
      }
      status('sampling', 'done');
    } catch (error) {
      showMessage(`sampling with the learned score: ${error.message}`);
      status('sampling', 'error');
    } finally {
      sample.disabled = false;
    }
  });

  save.addEventListener('click', () => {
    download(new Blob([JSON.stringify(weights)], { type: 'application/json' }), 'weights.json');
  });

  loadInput.addEventListener('change', async () => {
    const file = loadInput.files?.[0];
    if (!file) return;
    try {
      const doc = JSON.parse(await file.text());
      if (doc?.format !== 'sgmlab-mlp' || typeof doc.training !== 'object') {
        throw new Error(`format = ${JSON.stringify(doc?.format)} is not a weights file: must be "sgmlab-mlp", as sgm train --out writes, with its "training" document`);
      }
      showMessage('');
      haveWeights(doc, doc.training);
      progress.textContent = `loaded ${file.name}: a network trained for ${doc.training.steps} steps on ${targetLabels[doc.training.target?.kind] ?? doc.training.target?.kind}`;
    } catch (error) {
      showMessage(`weights file ${file.name}: ${error.message}`);
    } finally {
      loadInput.value = '';
    }
  });

  const update = () => {
    const { state } = context();
    pageLabel.textContent = `the page's target (${targetLabels[state.target] ?? state.target})`;
  };
  update();
  redrawCloud();
  status('training', 'idle');

  return {
    update,
    destroy() {
      lossPlot.destroy();
      errorPlot.destroy();
      root.remove();
    },
  };
}
