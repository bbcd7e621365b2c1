// The page's runs: the animated run (split across a pool of workers when it has many particles, engine/split-run.js)
// and the convergence sweep (its runs shared round robin by a pool of workers, merged by the core as they complete),
// each step checked against the sampler's stability limit first, with a cost estimate, progress in a live region, a
// cancel button, errors naming the control, and messages to a host page (ui/embed.js). The body's data attributes
// (animation, sweep: running | done | error | cancelled) tell a test or a same-origin host where it is.
import { CancelledError, everyEngine } from '../engine/client.js';
import { SplitRun, splitFrom } from '../engine/split-run.js';
import { coreEstimateText, costOf, formatCount, runSummary, slopesSummary, stabilityWarning } from '../format.js';
import { sweepPlan } from '../plan.js';
import { evaluationsPerStep } from '../state/catalogue.js';
import { labelsOf } from '../state/controls.js';
import { attributeMessage, checkPageParameters, experimentOf } from '../state/experiment.js';
import { PageError } from '../state/query.js';
import { targetSpec, varianceLowerBound, viewRadius } from '../state/targets.js';
import { limitText, schemeOf, stabilityOf, stabilityTimes } from '../stability.js';
import { timed, yieldToEventLoop } from '../timing.js';
import { markInvalid } from './controls.js';

const $ = (id) => document.getElementById(id);
const boundSamples = 300; // Monte Carlo draws of the certified bound per run (its CLT interval is the error bar)
// An animation shows at most this many frames (about 2.5 s at 60 frames/s); with prefers-reduced-motion, a few.
const animationFrames = () => (window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 8 : 150);
const runBounds = ['certified_kl', 'certified_tv', 'early_stopping_w2', 'chen_tv', 'benton_kl'];
// A run above this many score evaluations asks for a second click (a few tens of seconds in WebAssembly).
export const longRun = 3e8;

// The next paint, or 50 ms when the browser does not paint (a hidden or throttled cross-origin frame).
// The run's state on <body> (data-animation, data-sweep: docs/embedding.md), for tests and same-origin hosts.
export const setRunState = (value) => {
  document.body.dataset.animation = value;
  document.body.dataset.sweep = value;
};
const nextPaint = () => new Promise((resolve) => { requestAnimationFrame(resolve); setTimeout(resolve, 50); });

export class App {
  // engines: {animator, plotter, viewer, animators, plotters} (engine/client.js; animators and plotters: the pools of
  // the run and of the plot, whose first engines are animator and plotter);
  // views: {run: RunView, w2, kl: ConvergencePlot, formulas};
  // host: embed.js.
  constructor({ engines, catalogue, views, host, features }) {
    Object.assign(this, { engines, catalogue, views, host, features });
    this.generation = 0; // bumped by every run: work of an older run stops at its next await
    this.confirmed = '';
  }

  inspect(engine, document) {
    return engine.request('inspect', { document }).then((r) => r.inspection);
  }

  // Stability of the state's experiment with `overrides` (sampler, steps, …); null where no limit is checked (CLD).
  async stability(engine, state, overrides) {
    const doc = experimentOf(state, this.catalogue, overrides);
    if (!schemeOf(doc)) return null;
    const { grid } = await this.inspect(engine, doc);
    const c = varianceLowerBound(targetSpec(state.target, state.options.target));
    const inspection = await this.inspect(engine, { ...doc, inspect: { times: stabilityTimes(grid) } });
    return stabilityOf(inspection, c);
  }

  // The stability box: the animated run's warning and the notes of runs redone in float64 (`parts` replaces some).
  sayStability(parts) {
    this.stabilityParts = { ...this.stabilityParts, ...parts };
    const { warning, run, plot } = this.stabilityParts;
    $('stability').textContent = [warning, run, plot].filter(Boolean).join(' ');
    $('stability').hidden = !$('stability').textContent;
  }

  // Runs work(state, note); when the state's precision is auto and the core's float32 particles overflow (its error
  // says so), runs it again in float64 with a note for the user. Past a sampler's stability limit, or where a step's
  // coefficients amplify float32's rounding (VP with a long horizon), double precision carries a run to finite
  // numbers that float32 cannot.
  async withFloat64Fallback(state, work) {
    try {
      return await work(state, '');
    } catch (error) {
      if (state.precision !== 'auto' || !/overflow single precision/.test(error.message)) throw error;
      return work({ ...state, precision: 'float64' }, 'Its particles overflowed float32, so it is run in float64.');
    }
  }

  progress(text, phase, done, total) {
    $('progress').textContent = text;
    const bar = $(`${phase}-progress`);
    bar.max = total;
    bar.value = done;
    this.host.post('progress', { phase, done, total });
  }

  showError(error, state) {
    const labelled = error instanceof PageError ? error : attributeMessage(error.message, error.document ?? 'run', labelsOf(state, this.catalogue));
    const box = $('error');
    box.textContent = labelled.message;
    box.hidden = false;
    markInvalid($('fields'), labelled.control, 'error');
    // Stale numbers would sit beside the error as if they belonged to it.
    $('summary').textContent = '';
    $('slopes').textContent = '';
    $('stability').hidden = true;
    this.views.run.clear();
    this.views.w2.clear();
    this.views.kl.clear();
    this.views.formulas?.clear();
    this.host.post('error', { message: labelled.message, control: labelled.control });
  }

