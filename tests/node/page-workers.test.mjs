// What the page's worker pools rest on (docs/embedding.md, "All cores"), through both WebAssembly builds: a sweep's
// shards (SweepShardSession), their runs merged by the core as they arrive in any order (SweepMerge), give exactly the
// bytes sgm.sweep gives, for 1, 2 and 3 shards; a run split into blocks of particles (experiment field "block") is the
// unsplit run bit for bit, double and float32, and its result on the gathered particles (Session.resultFor) is the
// unsplit run's; the sliced W2 directions shared out among any number of workers (Session.slicedTermsFor, joined by
// split-run.js joinTerms, summed by the core in Session.resultForTerms) give that result's very text; a sampler that
// couples the batch (pc) is not split.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadSgm, root } from './load-module.mjs';
import { blocksOf, joinBlocks, joinTerms } from '../../web/src/engine/split-run.js';

const example = (name) => JSON.parse(fs.readFileSync(path.join(root, 'examples', name), 'utf8'));

function sweepDocument() {
  const doc = example('sweep-bounds-gaussian.json');
  doc.particles = 300;
  doc.bound_options.samples = 50;
  return JSON.stringify(doc);
}

// The bytes of a Float64Array, for bit-for-bit comparison.
const bytes = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

for (const variant of ['simd', 'scalar']) {
  test(`${variant} build: sweep shards merged as their runs arrive give exactly sgm.sweep (1, 2 and 3 shards)`, async () => {
    const sgm = await loadSgm(variant);
    const json = sweepDocument();
    const expected = sgm.sweep(json);
    for (const count of [1, 2, 3]) {
      const shards = Array.from({ length: count }, (_, i) => new sgm.SweepShardSession(json, i, count));
      const merge = new sgm.SweepMerge(json);
      assert.equal(shards.reduce((s, shard) => s + shard.runs(), 0), merge.runs());
      // The last shard runs first in every round, so that runs arrive ahead of earlier ones.
      let merged = 0;
      while (merge.runsDone() < merge.runs()) {
        for (const shard of [...shards].reverse()) {
          if (shard.runsDone() === shard.runs()) continue;
          shard.advance(1);
          merge.add(shard.takeRuns());
          assert.ok(merge.runsDone() >= merged);
          merged = merge.runsDone();
        }
      }
      assert.equal(merge.runsDone(), merge.runs());
      assert.equal(merge.result(), expected, `${count} shards`);
      assert.throws(() => merge.add('[{"run": 0, "values": {}}]'), /not given before/);
      for (const o of [...shards, merge]) o.delete();
    }
    assert.throws(() => new sgm.SweepShardSession(json, 3, 3), /shard/);
    assert.throws(() => new sgm.SweepShardSession(json, -1, 3), /shard index/);
  });

  test(`${variant} build: a run split into blocks is the unsplit run, bit for bit, and so is its result`, async () => {
    const sgm = await loadSgm(variant);
    for (const precision of ['float64', 'float32']) {
      const doc = { ...example('gmm2d.json'), particles: 3000, steps: 30, precision, projections: 7,
        metrics: ['sliced_w2', 'sliced_w2_floor', 'mean_error'] };
      const whole = new sgm.Session(JSON.stringify(doc));
      whole.advance(doc.steps);
      const expected = Float64Array.from(whole.particles());
      const result = JSON.parse(whole.result());
      whole.delete();
      const blocks = [];
      let last = null;
      for (const [first, end] of [[0, 1000], [1000, 1001], [1001, 3000]]) {
        last?.delete();
        last = new sgm.Session(JSON.stringify({ ...doc, block: { first, count: end - first } }));
        last.advance(doc.steps);
        assert.equal(last.count(), end - first);
        blocks.push({ values: Float64Array.from(last.particles()), count: end - first, first });
      }
      // Joined as the page's first worker joins them (engine/split-run.js).
      const gathered = joinBlocks(blocks, doc.particles, 2);
      assert.ok(bytes(gathered).equals(bytes(expected)), `${precision}: the gathered blocks differ from the unsplit run`);
      const text = last.resultFor(gathered);
      assert.deepEqual(JSON.parse(text).metrics, result.metrics);
      assert.throws(() => last.resultFor(gathered.subarray(0, 2 * 1999)), /particles/);
      // The directions shared out as the page's workers share them (worker.js slicedTerms), 1 to 8 workers (more
      // workers than directions leave some without any): the same text as resultFor.
      assert.equal(last.slicedDirections(), 7);
      for (const parts of [1, 2, 3, 8]) {
        const shares = blocksOf(last.slicedDirections(), parts)
          .map(({ first, count }) => last.slicedTermsFor(gathered, first, first + count));
        assert.equal(last.resultForTerms(gathered, joinTerms(shares)), text, `${precision}, ${parts} workers`);
      }
      assert.throws(() => last.resultForTerms(gathered, new Float64Array(13)), /sliced_terms = 13/);
      assert.throws(() => last.slicedTermsFor(gathered, 3, 2), /directions: first = 3, last = 2/);
      assert.throws(() => last.slicedTermsFor(gathered, 0, 8), /last = 8/);
      last.delete();
    }
    const pc = JSON.stringify({ ...example('gmm2d.json'), particles: 100, sampler: 'pc', block: { first: 0, count: 50 } });
    assert.throws(() => new sgm.Session(pc), /block.*couples the particles/);
    const sampler = JSON.parse(sgm.catalogue()).samplers.find((s) => s.name === 'pc');
    assert.equal(sampler.capabilities.batch_coupled, true);
  });
}
