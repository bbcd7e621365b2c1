// A convergence plot: series of a sweep's result (core Sweep: replicate means with CLT intervals) against the
// number of steps N on log-log axes (uPlot). A series is one metric (or bound) of one sampler; measured series get
// error bars from their intervals; an optional reference line of slope −1 passes through the first series' first
// point (first-order samplers, theory §1).
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export const colours = ['#e8793a', '#3a8ee8', '#45b36b', '#b35cc9'];

// uPlot draws lines and points; this hook adds the vertical interval [lower, upper] of every point that has one.
function errorBars(plot, intervals, strokes) {
  const ctx = plot.ctx;
  ctx.save();
  ctx.setLineDash([]);
  ctx.lineWidth = 1.5 * devicePixelRatio;
  intervals.forEach((series, s) => {
    if (!series) return;
    ctx.strokeStyle = strokes[s];
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
  // spec: {yLabel, reference: bool, series: [{sampler, metric, label, stroke, dash, bars, flat}]}; `flat` series
  // (e.g. a Monte Carlo floor) are drawn at the mean of their points.
  constructor(element, spec) {
    this.element = element;
    this.spec = spec;
    this.plot = null;
  }

  reset(stepCounts, series) {
    this.stepCounts = [...stepCounts].sort((a, b) => a - b);
    this.series = series;
    const empty = () => this.stepCounts.map(() => null);
    this.values = series.map(empty);
    this.intervals = series.map((s) => (s.bars ? empty() : null));
    this.reference = empty();
    if (this.plot) this.plot.destroy();
    const width = Math.max(280, this.element.clientWidth);
    const uSeries = [{ label: 'steps N' }, ...series.map((s) => ({
      label: s.label, stroke: s.stroke, width: s.dash ? 1.5 : 2, dash: s.dash,
      points: { show: !s.dash && !s.flat, size: 7 },
    }))];
    if (this.spec.reference) uSeries.push({ label: 'slope −1', stroke: '#c9c9c9', dash: [2, 4], width: 1, points: { show: false } });
    this.plot = new uPlot(
      {
        width,
        height: Math.round(Math.min(340, 0.65 * width)),
        scales: { x: { time: false, distr: 3 }, y: { distr: 3 } },
        axes: [{ label: 'number of steps N', stroke: '#c8d3de' }, { label: this.spec.yLabel, stroke: '#c8d3de', size: 60 }],
        series: uSeries,
        hooks: { draw: [(u) => errorBars(u, this.intervals, series.map((s) => s.stroke))] },
      },
      this.data(),
      this.element,
    );
    this.element.dataset.points = '0';
  }

  data() {
    return [this.stepCounts, ...this.values, ...(this.spec.reference ? [this.reference] : [])];
  }

  // result: the JSON of a (possibly partial) sweep. Returns the number of measured points shown.
  show(result) {
    let count = 0;
    this.series.forEach((s, k) => {
      const points = result.points.filter((p) => p.sampler === s.sampler && p.metrics[s.metric]);
      for (const p of points) {
        const i = this.stepCounts.indexOf(p.value);
        const e = p.metrics[s.metric];
        this.values[k][i] = e.mean > 0 ? e.mean : null;
        if (this.intervals[k]) this.intervals[k][i] = [e.lower, e.upper];
        if (s.bars) count += 1;
      }
      if (s.flat && points.length) {
        const mean = points.reduce((a, p) => a + p.metrics[s.metric].mean, 0) / points.length;
        this.values[k] = this.stepCounts.map(() => mean);
      }
    });
    const anchor = this.values.length ? this.values[0][0] : null;
    if (this.spec.reference && anchor !== null) {
      this.reference = this.stepCounts.map((n) => (anchor * this.stepCounts[0]) / n);
    }
    this.plot.setData(this.data());
    this.element.dataset.points = String(count);
    return count;
  }
}
