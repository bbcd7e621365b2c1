// Grids of numbers as RGBA pixels (DOM-free; the views wrap them in ImageData). Grids are row-major from the bottom
// row (density-grid.js); images from the top row, so rows are flipped here.
import { cividisInto } from './palette.js';

// Heat map of a density: cividis of sqrt(q/max q), so that tails stay visible, times `brightness` (a dimmed map
// leaves room for the particles drawn over it); opaque.
export function densityPixels(density, nx, ny, brightness = 1) {
  const out = new Uint8ClampedArray(4 * nx * ny);
  const max = maxOf(density);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = 4 * ((ny - 1 - j) * nx + i);
      cividisInto(max > 0 ? Math.sqrt(density[j * nx + i] / max) : 0, out, k, brightness);
      out[k + 3] = 255;
    }
  }
  return out;
}

// Particle counts per pixel as one colour whose opacity grows with log(1 + count): a single particle is visible,
// a pile of 10^4 is not 10^4 times brighter. Empty pixels are transparent. `out` (optional): a buffer of 4 width
// height bytes to write into (a view drawing every frame reuses one rather than leave the garbage collector a
// megabyte per frame). The opacities of counts up to alphaTable come from one table per call (a log per count, not
// per pixel). `under` (optional): an opaque RGBA image of the same size that the particles are drawn over, by
// source-over compositing, out = under + (alpha / 255) (colour - under), opaque: what drawing the transparent image
// over it on a canvas gives (up to rounding), as one image to put on the canvas instead of two to composite there.
// `band` (optional): {from, to, max}, only the grid rows [from, to) (image rows height - to to height - from - 1), with
// max the largest count of the whole image (maxOf): a large image in bands, each its own task, gives the pixels
// one call gives.
const alphaTable = 4096;
export function countPixels(counts, width, height, [r, g, b], out = new Uint8ClampedArray(4 * width * height),
  under = null, { from = 0, to = height, max = maxOf(counts) } = {}) {
  const [first, last] = [4 * (height - to) * width, 4 * (height - from) * width];
  if (under) out.set(under.subarray(first, last), first);
  else out.fill(0, first, last);
  const scale = max > 0 ? 1 / Math.log1p(max) : 0;
  const alphaOf = (c) => Math.round(255 * (0.45 + 0.55 * Math.log1p(c) * scale));
  const alphas = Uint8Array.from({ length: Math.min(max, alphaTable) + 1 }, (_, c) => alphaOf(c));
  for (let j = from; j < to; j++) {
    const row = (height - 1 - j) * width;
    for (let i = 0; i < width; i++) {
      const c = counts[j * width + i];
      if (c === 0) continue;
      const k = 4 * (row + i);
      const alpha = c <= alphaTable ? alphas[c] : alphaOf(c);
      if (under) {
        const a = alpha / 255;
        out[k] = under[k] + a * (r - under[k]);
        out[k + 1] = under[k + 1] + a * (g - under[k + 1]);
        out[k + 2] = under[k + 2] + a * (b - under[k + 2]);
        continue; // opaque, as under is
      }
      out[k] = r;
      out[k + 1] = g;
      out[k + 2] = b;
      out[k + 3] = alpha;
    }
  }
  return out;
}

// The largest of values, 0 if none is positive (a density's or a count image's top: the heat map's and
// countPixels's scales).
export function maxOf(values) {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}

// An nx × ny count image shown on width × height pixels, each pixel taking the count of the image pixel its centre
// falls in (the canvas was resized after the worker binned the frame, and the particles are not at hand to bin again).
export function resizeCounts(counts, nx, ny, width, height) {
  const out = new Uint32Array(width * height);
  for (let j = 0; j < height; j++) {
    const row = Math.floor(((j + 0.5) * ny) / height) * nx;
    for (let i = 0; i < width; i++) out[j * width + i] = counts[row + Math.floor(((i + 0.5) * nx) / width)];
  }
  return out;
}
