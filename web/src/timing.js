// The page's phases as User Timing measures (performance.measure, named `sgm:<phase>`), in the page and in its
// workers alike, so that a profiler or bench/browser/page-million.mjs can say where a run's time goes. A run clears
// the measures of the previous one (clearTimings); a thread that never starts a run (the views' worker) clears them
// every `kept` measures, so that they do not pile up over a session.
const prefix = 'sgm:';
const kept = 10000;
let recorded = 0;

export function clearTimings() {
  const names = new Set(performance.getEntriesByType('measure').map((e) => e.name).filter((n) => n.startsWith(prefix)));
  for (const name of names) performance.clearMeasures(name);
  recorded = 0;
}

// Runs work() (synchronous, or returning a promise) and records its duration under `phase`; returns its result.
export function timed(phase, work) {
  const start = performance.now();
  const end = () => {
    if (++recorded > kept) clearTimings();
    performance.measure(prefix + phase, { start });
  };
  const result = work();
  if (result instanceof Promise) return result.finally(end);
  end();
  return result;
}