  clearError() {
    $('error').hidden = true;
    $('error').textContent = '';
    markInvalid($('fields'), '', 'error');
  }

  // The core's own estimate of the run (sgm.estimate, in builds that have it), or null.
  async coreEstimate(state) {
    if (!this.features.estimate) return null;
    const document = experimentOf(state, this.catalogue);
    return this.engines.animator.request('estimate', { document }).then((r) => r.estimate, () => null);
  }

  // The cost of the state's run; true when it may start (short, or confirmed by a second click).
  async checkCost(state, query) {
    const plan = sweepPlan(state, this.catalogue);
    const cost = costOf(state, plan.samplers, (s) => evaluationsPerStep(this.catalogue, s));
    const core = await this.coreEstimate(state);
    const text = `Cost: about ${formatCount(cost.total)} score evaluations (animation ${formatCount(cost.animation)}, `
      + `plot ${formatCount(cost.sweep)}).${core ? ` ${coreEstimateText(core)}` : ''}`;
    if (cost.total > longRun && this.confirmed !== query) {
      this.confirmed = query;
      $('estimate').textContent = `${text} That is a long run (a minute or more): press Run again to start it.`;
      $('run').textContent = 'Run anyway';
      return false;
    }
    $('estimate').textContent = text;
    $('run').textContent = 'Run';
    return true;
  }

  async run(state, query) {
    this.generation += 1;
    const mine = this.generation;
    this.clearError();
    // Marked before the first await, so that nobody reads the previous run's done/cancelled as this run's outcome.
    setRunState('running');
    try {
      checkPageParameters(state);
    } catch (error) {
      setRunState('error');
      this.showError(error, state);
      return;
    }
    const confirmed = await this.checkCost(state, query);
    if (mine !== this.generation) return;
    if (!confirmed) {
      setRunState('waiting');
      return;
    }
    $('cancel').hidden = false;
    const fail = (error, which) => {
      if (mine !== this.generation || error instanceof CancelledError) return;
      // The first error of a run is the one shown (the other worker's is usually its echo); the other half of the run
      // stops, so that no plot goes on beside the error.
      this.generation += 1;
      for (const key of ['animation', 'sweep']) if (document.body.dataset[key] === 'running') document.body.dataset[key] = 'error';
      this.showError(Object.assign(error, { document: which }), state);
      this.stop();
      for (const engine of everyEngine(this.engines)) if (engine.pending.size) engine.cancel();
    };
    this.stabilityParts = {};
    const outcomes = [
      this.withFloat64Fallback(state, (s, note) => this.animate(s, mine, note)).catch((e) => fail(e, 'run')),
      this.withFloat64Fallback(state, (s, note) => this.sweep(s, mine, note)).catch((e) => fail(e, 'sweep'))];
    const [result, sweep] = await Promise.all(outcomes);
    if (mine !== this.generation) return;
    $('cancel').hidden = true;
    if (result && sweep) this.host.post('done', { query, result, sweep });
  }

  // note: said beside the stability warning (withFloat64Fallback's).
  async animate(state, mine, note = '') {
    const engine = this.engines.animator;
    document.body.dataset.animation = 'running';
    const process = state.process;
    const bounded = this.catalogue.processes.find((p) => p.name === process).capabilities.bounds;
    const withBounds = bounded ? { bounds: runBounds, bound_options: { samples: 200 } } : {};
    const experiment = experimentOf(state, this.catalogue, withBounds);
    this.precision = state.precision; // the precision of the latest run, for the exported experiment
    const stability = await this.stability(engine, state, {});
    const warning = stability ? stabilityWarning(state.sampler, stability, limitText[stability.scheme]) : '';
    this.sayStability({ warning, run: note && `The animated run: ${note}` });
    const spec = targetSpec(state.target, state.options.target);
    const run = this.views.run;
    run.begin(experiment, { densities: process !== 'cld', radius: viewRadius(spec) });
    // A big run is split across the pool, unless its sampler couples the particles (pc's target-SNR step).
    const coupled = this.catalogue.samplers.find((s) => s.name === state.sampler)?.capabilities.batch_coupled;
    const pool = experiment.particles >= splitFrom && !coupled ? this.engines.animators : [engine];
    const split = new SplitRun(pool, experiment);
    let frame = await split.start(run.imageRequest());
    const stride = Math.max(1, Math.ceil(frame.steps / animationFrames()));
    let result;
    for (;;) {
      if (mine !== this.generation) return null;
      // Pipelined: the worker computes the next frame (binned on the density view's image), or the finished run's
      // metrics and bounds, while this frame is drawn. A request left behind by a newer run or a cancel rejects
      // unheard.
      const done = frame.stepsDone === frame.steps;
      const next = done ? split.result() : split.advance(stride, run.imageRequest());
      next.catch(() => {});
      await run.frame(frame);
      const text = `step ${frame.stepsDone}/${frame.steps}, t = ${frame.time.toPrecision(3)}`;
      $('status').textContent = text;
      this.progress(`animated run: ${text}`, 'run', frame.stepsDone, frame.steps);
      if (done) {
        result = next;
        break;
      }
      await timed('paint-wait', nextPaint);
      frame = await timed('frame-wait', () => next);
    }
    await timed('finish', () => run.finish(frame));
    if (mine !== this.generation) return null;
    frame.result = (await timed('result-wait', () => result)).result;
    if (state.compare) {
      // The second sampler on the views' worker (the run's own keeps its particles for export), same seed.
      const viewer = this.engines.viewer;
      const other = experimentOf(state, this.catalogue, { sampler: state.compare });
      const start = await viewer.request('start', { experiment: other });
      const output = await viewer.request('advance', { steps: start.steps });
      if (mine !== this.generation) return null;
      await this.views.run.compare([state.sampler, state.compare], output);
    }
    timed('summary', () => {
      $('summary').textContent = runSummary(frame.count, frame.result.metrics, frame.result.score_evaluations);
    });
    await timed('formulas', () => this.views.formulas?.update(frame.result));
    if (mine !== this.generation) return null;
    document.body.dataset.animation = 'done';
    return frame.result;
  }

