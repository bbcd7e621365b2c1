// Grids as pixels (web/src/views/images.js) and the palette (palette.js): orientation (grid row 0 is the bottom,
// image row 0 the top), opacity growing with the count, cividis's ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countPixels, densityPixels } from '../../web/src/views/images.js';
import { cividis, rgbOf } from '../../web/src/views/palette.js';

const pixel = (rgba, width, x, y) => Array.from(rgba.subarray(4 * (y * width + x), 4 * (y * width + x) + 4));

test('densityPixels: the densest cell of the bottom grid row is drawn in the bottom image row, brightest', () => {
  // 2 × 2 grid, row-major from the bottom: the bottom-left cell (k = 0) holds the maximum.
  const rgba = densityPixels(Float64Array.from([4, 1, 0, 1]), 2, 2);
  assert.deepEqual(pixel(rgba, 2, 0, 1), [...cividis(1), 255]);
  assert.deepEqual(pixel(rgba, 2, 1, 1), [...cividis(0.5), 255]); // sqrt(1/4)
  assert.deepEqual(pixel(rgba, 2, 0, 0), [...cividis(0), 255]);
  const dim = densityPixels(Float64Array.from([4, 1, 0, 1]), 2, 2, 0.5);
  assert.deepEqual(pixel(dim, 2, 0, 1).slice(0, 3), cividis(1).map((c) => Math.round(c / 2)));
});

test('countPixels: empty pixels transparent, opacity growing with log(1 + count), flipped rows', () => {
  const rgba = countPixels(Uint32Array.from([0, 1, 10, 1000]), 2, 2, [213, 94, 0]);
  assert.equal(pixel(rgba, 2, 0, 1)[3], 0); // count 0 at grid (0, 0) → image bottom-left
  const alphas = [pixel(rgba, 2, 1, 1)[3], pixel(rgba, 2, 0, 0)[3], pixel(rgba, 2, 1, 0)[3]];
  assert.ok(alphas[0] > 0 && alphas[0] < alphas[1] && alphas[1] < alphas[2] && alphas[2] === 255, String(alphas));
  assert.deepEqual(pixel(rgba, 2, 1, 0).slice(0, 3), [213, 94, 0]);
});

test('cividis runs from dark blue to yellow, clamps, and rgbOf reads hex colours', () => {
  assert.deepEqual(cividis(0), [0, 34, 78]);
  assert.deepEqual(cividis(1), [254, 232, 56]);
  assert.deepEqual(cividis(-3), cividis(0));
  assert.deepEqual(cividis(Number.NaN), cividis(0));
  assert.deepEqual(cividis(0.125), [33, 56, 93]);
  assert.deepEqual(rgbOf('#e69f00'), [230, 159, 0]);
});

test('countPixels: a reused buffer gives what a fresh one does (cleared first), counts past the opacity table too', () => {
  const counts = Uint32Array.from([0, 3, 5000, 70000]); // 5000 and 70000: past the 4096 counts of the table
  const fresh = countPixels(counts, 2, 2, [1, 2, 3]);
  const reused = countPixels(Uint32Array.from([9, 9, 9, 9]), 2, 2, [7, 7, 7]);
  assert.equal(countPixels(counts, 2, 2, [1, 2, 3], reused), reused);
  assert.deepEqual(reused, fresh);
  // The opacity formula itself, 255 (0.45 + 0.55 log(1 + c) / log(1 + max)), at each count.
  const alpha = (c) => Math.round(255 * (0.45 + 0.55 * Math.log1p(c) / Math.log1p(70000)));
  const alphas = [pixel(fresh, 2, 1, 1)[3], pixel(fresh, 2, 0, 0)[3], pixel(fresh, 2, 1, 0)[3]];
  assert.deepEqual(alphas, [alpha(3), alpha(5000), 255]);
  assert.equal(pixel(fresh, 2, 0, 1)[3], 0);
});
