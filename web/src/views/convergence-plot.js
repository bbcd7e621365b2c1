// A convergence plot: series of a sweep's result (core Sweep: replicate means with CLT intervals) against the
// number of steps N on log-log axes (uPlot). A series is one metric (or bound) of one sampler; measured series get
// error bars from their intervals; an optional reference line of slope −1 passes through the first series' first
// point (first-order samplers, theory §1). Every series has a checkbox (keyboard operable) that shows or hides it;
// the y axis spans the visible series only, so one large bound cannot squash the measured points. The canvas is
// role="img" with a text summary, a data table is the alternative, and the plot follows its container's width.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from '../format.js';
import { layoutWidth } from './canvas.js';

// uPlot draws lines and points; this hook adds the vertical interval [lower, upper] of every point that has one.
function errorBars(plot, intervals, strokes) {
  const ctx = plot.ctx;
  ctx.save();
  ctx.setLineDash([]);
  ctx.lineWidth = 1.5 * devicePixelRatio;
  intervals.forEach((series, s) => {
    if (!series || !plot.series[s + 1].show) return;
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

const heightOf = (width) => Math.round(Math.max(200, Math.min(340, 0.65 * width)));

export class ConvergencePlot {
  // element: the plot's container; spec: {title, yLabel, reference: bool}.
  constructor(element, spec) {
    this.element = element;
    this.spec = spec;
    this.plot = null;
    this.canvasBox = element.appendChild(document.createElement('div'));
    this.toggles = element.appendChild(document.createElement('fieldset'));
    this.toggles.className = 'series-toggles';
    const details = element.appendChild(document.createElement('details'));
    details.append(Object.assign(document.createElement('summary'), { textContent: `Data table: ${spec.title}` }));
    this.table = details.appendChild(document.createElement('table'));
    this.resizer = new ResizeObserver(() => this.resize());
    this.resizer.observe(element);
  }

  resize() { // the observer's callback: the layout is done, reading the width is free
    if (!this.plot) return;
    const width = Math.max(200, Math.floor(this.element.clientWidth));
    if (Math.abs(width - this.plot.width) > 1) this.plot.setSize({ width, height: heightOf(width) });
  }

  // series: [{sampler, metric, label, stroke, dash, bars, flat, hidden}]; `flat` series (a Monte Carlo floor) are
  // drawn at the mean of their points; `hidden` ones start unchecked.
  reset(stepCounts, series) {
    this.stepCounts = [...stepCounts].sort((a, b) => a - b);
    this.series = series;
    const empty = () => this.stepCounts.map(() => null);
    this.values = series.map(empty);
    this.intervals = series.map((s) => (s.bars ? empty() : null));
    this.reference = empty();
    this.plot?.destroy();
    const width = Math.max(200, Math.floor(layoutWidth(this.element)));
    const uSeries = [{ label: 'steps N' }, ...series.map((s) => ({
      label: s.label, stroke: s.stroke, width: s.dash ? 1.5 : 2, dash: s.dash, show: !s.hidden,
      points: { show: !s.dash && !s.flat, size: 7 },
    }))];
    if (this.spec.reference) uSeries.push({ label: 'slope −1', stroke: '#c9c9c9', dash: [2, 4], width: 1, points: { show: false } });
    this.plot = new uPlot(
      {
        width,
        height: heightOf(width),
        legend: { show: false },
        scales: { x: { time: false, distr: 3 }, y: { distr: 3 } },
        axes: [{ label: 'number of steps N', stroke: '#c8d3de' }, { label: this.spec.yLabel, stroke: '#c8d3de', size: 60 }],
        series: uSeries,
        hooks: { draw: [(u) => errorBars(u, this.intervals, series.map((s) => s.stroke))] },
      },
      this.data(),
      this.canvasBox,
    );
    const canvas = this.canvasBox.querySelector('canvas');
    canvas.setAttribute('role', 'img');
    this.drawToggles();
    this.element.dataset.points = '0';
    this.describe();
  }

  drawToggles() {
    this.toggles.replaceChildren(Object.assign(document.createElement('legend'), { textContent: 'Curves shown' }));
    this.series.forEach((s, k) => {
      const label = document.createElement('label');
      const box = Object.assign(document.createElement('input'), { type: 'checkbox', checked: !s.hidden });
      box.dataset.series = s.label;
      box.addEventListener('change', () => {
        this.plot.setSeries(k + 1, { show: box.checked });
        this.plot.redraw(true, true); // rescale to the visible series
      });
      const swatch = Object.assign(document.createElement('span'), { className: `swatch${s.dash ? ' dashed' : ''}` });
      swatch.dataset.colour = s.stroke;
      label.append(box, swatch, s.label);
      this.toggles.append(label);
    });
    // Swatch colours through the CSSOM (style-src 'self' forbids inline style attributes, not CSSOM properties).
    for (const swatch of this.toggles.querySelectorAll('.swatch')) swatch.style.borderColor = swatch.dataset.colour;
  }

  data() {
    return [this.stepCounts, ...this.values, ...(this.spec.reference ? [this.reference] : [])];
  }

  // result: the JSON of a (possibly partial) sweep; unstable: step counts past a sampler's stability limit, per
  // sampler. Returns the number of measured points shown.
  show(result, unstable = {}) {
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
    this.unstable = unstable;
    this.describe();
    return count;
  }

  // No points (after an error: stale numbers must not sit beside it).
  clear() {
    if (!this.plot) return;
    this.reset(this.stepCounts, this.series);
  }

  // The text summary (the canvas's accessible name) and the data table.
  describe() {
    const past = (s, n) => (this.unstable?.[s.sampler] ?? []).includes(n);
    const header = ['N', ...this.series.map((s) => s.label)];
    const rows = this.stepCounts.map((n, i) => [n, ...this.series.map((s, k) => {
      const v = this.values[k][i];
      const bar = this.intervals[k]?.[i];
      if (v === null) return '—';
      return `${formatNumber(v)}${bar ? ` [${formatNumber(bar[0])}, ${formatNumber(bar[1])}]` : ''}${past(s, n) ? ' (past the stability limit)' : ''}`;
    })]);
    this.table.replaceChildren();
    for (const [r, cells] of [header, ...rows].entries()) {
      const tr = this.table.insertRow();
      for (const c of cells) tr.append(Object.assign(document.createElement(r === 0 ? 'th' : 'td'), { textContent: String(c) }));
    }
    const measured = this.series.map((s, k) => {
      const points = this.values[k].filter((v) => v !== null).length;
      return points ? `${s.label}: ${points} points, ${formatNumber(this.values[k].find((v) => v !== null))} at the smallest N` : '';
    }).filter(Boolean);
    const canvas = this.canvasBox.querySelector('canvas');
    canvas?.setAttribute('aria-label', `${this.spec.title} against the number of steps N (log-log). `
      + `${measured.length ? measured.join('; ') : 'No points yet'}. The data table below lists every value.`);
  }
}
