// docs/reference.md is generated from the registry by `sgm list --markdown`: it fails here when the committed file is
// stale (regenerate with `build/native/sgm list --markdown > docs/reference.md`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './load-module.mjs';

test('docs/reference.md is the output of sgm list --markdown', () => {
  const generated = spawnSync(path.join(root, 'build/native/sgm'), ['list', '--markdown'], { encoding: 'utf8' });
  assert.equal(generated.status, 0, generated.stderr);
  const committed = readFileSync(path.join(root, 'docs/reference.md'), 'utf8');
  assert.equal(committed, generated.stdout, 'docs/reference.md is stale: regenerate it with `sgm list --markdown`');
});
