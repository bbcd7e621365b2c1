// The convergence plot: a sweep's result (core Sweep: replicate means with CLT intervals, fitted log-log slopes)
// drawn on log-log axes with uPlot. One series per sampler for the measured error (sliced W2 between the output and
// an exact sample of q_δ) with error bars, the Monte Carlo floor (the same distance between two independent exact
// samples: the estimate's own noise) and a reference line of slope −1 (first-order samplers, theory §1).
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const colours = ['#e8793a', '#3a8ee8', '#45b36b', '#b35cc9'];
const measured = 'sliced_w2';
const floorMetric = 'sliced_w2_floor';

// uPlot draws lines and points; this hook adds the vertical interval [lower, upper] of every measured point.
function errorBars(plot, intervals) {
  const ctx = plot.ctx;
  ctx.save();
  ctx.setLineDash([]);
  ctx.lineWidth = 1.5 * devicePixelRatio;
  intervals.forEach((series, s) => {
    ctx.strokeStyle = colours[s % colours.length];
    series.forEach((bar, i) => {
      if (!bar || !(bar[0] > 0) || !(bar[1] > 0)) return;
      const x = plot.valToPos(plot.data[0][i], 'x', true);
      const y0 = plot.valToPos(bar[0], 'y', true);
      const y1 = plot.valToPos(bar[1], 'y', true);
      ctx.beginPath();
      ctx.moveTo(x, y0);
      ctx.lineTo(x, y1);
      ctx.moveTo(x - 4, y0);
      ctx.lineTo(x + 4, y0);
      ctx.moveTo(x - 4, y1);
      ctx.lineTo(x + 4, y1);
      ctx.stroke();
    });
  });
  ctx.restore();
}

export class ConvergencePlot {
  constructor(element) {
    this.element = element;
    this.plot = null;
  }

  reset(stepCounts, samplers) {
    this.stepCounts = [...stepCounts].sort((a, b) => a - b);
    this.samplers = samplers;
    this.intervals = samplers.map(() => this.stepCounts.map(() => null));
    const empty = () => this.stepCounts.map(() => null);
    this.series = { values: samplers.map(empty), floor: empty(), reference: empty() };
    if (this.plot) this.plot.destroy();
    const width = Math.max(280, this.element.clientWidth);
    this.plot = new uPlot(
      {
        width,
        height: Math.round(Math.min(360, 0.7 * width)),
        scales: { x: { time: false, distr: 3 }, y: { distr: 3 } },
        axes: [{ label: 'number of steps N', stroke: '#c8d3de' }, { label: 'sliced W2 to q_δ', stroke: '#c8d3de', size: 60 }],
        series: [
          { label: 'steps N' },
          ...samplers.map((name, i) => ({ label: `${name}: sliced W2`, stroke: colours[i % colours.length], width: 2, points: { size: 7 } })),
          { label: 'Monte Carlo floor', stroke: '#8a99a8', dash: [6, 4], width: 1.5, points: { show: false } },
          { label: 'slope −1', stroke: '#c9c9c9', dash: [2, 4], width: 1, points: { show: false } },
        ],
        hooks: { draw: [(u) => errorBars(u, this.intervals)] },
      },
      this.data(),
      this.element,
    );
    this.element.dataset.points = '0';
  }

  data() {
    return [this.stepCounts, ...this.series.values, this.series.floor, this.series.reference];
  }

  // result: the JSON of a (possibly partial) sweep. Returns the fitted slopes of the measured error, per sampler.
  show(result) {
    let count = 0;
    const floors = [];
    for (const point of result.points) {
      const s = this.samplers.indexOf(point.sampler);
      const i = this.stepCounts.indexOf(point.value);
      if (s < 0 || i < 0) continue;
      const e = point.metrics[measured];
      this.series.values[s][i] = e.mean;
      this.intervals[s][i] = [e.lower, e.upper];
      if (point.metrics[floorMetric]) floors.push(point.metrics[floorMetric].mean);
      count += 1;
    }
    if (floors.length) {
      const floor = floors.reduce((a, b) => a + b, 0) / floors.length;
      this.series.floor = this.stepCounts.map(() => floor);
    }
    // The reference line passes through the first sampler's value at the smallest N: C / N.
    const anchor = this.series.values[0][0];
    if (anchor !== null) this.series.reference = this.stepCounts.map((n) => (anchor * this.stepCounts[0]) / n);
    this.plot.setData(this.data());
    this.element.dataset.points = String(count);
    return result.slopes.filter((s) => s.metric === measured);
  }
}
