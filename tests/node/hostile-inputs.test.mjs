// Hostile inputs (issue 7) through the WebAssembly module: the cases of tests/hostile/cases.json (the same file the
// doctest replays natively) must fail there with the same message as the native CLI, and the module must stay usable
// after each failure. Also: estimate() reports the limits of this build (1 GB of memory in WebAssembly).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSgm, root } from './load-module.mjs';

const cli = path.join(root, 'build/native/sgm');
const cases = JSON.parse(fs.readFileSync(path.join(root, 'tests/hostile/cases.json'), 'utf8'));

function documentOf(c) {
  let text = c.text;
  for (const [token, [piece, count]] of Object.entries(c.expand ?? {})) text = text.replace(token, piece.repeat(count));
  return text;
}

const small = JSON.stringify({ target: { kind: 'gaussian', mean: [0], covariance: [[1]] }, particles: 50, steps: 5 });

test('hostile inputs fail in WebAssembly with the native message, and the module stays usable', async () => {
  const sgm = await loadSgm('simd');
  for (const c of cases) {
    const text = documentOf(c);
    // sgm train needs --out; a refused training never writes it.
    const args = c.command === 'train' ? ['train', '-', '--out', path.join(os.tmpdir(), 'sgm-hostile-weights.json')] : [c.command, '-'];
    const native = spawnSync(cli, args, { input: text, encoding: 'utf8' });
    assert.equal(native.status, 1, `${c.name}: native exit status ${native.status}: ${native.stderr}`);
    const nativeMessage = native.stderr.trim().replace(/^sgm: invalid experiment: /, '');
    // A document beyond the CLI's work limit may be within WebAssembly's higher one: the page would run it.
    let withinHere = false;
    try {
      withinHere = JSON.parse(sgm.estimate(text)).within;
    } catch {
      // refused before any estimate: a parse or validation case
    }
    if (withinHere) continue;
    let message = null;
    try {
      if (c.command === 'train') new sgm.Trainer(text).delete();
      else sgm[c.command](text);
    } catch (e) {
      message = e.message;
    }
    assert.ok(message !== null, `${c.name}: WebAssembly did not fail`);
    assert.ok(message.includes(c.expect), `${c.name}: ${message}`);
    // The same message natively, except for the estimate's limits (WebAssembly: 10^12 operations and 1 GB; natively
    // 10^10 and 2 GB).
    if (!/estimated (work|memory)/.test(message)) assert.equal(message, nativeMessage, c.name);
    assert.ok(JSON.parse(sgm.run(small)).metrics.mean_error >= 0, `${c.name}: the module is unusable afterwards`);
  }
});

test('estimate() gives the parts, the limits of this build and whether the document is within them', async () => {
  const sgm = await loadSgm('simd');
  const ok = JSON.parse(sgm.estimate(small));
  assert.equal(ok.job, 'experiment');
  assert.equal(ok.within, true);
  assert.deepEqual(ok.limits, { work: 1e12, bytes: 1e9 });
  assert.ok(ok.parts.some((p) => p.name === 'the run' && p.drivers.startsWith('particles 50 × steps 5')));
  const big = JSON.parse(sgm.estimate(JSON.stringify({ ...JSON.parse(small), particles: 10000000, steps: 1000000 })));
  assert.equal(big.within, false);
  assert.ok(big.work > 1e12);
  const native = spawnSync(cli, ['estimate', '-'], { input: small, encoding: 'utf8' });
  assert.equal(native.status, 0, native.stderr);
  assert.deepEqual(JSON.parse(native.stdout).limits, { work: 1e10, bytes: 2e9 });
  assert.equal(JSON.parse(native.stdout).work, ok.work);
});
