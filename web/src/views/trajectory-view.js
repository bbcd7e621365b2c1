// Trajectory view: the paths of a few particles (one polyline each, Okabe–Ito colours) over recorded frames, above a
// faint image of all recorded particles of the current frame. In 1-D the path is x against the frame (time runs to
// the right). Canvas role="img" with a text summary; the data table lists each path's start and current position.
//
//   const view = mountTrajectoryView(container, {title});
//   view.update({recorder, from, to, bounds, dimension, label});   recorder: trajectories.js FrameRecorder;
//   frames from..to (inclusive) are drawn, `to` being the current one.   view.canvas;  view.destroy();
import { binParticles } from './density-grid.js';
import { countPixels } from './images.js';
import { seriesColours } from './palette.js';
import { createFigure, describe, drawPixels, fillTable, fitCanvas, formatNumber } from './canvas.js';

export function mountTrajectoryView(container, { title = 'Paths of a few particles' } = {}) {
  const parts = createFigure(container, { title, className: 'sgm-trajectories' });

  function update({ recorder, from, to, bounds, dimension, label = '' }) {
    const aspect = dimension === 1 ? 0.6 : 1;
    const [width, height] = fitCanvas(parts.canvas, aspect);
    const ctx = parts.canvas.getContext('2d');
    ctx.fillStyle = '#0f1720';
    ctx.fillRect(0, 0, width, height);
    const paths = recorder.paths(from, to);
    const frames = to - from + 1;
    const current = recorder.frame(to);
    // Coordinates: 2-D the plane; 1-D x upwards against the frame index to the right.
    const px = dimension === 1 ? (k) => (frames > 1 ? (k / (frames - 1)) * width : width / 2) : null;
    const mapX = (x) => ((x - bounds.x0) / (bounds.x1 - bounds.x0)) * width;
    const mapY = dimension === 1 ? (x) => height - ((x - bounds.x0) / (bounds.x1 - bounds.x0)) * height
      : (y) => height - ((y - bounds.y0) / (bounds.y1 - bounds.y0)) * height;
    if (dimension > 1) {
      const { counts } = binParticles(current.positions, current.count, bounds, width, height);
      drawPixels(ctx, countPixels(counts, width, height, [138, 153, 168]), width, height);
    }
    ctx.lineWidth = Math.max(1.5, width / 350);
    ctx.lineJoin = 'round';
    paths.forEach((path, i) => {
      ctx.strokeStyle = seriesColours[i % seriesColours.length];
      ctx.fillStyle = ctx.strokeStyle;
      ctx.beginPath();
      let hx = 0;
      let hy = 0;
      for (let k = 0; k < frames; k++) {
        hx = dimension === 1 ? px(k) : mapX(path[2 * k]);
        hy = mapY(dimension === 1 ? path[2 * k] : path[2 * k + 1]);
        if (k === 0) ctx.moveTo(hx, hy);
        else ctx.lineTo(hx, hy);
      }
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(hx, hy, Math.max(3, width / 120), 0, 2 * Math.PI);
      ctx.fill();
    });
    const where = (path, k) => (dimension === 1 ? formatNumber(path[2 * k]) : `(${formatNumber(path[2 * k])}, ${formatNumber(path[2 * k + 1])})`);
    const travelled = paths.map((path) => {
      let s = 0;
      for (let k = 1; k < frames; k++) {
        s += Math.hypot(path[2 * k] - path[2 * k - 2], path[2 * k + 1] - path[2 * k - 1]);
      }
      return s;
    });
    const mean = travelled.reduce((a, v) => a + v, 0) / Math.max(1, travelled.length);
    describe(parts, `${paths.length} particle paths over ${frames} frames, now at t = ${formatNumber(current.time)}`
      + `${label ? ` (${label})` : ''}; mean length of a path so far ${formatNumber(mean)}.`
      + `${dimension > 1 ? ` Grey: the ${current.count.toLocaleString('en')} recorded particles of this frame.` : ''}`);
    fillTable(parts.table, ['particle', 'start', 'now', 'path length'],
      paths.map((path, i) => [i, where(path, 0), where(path, frames - 1), travelled[i]]));
  }

  return { canvas: parts.canvas, figure: parts.figure, update, destroy() { parts.figure.remove(); } };
}
