// Loads an sgmlab WebAssembly build (ES6 module) under Node 20, with the shim docs/development.md (pitfall 2)
// describes: the generated glue expects __dirname and require, and must be handed the wasm bytes.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function loadSgm(variant) {
  const modPath = path.join(root, 'web/public/wasm', `sgm-${variant}.mjs`);
  const wasmPath = path.join(root, 'web/public/wasm', `sgm-${variant}.wasm`);
  globalThis.__dirname = path.dirname(modPath);
  globalThis.require = createRequire(modPath);
  const factory = (await import(pathToFileURL(modPath).href)).default;
  return factory({ wasmBinary: fs.readFileSync(wasmPath) });
}
