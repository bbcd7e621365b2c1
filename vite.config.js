// The page: Vite builds web/ into web/dist/; `npm start` serves the build with `vite preview` under the strict
// Content-Security-Policy below (docs/development.md: Embind built with -sDYNAMIC_EXECUTION=0 runs
// without 'unsafe-eval'; 'wasm-unsafe-eval' allows WebAssembly compilation). The same headers apply to
// `vite` (dev) and to the browser test.
import { defineConfig } from 'vite';

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

const headers = { 'Content-Security-Policy': contentSecurityPolicy };

export default defineConfig({
  root: 'web',
  base: './', // relative URLs: web/dist/ can be copied into any folder of a course site
  build: {
    outDir: 'dist', emptyOutDir: true, target: 'es2022',
    // Fonts (KaTeX's) stay files: a font inlined as a data: URL is blocked by default-src 'self'.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, headers },
  preview: { host: '127.0.0.1', port: 5173, headers },
});
