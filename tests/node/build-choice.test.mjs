// Which WebAssembly build the page loads (web/src/engine/client.js chooseBuild): the SIMD build only where the engine
// has both wasm SIMD and wasm exception handling, since that build uses WebAssembly's own exceptions
// (-fwasm-exceptions, CMakeLists.txt); the scalar build, with JavaScript-emulated exceptions, everywhere else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chooseBuild } from '../../web/src/engine/client.js';
import { root } from './load-module.mjs';

// The ids of a module's sections (WebAssembly core spec, "Modules": 8 header bytes, then per section a one-byte id and
// its size as unsigned LEB128). Id 13 is the tag section, which only a module with WebAssembly exceptions has.
function sectionIds(bytes) {
  const ids = [];
  let at = 8;
  while (at < bytes.length) {
    ids.push(bytes[at++]);
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++];
      size += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
    }
    at += size;
  }
  assert.equal(at, bytes.length, 'the sections end where the module does');
  return ids;
}
const tagSection = 13;
const wasmOf = (build) => fs.readFileSync(path.join(root, 'web/public/wasm', `sgm-${build}.wasm`));

test('the SIMD build uses WebAssembly exceptions, the scalar build does not', () => {
  assert.ok(sectionIds(wasmOf('simd')).includes(tagSection));
  assert.ok(!sectionIds(wasmOf('scalar')).includes(tagSection));
});

test('chooseBuild: SIMD only with both SIMD and exceptions; the URL\'s choice wins', async () => {
  const engine = (hasSimd, hasExceptions) => ({ simd: async () => hasSimd, exceptions: async () => hasExceptions });
  assert.equal(await chooseBuild(null, engine(true, true)), 'simd');
  assert.equal(await chooseBuild(null, engine(true, false)), 'scalar');
  assert.equal(await chooseBuild(null, engine(false, true)), 'scalar');
  assert.equal(await chooseBuild(null, engine(false, false)), 'scalar');
  assert.equal(await chooseBuild('scalar', engine(true, true)), 'scalar');
  assert.equal(await chooseBuild('simd', engine(false, false)), 'simd');
  // Node 20 has both (wasm-feature-detect's own detectors), and validates the build it is given.
  assert.equal(await chooseBuild(null), 'simd');
  assert.ok(WebAssembly.validate(wasmOf('simd')));
});
