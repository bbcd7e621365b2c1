// The views' demo harness (web/views-demo.html): not part of the page's build, so it is built on its own.
//   node scripts/views-demo.mjs          builds it into build/views-demo/ and serves it with `vite preview` under
//                                         the page's Content-Security-Policy; open the printed address.
// Needs the WebAssembly builds in web/public/wasm/ (scripts/build.sh wasm). tests/browser/views.test.mjs uses
// buildViewsDemo() and serveViewsDemo().
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = { root: path.join(root, 'web'), configFile: path.join(root, 'vite.config.js'), logLevel: 'warn' };

export async function buildViewsDemo(outDir) {
  await build({ ...config, build: { outDir, emptyOutDir: true, rollupOptions: { input: { demo: path.join(root, 'web/views-demo.html') } } } });
}

// Serves a built demo; returns the server (its address: server.resolvedUrls.local[0]).
export function serveViewsDemo(outDir, port = 0) {
  return preview({ ...config, build: { outDir }, preview: { port, strictPort: port !== 0 } });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = path.join(root, 'build/views-demo');
  await buildViewsDemo(outDir);
  const server = await serveViewsDemo(outDir, 5174);
  console.log(`[views-demo] ${server.resolvedUrls.local[0]}views-demo.html (Ctrl+C stops it)`);
}
