// tfjs-backend-wasm's ES bundle imports node's fs, path, perf_hooks and os for its node code path, which the browser
// never takes; the benchmark page's import map points those names here.
export default {};
