// Density view: the particles over the density of q_t. In 2-D a cividis heat map of q_t (from the core's inspect(),
// density-grid.js) with the contours of its highest-density regions (d3-contour, marching squares), the particles
// binned into one image (10^6 particles cost one typed-array pass, not 10^6 arcs) and optional score arrows; in 1-D a
// histogram of the particles against the exact density curve. Every canvas has role="img" with a text summary, and
// a data table: how much of the particles lies inside each highest-density region of q_t, against its mass.
//
//   const view = mountDensityView(container, {title, fractions, showScore, particleColour});
//   view.update({grid, positions, count, dimension, label, image, total});   grid: densityGrid(); positions:
//   coordinate-major.   await view.updateInSlices(data);   the same, the shares counted in slices (the page's thread
//   stays free).   view.imageFor(bounds);  view.setShowScore(bool);  view.canvas;  view.destroy();
// `label` (e.g. "reverse step 40/100") goes into the summary. `image` (optional): the particles already binned on
// the canvas's pixels over grid.bounds, {counts, nx, ny} as binParticles() gives them (e.g. by the sampler's worker
// for the spec imageFor() returns); without it, or when its size is not the canvas's and all particles are at hand,
// the view bins `positions`. `total` (optional, default count): the particles the image shows, of which `positions`
// holds the first `count`; the shares are counted on those, and the summary says so.
import { binParticles, cellSize, coverage, coverageInSlices, histogram, largestLogStep, massLevels } from './density-grid.js';
import { backgroundPixels, documentCanvas } from './background.js';
import { countPixels, maxOf, resizeCounts } from './images.js';
import { okabeIto, rgbOf } from './palette.js';
import { timed, yieldToEventLoop } from '../timing.js';
import { canvasSize, createFigure, describe, fillTable, fitCanvas, formatNumber } from './canvas.js';

const defaults = { title: 'Particles over the density of q_t', fractions: [0.25, 0.5, 0.75, 0.9], showScore: false,
  particleColour: okabeIto.vermillion };

// Canvas coordinates of a point of the plane for bounds b on a width × height canvas (y up).
const mapper = (b, width, height) => ({
  x: (x) => ((x - b.x0) / (b.x1 - b.x0)) * width,
  y: (y) => height - ((y - b.y0) / (b.y1 - b.y0)) * height,
});

// Arrows of the model's score on a coarse sub-grid (about 14 per side), the longest as long as the arrow spacing.
function drawScore(ctx, grid, width, height) {
  const step = Math.max(1, Math.round(grid.nx / 14));
  const map = mapper(grid.bounds, width, height);
  let longest = 0;
  const arrows = [];
  for (let j = Math.floor(step / 2); j < grid.ny; j += step) {
    for (let i = Math.floor(step / 2); i < grid.nx; i += step) {
      const k = j * grid.nx + i;
      const sx = grid.modelScore[2 * k];
      const sy = grid.modelScore[2 * k + 1];
      longest = Math.max(longest, Math.hypot(sx, sy));
      arrows.push([grid.xs[i], grid.ys[j], sx, sy]);
    }
  }
  if (!(longest > 0)) return;
  const spacing = (step * width) / grid.nx;
  const scale = (0.9 * spacing) / longest;
  ctx.save();
  ctx.strokeStyle = okabeIto.skyBlue;
  ctx.lineWidth = Math.max(1, width / 500);
  ctx.beginPath();
  for (const [x, y, sx, sy] of arrows) {
    const x0 = map.x(x);
    const y0 = map.y(y);
    const dx = sx * scale;
    const dy = -sy * scale;
    const length = Math.hypot(dx, dy);
    if (length < 1) continue;
    const head = Math.min(0.35 * length, spacing / 4);
    const angle = Math.atan2(dy, dx);
    ctx.moveTo(x0, y0);
    ctx.lineTo(x0 + dx, y0 + dy);
    for (const side of [-1, 1]) {
      ctx.moveTo(x0 + dx, y0 + dy);
      ctx.lineTo(x0 + dx - head * Math.cos(angle + side * 0.45), y0 + dy - head * Math.sin(angle + side * 0.45));
    }
  }
  ctx.stroke();
  ctx.restore();
}

// Whether two arrays of numbers hold the same values (a is optional).
const sameValues = (a, b) => a?.length === b.length && a.every((v, k) => v === b[k]);

