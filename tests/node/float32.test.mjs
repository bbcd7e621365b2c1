// "precision": "float32" (core/sgm/simd/) in both WebAssembly builds against the native float32 run of the same
// experiment and seed. The three run one kernel source on different Highway targets (native: AVX2 or AVX-512 with
// FMA; the SIMD module: WASM SIMD128 without FMA; the scalar module: EMU128), which differ by float rounding only —
// the mechanism that separates the float32 path from the double path, bounded in
// tests/core/sampler/float32_reverse_diffusion_test.cpp: coupled particles stay together except the rare ones that
// a rounding sends across the boundary between two modes; at most 1 % of them may end more than 1e-3 apart. Two
// kernels: the isotropic mixture (the 8-mode ring) and the half-normal product (the 4-D elastic net, whose ln Φ and
// φ/Φ are the kernel's own erfcx polynomial on every target).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSgm, root } from './load-module.mjs';

const cli = path.join(root, 'build/native/sgm');
const particles = 4000;

function config(example, sampler) {
  const doc = JSON.parse(fs.readFileSync(path.join(root, 'examples', example), 'utf8'));
  return JSON.stringify({ ...doc, sampler, particles, precision: 'float32', metrics: ['mean_error'] });
}

// Native samples, n rows of "x0,x1,…" after a header, as coordinate-major [x0 of every particle, then x1, …].
function nativeSamples(json) {
  const file = path.join(os.tmpdir(), `sgm-float32-${process.pid}.csv`);
  const run = spawnSync(cli, ['run', '-', '--samples', file], { input: json, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const rows = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  fs.rmSync(file);
  return rows[0].flatMap((_, m) => rows.map((r) => r[m]));
}

const cases = [{ example: 'gmm2d.json', samplers: ['ei', 'em'] }, { example: 'elastic_net.json', samplers: ['ei'] }];

for (const variant of ['simd', 'scalar']) {
  test(`${variant} build: float32 samples are the native float32 samples up to float rounding`, async () => {
    const sgm = await loadSgm(variant);
    for (const { example, samplers } of cases) {
      for (const sampler of samplers) {
        const json = config(example, sampler);
        const expected = nativeSamples(json);
        const dimension = expected.length / particles;
        const session = new sgm.Session(json);
        try {
          while (session.advance(100));
          const actual = Array.from(session.particles());
          assert.equal(actual.length, dimension * particles);
          let apart = 0;
          for (let i = 0; i < particles; i++) {
            const at = (m) => m * particles + i;
            const offsets = Array.from({ length: dimension }, (_, m) => actual[at(m)] - expected[at(m)]);
            assert.ok(offsets.every(Number.isFinite), `${example} particle ${i}`);
            if (Math.hypot(...offsets) > 1e-3) apart++;
          }
          assert.ok(apart <= 0.01 * particles, `${example}, ${sampler}: ${apart} of ${particles} particles more than 1e-3 apart`);
        } finally {
          session.delete();
        }
      }
    }
  });
}
