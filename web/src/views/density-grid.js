// The numbers behind the density view, DOM-free: the grid of q_t from the core's densityGrid() as typed arrays, the
// highest-density levels of q_t and the share of particles inside each, particle binning (one typed-array pass: 10^6
// particles cost a few tens of milliseconds) and 1-D histograms.
//
// Conventions. Particle positions are coordinate-major, as the sampler worker sends them: x of all `count`
// particles, then y (a 1-D run has y = 0). A grid is `nx` × `ny` cell centres over bounds {x0, x1, y0, y1}, stored
// row-major from the bottom row: value k = j nx + i belongs to (xs[i], ys[j]). A 1-D grid has ny = 1.
import { yieldToEventLoop } from '../timing.js';

// Cell centres of `n` equal cells on [a, b].
function centres(a, b, n) {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a + ((i + 0.5) * (b - a)) / n;
  return out;
}

export function gridAxes(bounds, nx, ny) {
  const ys = ny > 1 ? centres(bounds.y0, bounds.y1, ny) : new Float64Array([0]);
  return { xs: centres(bounds.x0, bounds.x1, nx), ys };
}

// The density grid of an experiment at forward time `time` over nx × ny cells of bounds (one row in 1-D): the core's
// densityGrid() (wasm/bindings.cpp; log q_t, the exact score and the model's score at the cell centres, the points
// of gridAxes, which the core computes the same way, core/sgm/experiment/cell_grid.hpp) read as {time, bounds, nx, ny,
// xs, ys, logDensity, density, score, modelScore}, the two score fields as interleaved (s_x, s_y) pairs per point
// (s_y = 0 in 1-D). Targets of dimension d > 2 are shown on the plane of their first two coordinates through 0. sgm:
// a loaded WebAssembly build; the experiment's own fields are kept, so the core builds the same objects as the run.
export function densityGrid(sgm, experiment, { time, bounds, nx, ny, dimension }) {
  if (!(dimension >= 1)) throw new Error(`density grid: dimension = ${dimension} must be at least 1`);
  const rows = dimension === 1 ? 1 : ny;
  const field = sgm.densityGrid(JSON.stringify(experiment), time, bounds.x0, bounds.x1, bounds.y0, bounds.y1, nx, rows);
  return { time: field.time, bounds, nx, ny: rows, ...gridAxes(bounds, nx, rows), logDensity: field.logDensity,
    density: field.logDensity.map(Math.exp), score: field.score, modelScore: field.modelScore };
}

// Area (2-D) or length (1-D) of one grid cell.
export function cellSize(grid) {
  const w = (grid.bounds.x1 - grid.bounds.x0) / grid.nx;
  return grid.ny > 1 ? (w * (grid.bounds.y1 - grid.bounds.y0)) / grid.ny : w;
}

// Highest-density levels: for each mass fraction f, the density c whose region {q_t > c} holds the fraction f of the
// mass the grid sees (quadrature: cells sorted by density, cumulative sum). Returned in the order of `fractions`.
export function massLevels(density, fractions) {
  const sorted = Float64Array.from(density).sort().reverse();
  const total = sorted.reduce((a, v) => a + v, 0);
  return fractions.map((f) => {
    let cumulative = 0;
    for (let k = 0; k < sorted.length; k++) {
      cumulative += sorted[k];
      if (cumulative >= f * total) return sorted[k];
    }
    return 0;
  });
}

// q_t at (x, y) by bilinear interpolation between cell centres (constant beyond the outer centres; 0 off the grid).
export function densityAt(grid, x, y) {
  const { bounds, nx, ny, density } = grid;
  if (x < bounds.x0 || x > bounds.x1 || (ny > 1 && (y < bounds.y0 || y > bounds.y1))) return 0;
  const clampIndex = (u, n) => Math.min(n - 1, Math.max(0, u));
  const u = ((x - bounds.x0) / (bounds.x1 - bounds.x0)) * nx - 0.5;
  const i0 = clampIndex(Math.floor(u), nx);
  const i1 = clampIndex(i0 + 1, nx);
  const fx = Math.min(1, Math.max(0, u - i0));
  if (ny === 1) return (1 - fx) * density[i0] + fx * density[i1];
  const v = ((y - bounds.y0) / (bounds.y1 - bounds.y0)) * ny - 0.5;
  const j0 = clampIndex(Math.floor(v), ny);
  const j1 = clampIndex(j0 + 1, ny);
  const fy = Math.min(1, Math.max(0, v - j0));
  const row = (j) => (1 - fx) * density[j * nx + i0] + fx * density[j * nx + i1];
  return (1 - fy) * row(j0) + fy * row(j1);
}

// The share of particles inside each highest-density region {q_t > level}: for an exact sample of q_t it is close
// to the region's mass f (binomial standard deviation sqrt(f(1 - f)/n)).
export function coverage(positions, count, grid, levels) {
  const inside = new Float64Array(levels.length);
  countInside(positions, count, grid, levels, 0, count, inside);
  return sharesOf(inside, count);
}

