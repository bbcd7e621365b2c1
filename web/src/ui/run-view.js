// The animated run on the page: particles over the density of q_t (views/density-view.js; for CLD, whose state (x, v)
// inspect() does not evaluate, the plain particle view), then, when the run is done, the paths of a few particles and
// a time control scrubbing forward noising and reverse sampling (views/trajectory-view.js, views/time-control.js).
import { viewBounds } from '../views/density-grid.js';
import { mountDensityView } from '../views/density-view.js';
import { ParticleView } from '../views/particles.js';
import { forwardSteps, forwardThenReverse, FrameRecorder } from '../views/trajectories.js';
import { mountTrajectoryView } from '../views/trajectory-view.js';
import { mountTimeControl } from '../views/time-control.js';
import { mountCompareView } from '../views/compare-view.js';
import { timed, yieldToEventLoop } from '../timing.js';

// The values of `steps` (an iterator), with a yield to the event loop after each: forward noising of 20,000
// particles along 100 times is a few hundred milliseconds of work, which must not hold the page's thread at once.
async function inSlices(steps) {
  const out = [];
  for (const value of steps) {
    out.push(value);
    await yieldToEventLoop();
  }
  return out;
}

const gridSize = 64; // the density grid's cells per side (the core's densityGrid: a few milliseconds)
const maxFrames = 100;

export class RunView {
  // elements: {density, paths, time, compare}; inspect: (document) => Promise<inspection> (the worker's inspect());
  // densityGrid: (experiment, spec) => Promise<grid> (the worker's densityGrid(experiment, spec):
  // the grid's points and values cross to the page as a few typed arrays, not as thousands of small ones).
  constructor(elements, { inspect, densityGrid }) {
    this.elements = elements;
    this.inspect = inspect;
    this.densityGrid = densityGrid;
    this.views = [];
  }

  clear() {
    for (const v of this.views) v.destroy();
    this.views = [];
    this.control = null;
    for (const e of Object.values(this.elements)) e.replaceChildren();
    this.elements.compare.closest('section').hidden = true;
  }

  // The output of a second sampler from the same noise beside the run's output, over the same density of q_δ.
  async compare(names, other) {
    const last = this.last;
    if (!this.densities) return;
    const view = mountCompareView(this.elements.compare, { titles: names });
    this.views.push(view);
    this.elements.compare.closest('section').hidden = false;
    const grid = await this.gridAt(last.time, last.dimension);
    view.update({ grid, dimension: last.dimension, a: { positions: last.positions, count: last.count, label: names[0] },
      b: { positions: other.positions, count: other.count, label: names[1] } });
  }

  // A new run: experiment (its JSON), densities (whether inspect() evaluates q_t for it), radius (half the view's
  // width).
  begin(experiment, { densities, radius }) {
    this.clear();
    this.experiment = experiment;
    this.densities = densities;
    this.radius = radius;
    this.grids = new Map();
    this.latest = null;
    this.pending = null;
    this.gridRested = 0;
    this.recorder = new FrameRecorder();
    if (densities) {
      this.density = mountDensityView(this.elements.density, { title: 'Particles over the density of q_t' });
      this.views.push(this.density);
    } else {
      const canvas = Object.assign(document.createElement('canvas'), { className: 'particles' });
      canvas.setAttribute('role', 'img');
      this.elements.density.append(canvas);
      this.particles = new ParticleView(canvas);
      this.particles.setRadius(radius);
      this.views.push({ destroy: () => canvas.remove() });
    }
  }

  // The grids of the run that asked (a new run, begin(), starts a map of its own while an older grid is on its way).
  async gridAt(time, dimension) {
    const { grids } = this;
    if (!grids.has(time)) {
      // In 2-D the views' worker also draws the density view's background for the canvas as it is now.
      const background = dimension > 1 ? this.density.backgroundFor() : undefined;
      const spec = { time, bounds: this.bounds, nx: gridSize, ny: gridSize, dimension, background };
      grids.set(time, await timed('grid', () => this.densityGrid(this.experiment, spec)));
    }
    return grids.get(time);
  }

  boundsFor(dimension) {
    const r = this.radius;
    return dimension === 1 ? { x0: -r, x1: r, y0: 0, y1: 1 } : { x0: -r, x1: r, y0: -r, y1: r };
  }