// The background of every frame (background.js): the pixels the views' worker drew with the grid when they fit the
// canvas and the levels, else drawn here, once per grid, levels and size (each drawing a `sgm:background` measure).
function backgroundLayer() {
  let key = null;
  let pixels = null;
  return (grid, levels, width, height) => {
    const same = (k) => k && k.width === width && k.height === height && sameValues(k.levels, levels);
    if (same(grid.background)) return grid.background.pixels;
    if (same(key) && key.grid === grid) return pixels;
    key = { grid, levels: [...levels], width, height };
    pixels = timed('background', () => backgroundPixels(grid, levels, width, height, documentCanvas));
    return pixels;
  };
}

// The highest-density levels of a grid's q_t, computed once per grid (each frame over the same grid asks again).
function levelsCache(fractions) {
  const levels = new WeakMap();
  return (grid) => {
    const drawn = sameValues(grid.background?.fractions, fractions);
    if (!levels.has(grid)) levels.set(grid, drawn ? grid.background.levels : massLevels(grid.density, fractions));
    return levels.get(grid);
  };
}

// The frame's particle counts on the canvas's width × height pixels: the worker's image when it fits (or when only
// it holds every particle, resampled), else the particles binned here.
function frameCounts(data, width, height) {
  const { grid, positions, count, image, total = count } = data;
  const binned = image && (total > count || (image.nx === width && image.ny === height)) ? image
    : { ...timed('bin', () => binParticles(positions, count, grid.bounds, width, height)), nx: width, ny: height };
  return binned.nx === width && binned.ny === height ? binned.counts
    : resizeCounts(binned.counts, binned.nx, binned.ny, width, height);
}

// The reused RGBA buffer of the frame (layers.pixels) for width × height pixels.
function frameBuffer(layers, width, height) {
  if (layers.pixels?.length !== 4 * width * height) layers.pixels = new Uint8ClampedArray(4 * width * height);
  return layers.pixels;
}

// layers: {background: backgroundLayer(), pixels: a reused RGBA buffer of the frame}. The frame is one image, the
// particles composited over the background in the buffer (images.js countPixels), put on the canvas in one call;
// data.pixels: that image already composited for width × height (density view's updateInSlices).
function draw2d(ctx, data, options, levels, width, height, layers) {
  const { grid } = data;
  const pixels = data.pixels?.length === 4 * width * height ? data.pixels : timed('pixels', () => countPixels(
    frameCounts(data, width, height), width, height, rgbOf(options.particleColour), frameBuffer(layers, width, height),
    layers.background(grid, levels, width, height)));
  ctx.putImageData(new ImageData(pixels, width, height), 0, 0);
  if (options.showScore) drawScore(ctx, grid, width, height);
}

function draw1d(ctx, data, options, width, height) {
  const { grid, positions, count } = data;
  const { x0, x1 } = grid.bounds;
  const bins = Math.max(10, Math.min(120, Math.round(Math.sqrt(count))));
  const h = histogram(positions, count, x0, x1, bins);
  let top = 0;
  for (const v of grid.density) top = Math.max(top, v);
  for (const v of h.density) top = Math.max(top, v);
  const pad = 0.06 * height;
  const y = (v) => height - pad - (v / (1.05 * top)) * (height - 2 * pad);
  const x = (v) => ((v - x0) / (x1 - x0)) * width;
  ctx.fillStyle = '#0f1720';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = options.particleColour;
  ctx.globalAlpha = 0.75;
  h.density.forEach((d, k) => {
    const left = x(h.edges[k]);
    ctx.fillRect(left, y(d), Math.max(1, x(h.edges[k + 1]) - left - 1), y(0) - y(d));
  });
  ctx.globalAlpha = 1;
  ctx.strokeStyle = okabeIto.skyBlue;
  ctx.lineWidth = Math.max(1.5, width / 300);
  ctx.beginPath();
  grid.xs.forEach((v, i) => (i === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, x(v), y(grid.density[i])));
  ctx.stroke();
  ctx.strokeStyle = '#5a6b7c';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, y(0));
  ctx.lineTo(width, y(0));
  ctx.stroke();
  return h;
}

const pixelBand = 128; // rows of the frame's image composited per task