// coverage() in slices of `slice` particles with a yield to the event loop between them, so that 10^6 particles
// (about 50 ms of work; a slice of 2^16 took 39 ms on this loaded machine) never hold the page's thread for long.
// The same counts, so the same shares, as coverage().
export async function coverageInSlices(positions, count, grid, levels, slice = 1 << 15) {
  const inside = new Float64Array(levels.length);
  for (let from = 0; from < count; from += slice) {
    if (from > 0) await yieldToEventLoop();
    countInside(positions, count, grid, levels, from, Math.min(count, from + slice), inside);
  }
  return sharesOf(inside, count);
}

// Adds to inside[l] the particles i in [from, to) with q_t > levels[l].
function countInside(positions, count, grid, levels, from, to, inside) {
  for (let i = from; i < to; i++) {
    const q = densityAt(grid, positions[i], grid.ny > 1 ? positions[count + i] : 0);
    for (let l = 0; l < levels.length; l++) if (q > levels[l]) inside[l] += 1;
  }
}

const sharesOf = (inside, count) => Array.from(inside, (c) => (count > 0 ? c / count : 0));

// How finely the grid resolves q_t where it matters: the largest change of ln q_t between neighbouring cells among
// the cells above `level` (e.g. the 90% mass level). Above about 1 (a factor e per cell) the grid is coarser than
// q_t's features, and levels and shares computed on it are rough.
export function largestLogStep(grid, level) {
  const { nx, ny, density } = grid;
  let largest = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      if (!(density[k] > level)) continue;
      for (const n of [i + 1 < nx ? k + 1 : -1, j + 1 < ny ? k + nx : -1]) {
        if (n < 0) continue;
        largest = Math.max(largest, Math.abs(Math.log(density[k]) - Math.log(Math.max(density[n], 1e-300))));
      }
    }
  }
  return largest;
}

// Particle counts per cell of an nx × ny grid over `bounds` (row 0 at y0) in one pass; `outside` counts the rest.
// Positions are binned as float32 values, as the sampler worker's frames carry them: the worker bins a run's float64
// particles in place (engine/serve.js) and gets the image the page would get from the frame.
export function binParticles(positions, count, bounds, nx, ny) {
  const counts = new Uint32Array(nx * ny);
  const sx = nx / (bounds.x1 - bounds.x0);
  const sy = ny / (bounds.y1 - bounds.y0);
  let outside = 0;
  for (let i = 0; i < count; i++) {
    const u = Math.floor((Math.fround(positions[i]) - bounds.x0) * sx);
    const v = Math.floor((Math.fround(positions[count + i]) - bounds.y0) * sy);
    if (u >= 0 && u < nx && v >= 0 && v < ny) counts[v * nx + u] += 1;
    else outside += 1;
  }
  return { counts, outside };
}

// A 1-D histogram of the x coordinates on [x0, x1] with `bins` bins, as a density (integrates to the share of
// particles inside), beside the bin edges.
export function histogram(positions, count, x0, x1, bins) {
  const counts = new Uint32Array(bins);
  const scale = bins / (x1 - x0);
  let outside = 0;
  for (let i = 0; i < count; i++) {
    const u = Math.floor((positions[i] - x0) * scale);
    if (u >= 0 && u < bins) counts[u] += 1;
    else outside += 1;
  }
  const width = (x1 - x0) / bins;
  const edges = Float64Array.from({ length: bins + 1 }, (_, k) => x0 + k * width);
  return { edges, density: Float64Array.from(counts, (c) => (count > 0 ? c / (count * width) : 0)), outside };
}

// Sorted copy of every `stride`-th value of positions[offset .. offset + count).
function sortedSample(positions, offset, count, limit) {
  const stride = Math.max(1, Math.floor(count / limit));
  const out = new Float64Array(Math.ceil(count / stride));
  for (let i = 0, k = 0; i < count; i += stride, k++) out[k] = positions[offset + i];
  return out.sort();
}

// Bounds that show the particles (their 0.1% to 99.9% quantiles on each axis, from at most 20,000 of them) and the box
// `include` (e.g. ±3 prior standard deviations), widened by 10%; square in 2-D so that circles stay round.
export function viewBounds(positions, count, dimension, include = { x0: -3, x1: 3, y0: -3, y1: 3 }) {
  const range = (offset, lo, hi) => {
    if (count === 0) return [lo, hi];
    const s = sortedSample(positions, offset, count, 20000);
    const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
    return [Math.min(lo, q(0.001)), Math.max(hi, q(0.999))];
  };
  let [x0, x1] = range(0, include.x0, include.x1);
  let [y0, y1] = dimension > 1 ? range(count, include.y0, include.y1) : [0, 0];
  if (dimension > 1) {
    const half = Math.max(x1 - x0, y1 - y0) / 2;
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    [x0, x1, y0, y1] = [cx - half, cx + half, cy - half, cy + half];
  }
  const pad = 0.05;
  const wx = x1 - x0;
  const wy = y1 - y0;
  return { x0: x0 - pad * wx, x1: x1 + pad * wx, y0: y0 - pad * wy, y1: y1 + pad * wy };
}