  async sweep(state, mine, note = '') {
    const engine = this.engines.plotter;
    const merger = this.engines.viewer;
    document.body.dataset.sweep = 'running';
    const plan = sweepPlan(state, this.catalogue);
    // Which step counts are past each sampler's stability limit (the plot and the slopes say so).
    const unstable = {};
    for (const sampler of plan.samplers) {
      for (const n of state.sweep) {
        const s = await this.stability(engine, state, { sampler, steps: n, particles: state.sweepParticles });
        if (s?.unstable.length) (unstable[sampler] ??= []).push(n);
      }
    }
    if (note) this.sayStability({ plot: `The convergence plot: ${note}` });
    // One chart per task: each construction lays the page out.
    this.views.w2.reset(state.sweep, plan.w2);
    await yieldToEventLoop();
    if (mine !== this.generation) return null;
    this.views.kl.reset(state.sweep, plan.kl);
    $('kl-panel').hidden = plan.kl.length === 0;
    const sweep = { axis: 'steps', values: state.sweep, replicates: state.replicates, samplers: plan.samplers };
    const sweepDocument = experimentOf(state, this.catalogue, {
      particles: state.sweepParticles, steps: state.sweep[0], metrics: plan.metrics, sweep,
      ...(plan.bounds.length ? { bounds: plan.bounds, bound_options: { samples: boundSamples } } : {}),
    });
    // Shard i of P takes runs i, i + P, … (one worker each); every run's values go to the merger (the views' worker),
    // whose core merge gives, after k runs in order, exactly the unsharded sweep's result after k runs.
    const { runs } = await merger.request('mergeStart', { document: sweepDocument });
    const shards = this.engines.plotters.slice(0, runs);
    let progress = { runsDone: 0, runs };
    // A shard's error ends every shard's loop at its next step: their runs must not reach the shards and the merge
    // that a float64 rerun (withFloat64Fallback) starts on the same workers.
    let failed = false;
    const stopped = () => failed || mine !== this.generation;
    await Promise.all(shards.map(async (shard, index) => {
      try {
        await shard.ready;
        if (stopped()) return;
        const own = await shard.request('shardStart', { document: sweepDocument, index, count: shards.length });
        for (let done = 0; done < own.runs;) {
          const reply = await shard.request('shardAdvance', { runs: 1 });
          done = reply.runsDone;
          if (stopped()) return;
          const merged = await merger.request('mergeAdd', { runs: reply.runs });
          if (stopped()) return;
          if (merged.runsDone <= progress.runsDone) continue; // an earlier run is still on its way
          progress = merged;
          timed('plots', () => {
            this.views.w2.show(progress.result, unstable);
            this.views.kl.show(progress.result, unstable);
            $('slopes').textContent = slopesSummary(progress.result.slopes, plan.slopeMetric, unstable, progress.runsDone, progress.runs);
          });
          this.progress(`convergence plot: ${progress.runsDone} of ${progress.runs} runs`, 'plot', progress.runsDone, progress.runs);
        }
      } catch (error) {
        failed = true;
        throw error;
      }
    }));
    if (mine !== this.generation) return null;
    document.body.dataset.sweep = 'done';
    this.lastSweep = progress.result;
    return progress.result;
  }

  // Cancel: every worker is terminated and started afresh; the controls stay as they are.
  async cancel() {
    this.generation += 1;
    for (const key of ['animation', 'sweep']) if (document.body.dataset[key] === 'running') document.body.dataset[key] = 'cancelled';
    $('progress').textContent = 'cancelled';
    this.stop();
    await Promise.all(everyEngine(this.engines).map((e) => e.cancel()));
  }

  stop() {
    $('cancel').hidden = true;
  }
}
