// Compare view: the outputs of two samplers run from the same noise (same seed), side by side over the same density
// of q_t, each a density view (density-view.js), and a summary of how far particle i of one run lies from particle i
// of the other (compare.js: the root mean square is an upper bound on W2 between the two outputs).
//
//   const view = mountCompareView(container, {titles: ['ei', 'em']});
//   view.update({grid, dimension, a: {positions, count, label}, b: {positions, count, label}});
//   view.views (the two density views);  view.destroy();
import { pairedDistance } from './compare.js';
import { mountDensityView } from './density-view.js';
import { okabeIto } from './palette.js';
import { formatNumber } from './canvas.js';

export function mountCompareView(container, { titles = ['first sampler', 'second sampler'] } = {}) {
  const root = document.createElement('div');
  root.className = 'sgm-compare';
  container.append(root);
  const views = [
    mountDensityView(root, { title: titles[0], particleColour: okabeIto.vermillion }),
    mountDensityView(root, { title: titles[1], particleColour: okabeIto.skyBlue }),
  ];
  const summary = document.createElement('p');
  summary.className = 'sgm-compare-summary';
  summary.setAttribute('aria-live', 'polite');
  root.append(summary);

  function update({ grid, dimension, a, b }) {
    views[0].update({ grid, dimension, positions: a.positions, count: a.count, label: a.label });
    views[1].update({ grid, dimension, positions: b.positions, count: b.count, label: b.label });
    const count = Math.min(a.count, b.count);
    const plane = Math.min(2, dimension);
    const d = pairedDistance(a.positions, b.positions, count, plane);
    summary.textContent = `Same noise, particle by particle (${count.toLocaleString('en')} pairs, `
      + `${plane === 1 ? 'the coordinate shown' : 'the two coordinates shown'}): mean distance ${formatNumber(d.mean)}, `
      + `root mean square ${formatNumber(d.rms)} (an upper bound on W2 between the two outputs there), largest ${formatNumber(d.max)}.`;
    root.dataset.rms = String(d.rms);
  }

  return { element: root, views, update, destroy() { views.forEach((v) => v.destroy()); root.remove(); } };
}
