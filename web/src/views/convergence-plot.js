// The convergence plot: sliced W2 between the sampler's output and an exact sample of q_δ, against the number of
// steps N, on log-log axes (uPlot), one series per sampler, with the Monte Carlo floor (sliced W2 between two
// independent exact samples of the same size: the size of the estimate's own sampling noise) and a reference line of slope -1
// (first-order samplers, theory §1).
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const colours = ['#e8793a', '#3a8ee8', '#45b36b', '#b35cc9'];

export class ConvergencePlot {
  constructor(element) {
    this.element = element;
    this.plot = null;
  }

  // stepCounts: x values; samplers: series names. Values arrive point by point through set().
  reset(stepCounts, samplers) {
    this.stepCounts = [...stepCounts].sort((a, b) => a - b);
    this.samplers = samplers;
    this.values = samplers.map(() => this.stepCounts.map(() => null));
    this.floor = this.stepCounts.map(() => null);
    this.reference = this.stepCounts.map(() => null);
    if (this.plot) this.plot.destroy();
    const width = Math.max(280, this.element.clientWidth);
    const series = [
      { label: 'steps N' },
      ...samplers.map((name, i) => ({ label: `${name}: sliced W2`, stroke: colours[i % colours.length], width: 2, points: { size: 7 } })),
      { label: 'Monte Carlo floor', stroke: '#8a99a8', dash: [6, 4], width: 1.5, points: { show: false } },
      { label: 'slope −1', stroke: '#c9c9c9', dash: [2, 4], width: 1, points: { show: false } },
    ];
    this.plot = new uPlot(
      {
        width,
        height: Math.round(Math.min(360, 0.7 * width)),
        scales: { x: { time: false, distr: 3 }, y: { distr: 3 } },
        axes: [{ label: 'number of steps N', stroke: '#c8d3de' }, { label: 'sliced W2 to q_δ', stroke: '#c8d3de', size: 60 }],
        series,
      },
      this.data(),
      this.element,
    );
    this.element.dataset.points = '0';
  }

  data() {
    return [this.stepCounts, ...this.values, this.floor, this.reference];
  }

  set(samplerIndex, steps, value, floor) {
    const i = this.stepCounts.indexOf(steps);
    this.values[samplerIndex][i] = value;
    this.floor = this.floor.map(() => floor);
    // The reference line passes through the first sampler's value at the smallest N: C / N.
    const anchor = this.values[0][0];
    if (anchor !== null) this.reference = this.stepCounts.map((n) => (anchor * this.stepCounts[0]) / n);
    this.plot.setData(this.data());
    this.element.dataset.points = String(this.values.flat().filter((v) => v !== null).length);
  }
}
