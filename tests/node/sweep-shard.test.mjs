// `sgm sweep --shard i/n` and `sgm merge` through the CLI: the sweep example run as 3 independent shard jobs (files
// written, then merged in another order) prints exactly the bytes `sgm sweep` prints, CSV included; a missing shard
// is refused with exit status 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './load-module.mjs';

const cli = path.join(root, 'build/native/sgm');
const sgm = (...args) => spawnSync(cli, args, { encoding: 'utf8' });

test('three shards of the bounds sweep merge to the unsharded output, byte for byte', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgm-shard-'));
  try {
    const doc = JSON.parse(fs.readFileSync(path.join(root, 'examples/sweep-bounds-gaussian.json'), 'utf8'));
    doc.particles = 300;
    doc.bound_options.samples = 50;
    const file = path.join(dir, 'sweep.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const whole = sgm('sweep', file, '--csv', path.join(dir, 'whole.csv'));
    assert.equal(whole.status, 0, whole.stderr);
    const shards = [0, 1, 2].map((i) => {
      const shard = sgm('sweep', file, '--shard', `${i}/3`);
      assert.equal(shard.status, 0, shard.stderr);
      const out = path.join(dir, `shard-${i}.json`);
      fs.writeFileSync(out, shard.stdout);
      return out;
    });
    const merged = sgm('merge', shards[2], shards[0], shards[1], '--csv', path.join(dir, 'merged.csv'));
    assert.equal(merged.status, 0, merged.stderr);
    assert.equal(merged.stdout, whole.stdout);
    assert.equal(fs.readFileSync(path.join(dir, 'merged.csv'), 'utf8'), fs.readFileSync(path.join(dir, 'whole.csv'), 'utf8'));
    const missing = sgm('merge', shards[0], shards[2]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /every shard i\/3 must be given exactly once/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
