// Grids as pixels (web/src/views/images.js) and the palette (palette.js): orientation (grid row 0 is the bottom,
// image row 0 the top), opacity growing with the count, cividis's ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countPixels, densityPixels, maxOf, resizeCounts } from '../../web/src/views/images.js';
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

// Compositing over an opaque image against the canvas's own source-over formula, channel by channel:
// result = under + (alpha / 255) (colour - under), opaque; an empty pixel keeps the image under it.
test('countPixels over an opaque image: source-over compositing per pixel, empty pixels left as they were', () => {
  const counts = Uint32Array.from([0, 1, 10, 1000]);
  const under = Uint8ClampedArray.from([10, 20, 30, 255, 200, 100, 50, 255, 0, 0, 0, 255, 255, 255, 255, 255]);
  const over = countPixels(counts, 2, 2, [213, 94, 0], undefined, under);
  const alone = countPixels(counts, 2, 2, [213, 94, 0]);
  for (let k = 0; k < 4; k++) {
    const [x, y] = [k % 2, Math.floor(k / 2)];
    const [r, g, b, alpha] = pixel(alone, 2, x, y);
    const base = pixel(under, 2, x, y);
    const expected = alpha === 0 ? base
      : [[r, 0], [g, 1], [b, 2]].map(([c, i]) => Math.round(base[i] + (alpha / 255) * (c - base[i]))).concat(255);
    pixel(over, 2, x, y).forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 0.5, `pixel (${x}, ${y}): ${v} vs ${expected[i]}`));
  }
});

test('resizeCounts: each pixel takes the count of the image pixel under its centre', () => {
  // 2 × 1 image on 4 × 2 pixels: the left half takes count 3, the right half count 7.
  assert.deepEqual([...resizeCounts(Uint32Array.from([3, 7]), 2, 1, 4, 2)], [3, 3, 7, 7, 3, 3, 7, 7]);
  // 4 × 2 image on 2 × 1 pixels: centres at x = 0.5, 1.5 of 2 → image columns 1 and 3 of row 1.
  assert.deepEqual([...resizeCounts(Uint32Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 4, 2, 2, 1)], [6, 8]);
});

test('countPixels in bands of rows gives the pixels of one call', () => {
  const [width, height] = [5, 7];
  const counts = Uint32Array.from({ length: width * height }, (_, k) => (k * 7919) % 13 === 0 ? 0 : (k * 104729) % 50);
  const under = Uint8ClampedArray.from({ length: 4 * width * height }, (_, k) => (k % 4 === 3 ? 255 : (k * 31) % 256));
  for (const base of [null, under]) {
    const whole = countPixels(counts, width, height, [213, 94, 0], undefined, base);
    const banded = new Uint8ClampedArray(4 * width * height).fill(99);
    const max = maxOf(counts);
    // Grid rows [0, 3) are the image's bottom three rows: the rows above are left as they were.
    countPixels(counts, width, height, [213, 94, 0], banded, base, { from: 0, to: 3, max });
    assert.ok(banded.subarray(0, 4 * width * (height - 3)).every((v) => v === 99));
    assert.deepEqual(banded.subarray(4 * width * (height - 3)), whole.subarray(4 * width * (height - 3)));
    for (const [from, to] of [[3, 4], [4, 7]]) {
      countPixels(counts, width, height, [213, 94, 0], banded, base, { from, to, max });
    }
    assert.deepEqual(banded, whole);
  }
});
