// The page's work in time. Its phases as User Timing measures (performance.measure, named `sgm:<phase>`), in the
// page and in its workers alike, so that a profiler or bench/browser/page-million.mjs can say where a run's time goes
// (each thread clears them every `kept` measures, so that they do not pile up over a session). And a yield between
// slices of long work, so that no task holds the page's thread for long.
const prefix = 'sgm:';
const kept = 10000;
let recorded = 0;
const phases = new Set(); // the names measured since the last clearing (not read back: 10^4 entries are slow to list)

function clearTimings() {
  for (const name of phases) performance.clearMeasures(name);
  phases.clear();
  recorded = 0;
}

// Runs work() (synchronous, or returning a promise) and records its duration under `phase`; returns its result.
export function timed(phase, work) {
  const start = performance.now();
  const end = () => {
    if (++recorded > kept) clearTimings();
    phases.add(prefix + phase);
    performance.measure(prefix + phase, { start });
  };
  const result = work();
  if (result instanceof Promise) return result.finally(end);
  end();
  return result;
}

// Lets the event loop run what waits (input, paint, messages) before the caller goes on: scheduler.yield() where the
// browser has it, a zero-delay timeout elsewhere. Long work awaits it between slices, so that no task holds the
// page's thread for long.
export const yieldToEventLoop = () => (globalThis.scheduler?.yield ? globalThis.scheduler.yield()
  : new Promise((resolve) => { setTimeout(resolve, 0); }));
