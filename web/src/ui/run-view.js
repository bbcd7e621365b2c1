// The animated run on the page: particles over the density of q_t (views/density-view.js; for CLD, whose state (x, v)
// inspect() does not evaluate, the plain particle view), then, when the run is done, the paths of a few particles and
// a time control scrubbing forward noising and reverse sampling (views/trajectory-view.js, views/time-control.js).
import { densityRequest, readDensity, viewBounds } from '../views/density-grid.js';
import { mountDensityView } from '../views/density-view.js';
import { ParticleView } from '../views/particles.js';
import { FrameRecorder, forwardFrames } from '../views/trajectories.js';
import { mountTrajectoryView } from '../views/trajectory-view.js';
import { mountTimeControl } from '../views/time-control.js';
import { mountCompareView } from '../views/compare-view.js';
import { clearTimings, timed } from '../timing.js';

const gridSize = 64; // inspect() of a 64 × 64 grid takes a few hundred milliseconds
const maxFrames = 100;

export class RunView {
  // elements: {density, paths, time, compare}; inspect: (document) => Promise<inspection> (the worker's inspect()).
  constructor(elements, inspect) {
    this.elements = elements;
    this.inspect = inspect;
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
    clearTimings();
    this.experiment = experiment;
    this.densities = densities;
    this.radius = radius;
    this.grids = new Map();
    this.latest = null;
    this.pending = null;
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

  async gridAt(time, dimension) {
    if (!this.grids.has(time)) {
      const spec = { time, bounds: this.bounds, nx: gridSize, ny: gridSize, dimension };
      const inspection = await this.inspect(densityRequest(this.experiment, spec));
      this.grids.set(time, timed('grid-read', () => readDensity(inspection, spec)));
    }
    return this.grids.get(time);
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
    const r = this.radius;
    this.bounds ??= frame.dimension === 1 ? { x0: -r, x1: r, y0: 0, y1: 1 } : { x0: -r, x1: r, y0: -r, y1: r };
    // The density of q_t at the frame's time is asked for when no other is on its way; until it comes, the particles
    // are drawn over the latest one (the animation does not wait for the grid, except for its first frame).
    if (!this.grids.has(frame.time) && !this.pending) {
      this.pending = this.gridAt(frame.time, frame.dimension).then((g) => { this.latest = g; })
        .finally(() => { this.pending = null; });
    }
    if (!this.latest) await this.pending;
    const grid = this.grids.get(frame.time) ?? this.latest;
    this.density.update({ grid, positions: frame.positions, count: frame.count, dimension: frame.dimension,
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
    const recorder = new FrameRecorder();
    const output = reverse.frame(reverse.length - 1);
    const forward = timed('forward-frames', () => forwardFrames(output, times, process, { seed: 7, dimension: last.dimension }));
    const every = Math.max(1, Math.ceil(forward.length / maxFrames));
    forward.forEach((f, k) => { if (k % every === 0 || k === forward.length - 1) recorder.record(f, 'forward'); });
    const firstReverse = recorder.length;
    recorder.frames.push(...reverse.frames);
    this.recorder = recorder;
    const bounds = viewBounds(last.positions, last.count, last.dimension);
    this.paths = mountTrajectoryView(this.elements.paths, { title: 'Paths of a few particles' });
    this.views.push(this.paths);
    const show = async (k) => {
      const f = recorder.frame(k);
      const whole = k === recorder.length - 1 ? last : f;
      const grid = await this.gridAt(f.time, last.dimension);
      const { dimension } = last;
      this.density.update({ grid, positions: whole.positions, count: whole.count, dimension, label: this.label(f) });
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
