// The density view's background (density-view.js): the heat map of q_t (cividis of sqrt(q/max q), dimmed to leave
// room for the particles) scaled to the canvas with smoothing, and the contours of its highest-density regions
// (d3-contour, marching squares), as opaque RGBA pixels that every frame's particles are composited over. Drawn once
// per grid: in the views' worker, on an OffscreenCanvas, with the grid it reads (engine/worker.js densityGrid), so
// that the page's thread only composites; on the page's thread where a worker has no OffscreenCanvas.
import { contours } from 'd3-contour';
import { massLevels } from './density-grid.js';
import { densityPixels } from './images.js';

// A width × height canvas: makeCanvas(width, height) for the page's thread, or an OffscreenCanvas in a worker.
export const documentCanvas = (width, height) => Object.assign(document.createElement('canvas'), { width, height });
const offscreenCanvas = (width, height) => new OffscreenCanvas(width, height);

function drawContours(ctx, grid, levels, width, height) {
  const sx = width / grid.nx;
  const sy = height / grid.ny;
  const generator = contours().size([grid.nx, grid.ny]).thresholds(levels);
  ctx.save();
  ctx.lineWidth = Math.max(1, width / 400);
  levels.forEach((level, l) => {
    const geometry = generator.contour(grid.density, level);
    ctx.strokeStyle = `rgba(255, 255, 255, ${0.35 + (0.5 * (levels.length - l)) / levels.length})`;
    ctx.beginPath();
    for (const polygon of geometry.coordinates) {
      for (const ring of polygon) {
        // d3-contour's grid coordinates: value k = j nx + i sits at (i + 0.5, j + 0.5); row 0 is our bottom row.
        ring.forEach(([gx, gy], k) => (k === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, gx * sx, height - gy * sy));
        ctx.closePath();
      }
    }
    ctx.stroke();
  });
  ctx.restore();
}

// The background of `grid` with the contours at `levels` on width × height pixels (a Uint8ClampedArray).
export function backgroundPixels(grid, levels, width, height, makeCanvas) {
  const heat = makeCanvas(grid.nx, grid.ny);
  heat.getContext('2d').putImageData(new ImageData(densityPixels(grid.density, grid.nx, grid.ny, 0.6), grid.nx, grid.ny), 0, 0);
  const ctx = makeCanvas(width, height).getContext('2d', { willReadFrequently: true });
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(heat, 0, 0, width, height);
  drawContours(ctx, grid, levels, width, height);
  return ctx.getImageData(0, 0, width, height).data;
}

// For a grid read in a worker: {pixels, width, height, fractions, levels}, the background of spec {width, height,
// fractions} with the contours of the regions holding those mass fractions; null where the worker has no
// OffscreenCanvas (the page draws it then).
export function workerBackground(grid, { width, height, fractions }) {
  if (typeof OffscreenCanvas !== 'function' || grid.ny < 2) return null;
  const levels = massLevels(grid.density, fractions);
  return { pixels: backgroundPixels(grid, levels, width, height, offscreenCanvas), width, height, fractions, levels };
}
