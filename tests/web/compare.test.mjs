// Paired distances of two runs from the same noise (web/src/views/compare.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairedDistance } from '../../web/src/views/compare.js';
import { fillNormals } from '../../web/src/views/random.js';

test('pairedDistance: a translation by v gives |v| for every pair', () => {
  const n = 100;
  const a = fillNormals(new Float64Array(2 * n), 5);
  const b = a.map((x, k) => x + (k < n ? 3 : 4)); // v = (3, 4), |v| = 5
  const d = pairedDistance(a, b, n, 2);
  for (const v of [d.mean, d.rms, d.max]) assert.ok(Math.abs(v - 5) < 1e-12);
});

test('pairedDistance: its rms bounds the exact 1-D W2 (sorted matching) of the two samples', () => {
  // W2 between two empirical laws of n points on the line is the rms distance of the sorted samples (the optimal
  // coupling in 1-D); any other pairing, here by index, can only be larger.
  const n = 2000;
  const a = fillNormals(new Float64Array(n), 1);
  const b = fillNormals(new Float64Array(n), 2).map((z) => 0.3 + 1.2 * z);
  const sa = Float64Array.from(a).sort();
  const sb = Float64Array.from(b).sort();
  let w2 = 0;
  for (let i = 0; i < n; i++) w2 += (sa[i] - sb[i]) ** 2;
  w2 = Math.sqrt(w2 / n);
  const d = pairedDistance(a, b, n, 1);
  assert.ok(d.rms >= w2, `${d.rms} < ${w2}`);
  assert.equal(pairedDistance(sa, sb, n, 1).rms.toFixed(12), w2.toFixed(12));
});
