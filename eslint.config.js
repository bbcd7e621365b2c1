// House style of the JavaScript (page, workers, node and browser tests, benchmarks); checked by scripts/lint.sh.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['node_modules/', 'build/', 'web/dist/', 'web/public/wasm/', 'test-results/'] },
  js.configs.recommended,
  {
    files: ['web/src/**/*.js', 'web/public/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
  },
  {
    files: ['tests/**/*.mjs', 'bench/**/*.mjs', 'scripts/**/*.mjs', 'fuzz/**/*.mjs', '*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Functions passed to page.evaluate run in the page; the benchmark's page runs in the browser.
    files: ['tests/browser/**/*.mjs', 'bench/bench.mjs', 'bench/browser/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      'max-len': ['error', { code: 120, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true }],
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: 'error',
      'prefer-const': 'error',
    },
  },
];