  // The image the sampler's worker is asked to bin the next frame on (engine/worker.js; a 1-D run, drawn as a
  // histogram, is not binned), or undefined where this view draws no density (CLD's particle view). The frame then
  // carries the positions of the particles the recorder keeps.
  imageRequest() {
    return this.densities ? { ...this.density.imageFor(this.boundsFor(2)), keep: this.recorder.keep } : undefined;
  }

  label(frame) {
    return frame.phase === 'forward' ? `forward noising, t = ${frame.time.toPrecision(3)}`
      : `reverse sampling, step ${frame.stepsDone}/${frame.steps}, t = ${frame.time.toPrecision(3)}`;
  }

  // Draws one frame of the run ({positions, count, dimension, time, stepsDone, steps}) and records it.
  async frame(frame) {
    timed('record', () => this.recorder.record(frame));
    this.dimension = frame.dimension;
    if (!this.densities) {
      this.particles.draw(frame);
      const text = `${frame.count} particles, ${this.label({ ...frame, phase: 'reverse' })}`;
      this.particles.canvas.setAttribute('aria-label', text);
      return;
    }
    this.bounds ??= this.boundsFor(frame.dimension);
    // The density of q_t at the frame's time is asked for when no other is on its way and the views' worker has
    // rested three times as long as the last one took (so that it takes at most a quarter of a core from the
    // sampler's workers and the page: with grids of a few milliseconds and backgrounds of tens, resting only as long
    // gave a grid for most frames of a 10^6 run, 2.4 s of drawing on a 2-core machine); until it comes, the particles
    // are drawn over the latest one (the animation does not wait for the grid, except for its first frame).
    // A grid that arrives after a new run has begun (begin()) is not this run's: it leaves the run's state alone.
    if (!this.grids.has(frame.time) && !this.pending && performance.now() >= this.gridRested) {
      const asked = performance.now();
      const pending = this.gridAt(frame.time, frame.dimension).then((g) => {
        if (this.pending !== pending) return;
        this.latest = g;
        const now = performance.now();
        this.gridRested = now + 3 * (now - asked);
      }).finally(() => { if (this.pending === pending) this.pending = null; });
      this.pending = pending;
    }
    if (!this.latest) await this.pending;
    const grid = this.grids.get(frame.time) ?? this.latest;
    const { positions, count, dimension, image, totalCount: total } = frame;
    await this.density.updateInSlices({ grid, positions, count, dimension, image, total,
      label: this.label({ ...frame, phase: 'reverse' }) });
  }

  // The run is done: the final frame (every particle) is shown; forward noising of the output along the grid's times
  // is prepended, and the time control scrubs every recorded frame.
  async finish(last) {
    this.last = last;
    if (!this.densities) return;
    await this.pending;
    const plan = await this.inspect(this.experiment);
    const times = [...plan.times].reverse();
    const process = { mean_coeff: [...plan.process.mean_coeff].reverse(), std: [...plan.process.std].reverse() };
    const reverse = this.recorder;
    const output = reverse.frame(reverse.length - 1);
    const forward = await timed('forward-frames', () => inSlices(forwardSteps(output, times, process, { seed: 7, dimension: last.dimension })));
    const { recorder, firstReverse } = forwardThenReverse(forward, reverse, maxFrames);
    this.recorder = recorder;
    const bounds = viewBounds(last.positions, last.count, last.dimension);
    this.paths = mountTrajectoryView(this.elements.paths, { title: 'Paths of a few particles' });
    this.views.push(this.paths);
    // Of shows that overlap (a fast scrub), only the latest draws.
    let shown = 0;
    const show = async (k) => {
      const mine = ++shown;
      const f = recorder.frame(k);
      const whole = k === recorder.length - 1 ? last : f;
      const grid = await this.gridAt(f.time, last.dimension);
      const { dimension } = last;
      const { positions, count, image } = whole;
      await this.density.updateInSlices({ grid, positions, count, dimension, image, label: this.label(f) });
      if (mine !== shown) return;
      this.paths.update({ recorder, from: f.phase === 'forward' ? 0 : firstReverse, to: k, bounds, dimension, label: this.label(f) });
      this.elements.time.dataset.frame = String(k);
    };
    const label = (k) => this.label(recorder.frame(k));
    const onChange = (k) => { show(k); };
    this.control = mountTimeControl(this.elements.time, { length: recorder.length, label, onChange });
    this.views.push(this.control);
    this.control.seek(recorder.length - 1);
    await show(recorder.length - 1);
  }
}
