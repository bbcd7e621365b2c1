// The benchmark's one timing rule, shared by node (bench/bench.mjs) and the Chromium page (bench/browser): the best of
// `repeats` runs of `work`, as particle-steps per second.
export async function bestRate(work, particleSteps, repeats) {
  let seconds = Infinity;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    await work();
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
  }
  return particleSteps / seconds;
}