export function mountDensityView(container, userOptions = {}) {
  const options = { ...defaults, ...userOptions };
  const parts = createFigure(container, { title: options.title, className: 'sgm-density' });
  let last = null;
  const layers = { background: backgroundLayer(), pixels: null };
  const levelsOf = levelsCache(options.fractions);

  function update(data) {
    timed('view-update', () => draw(data));
  }

  function draw(data) {
    last = { ...data, pixels: undefined }; // the frame buffer is reused: a redraw (setShowScore) composites again
    const { grid, positions, count, dimension, label = '', total = count } = data;
    const aspect = dimension === 1 ? 0.6 : 1;
    const [width, height] = fitCanvas(parts.canvas, aspect);
    const ctx = parts.canvas.getContext('2d');
    const levels = data.levels ?? levelsOf(grid);
    const inside = data.inside ?? timed('coverage', () => coverage(positions, count, grid, levels));
    const resolved = largestLogStep(grid, levels.at(-1)) <= 1;
    let shape;
    if (dimension === 1) {
      const h = draw1d(ctx, data, options, width, height);
      shape = `Histogram of the particles (bars) against the exact density of q_t (line) on [${formatNumber(grid.bounds.x0)}, ${formatNumber(grid.bounds.x1)}]; ${h.outside === 1 ? '1 particle lies' : `${h.outside} particles lie`} outside.`;
    } else {
      draw2d(ctx, data, options, levels, width, height, layers);
      const plane = dimension > 2 ? ` (the plane of the first two of ${dimension} coordinates through 0)` : '';
      shape = `Heat map of q_t${plane} on [${formatNumber(grid.bounds.x0)}, ${formatNumber(grid.bounds.x1)}] × [${formatNumber(grid.bounds.y0)}, ${formatNumber(grid.bounds.y1)}] with the contours of its highest-density regions${options.showScore ? ' and arrows of the model score' : ''}.`;
    }
    const mass = cellSize(grid) * grid.density.reduce((a, v) => a + v, 0);
    const shares = options.fractions.map((f, l) => `${Math.round(100 * f)}%: ${(100 * inside[l]).toFixed(1)}%`).join(', ');
    const counted = total > count ? `, counted on the first ${count.toLocaleString('en')}` : '';
    describe(parts, `${total.toLocaleString('en')} particles at t = ${formatNumber(grid.time)}${label ? ` (${label})` : ''}. ${shape} `
      + `Share of particles inside the region holding a given mass of q_t${counted} — ${shares} (the grid sees ${(100 * mass).toFixed(1)}% of q_t`
      + `${resolved ? ')' : '; it is coarser than q_t\'s features, so these shares are rough: zoom in or refine the grid)'}.`);
    parts.figure.dataset.resolved = String(resolved);
    fillTable(parts.table, ['mass of q_t inside the region', 'density level', 'share of particles inside'],
      options.fractions.map((f, l) => [f, levels[l], inside[l]]));
    parts.canvas.dataset.particles = String(total);
  }

  // The drawing of update(data), with the share of particles inside each region counted in slices first (the
  // expensive part at 10^6 particles). Of calls that overlap, only the latest draws.
  let latest = 0;
  async function updateInSlices(data) {
    const mine = ++latest;
    const levels = levelsOf(data.grid);
    const inside = await timed('coverage-slices', () => coverageInSlices(data.positions, data.count, data.grid, levels));
    if (mine !== latest) return;
    let pixels;
    if (data.dimension > 1) {
      // The background (drawn here in a task of its own when the worker has not), then the particles composited over
      // it in bands of rows with a yield between them: a frame of 10^6 particles covers most of the canvas's pixels,
      // and one pass held the page's thread for 20-45 ms on this loaded machine.
      const [width, height] = canvasSize(parts.canvas, 1);
      const under = layers.background(data.grid, levels, width, height);
      await yieldToEventLoop();
      if (mine !== latest) return;
      const counts = frameCounts(data, width, height);
      const max = maxOf(counts);
      pixels = frameBuffer(layers, width, height);
      for (let from = 0; from < height; from += pixelBand) {
        const to = Math.min(height, from + pixelBand);
        timed('pixels', () => countPixels(counts, width, height, rgbOf(options.particleColour), pixels, under, { from, to, max }));
        await yieldToEventLoop();
        if (mine !== latest) return;
      }
    }
    update({ ...data, levels, inside, pixels });
  }

  return {
    canvas: parts.canvas,
    figure: parts.figure,
    update,
    updateInSlices,
    // What the views' worker needs to draw this view's background with a grid (background.js workerBackground).
    backgroundFor() {
      const [width, height] = canvasSize(parts.canvas, 1);
      return { width, height, fractions: options.fractions };
    },
    // The image update() draws the particles on in 2-D, for a grid over `bounds`: {bounds, nx, ny} (the canvas's
    // pixels). A 1-D run is a histogram of the positions instead.
    imageFor(bounds) {
      const [nx, ny] = canvasSize(parts.canvas, 1);
      return { bounds, nx, ny };
    },
    setShowScore(show) {
      options.showScore = show;
      if (last) update(last);
    },
    destroy() { parts.figure.remove(); },
  };
}
