// Loads an sgmlab WebAssembly build (ES6 module) under Node 20, with the shim docs/development.md (pitfall 2)
// describes: the generated glue expects __dirname and require, and must be handed the wasm bytes.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// variant: 'simd' or 'scalar'; dir: the folder of the build (the page's public/wasm by default, or a copy kept to
// compare with).
export async function loadSgm(variant, dir = path.join(root, 'web/public/wasm')) {
  const modPath = path.join(dir, `sgm-${variant}.mjs`);
  const wasmPath = path.join(dir, `sgm-${variant}.wasm`);
  globalThis.__dirname = path.dirname(modPath);
  globalThis.require = createRequire(modPath);
  const factory = (await import(pathToFileURL(modPath).href)).default;
  return factory({ wasmBinary: fs.readFileSync(wasmPath) });
}
