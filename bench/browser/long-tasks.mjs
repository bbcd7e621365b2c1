// What held the page's main thread: the long tasks (PerformanceObserver 'longtask': every task over 50 ms) of a
// playwright page, each named by the functions that ran in it (a CDP Profiler profile of the main thread, self time
// per function) and by the page's User Timing measures it overlaps (sgm:<phase>, web/src/timing.js). Shared by
// bench/browser/page-million.mjs and bench/browser/page-main-thread.mjs.

// Before the page's first script (page.addInitScript): window.longTasks collects every long task of each document.
export function observeLongTasks(page) {
  return page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

// The samples of a CDP Profiler profile: [{name, time (µs, the profiler's clock), seconds}], named by the function
// on top of the stack (file:line:column, the page's bundle being minified unless built readable) or the profiler's
// category ((program): the browser's own work — style, layout, paint —, (garbage collector), (idle)).
function samplesOf(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let time = profile.startTime;
  return profile.samples.map((id, k) => {
    time += profile.timeDeltas[k];
    const { functionName, url, lineNumber, columnNumber } = byId.get(id).callFrame;
    const where = `${url.split('/').pop()}:${lineNumber + 1}:${columnNumber + 1}`;
    const name = url ? `${functionName || '(anonymous)'} (${where})` : functionName;
    return { name, time, seconds: profile.timeDeltas[k] / 1e6 };
  });
}

// Seconds per name of `samples`, the `top` largest: [{name, seconds}].
export function selfTimes(samples, top) {
  const seconds = new Map();
  for (const { name, seconds: s } of samples) seconds.set(name, (seconds.get(name) ?? 0) + s);
  return [...seconds].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, s]) => ({ name, seconds: s }));
}

// A function the page runs for 30 ms at a known performance.now(): its samples put the profiler's clock on the
// page's (the long tasks are in the page's). Run while the profiler records, in the document whose tasks are read.
const marker = () => {
  const start = performance.now();
  // eslint-disable-next-line no-empty
  (function sgmProfileMarker() { while (performance.now() - start < 30) {} }());
  return start;
};

// Starts the main thread's CPU profile (1 ms sampling) of `page`; stop() returns its samples with `at` (ms on the
// clock of the page's current document) and detaches.
export async function profileMainThread(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const markerStart = await page.evaluate(marker);
      const samples = samplesOf((await cdp.send('Profiler.stop')).profile);
      await cdp.detach();
      const offset = samples.findLast((x) => x.name.startsWith('sgmProfileMarker')).time / 1000 - markerStart;
      return samples.map((x) => ({ ...x, at: x.time / 1000 - offset }));
    },
  };
}

// The `top` longest tasks of the page's document since `since` (ms, its clock), longest first: [{start, duration,
// phases: the sgm: measures it overlaps, functions: [{name, seconds}] the 3 of most self time in it}].
export async function longestTasks(page, samples, { since = 0, top = 5 } = {}) {
  const tasks = await page.evaluate(({ since: from, top: n }) => window.longTasks.filter((t) => t.start >= from)
    .sort((a, b) => b.duration - a.duration).slice(0, n)
    .map((t) => ({ ...t, phases: [...new Set(performance.getEntriesByType('measure')
      .filter((m) => m.name.startsWith('sgm:') && m.startTime < t.start + t.duration && m.startTime + m.duration > t.start)
      .map((m) => m.name.slice(4)))] })), { since, top });
  return tasks.map((t) => ({ ...t,
    functions: selfTimes(samples.filter((x) => x.at >= t.start && x.at <= t.start + t.duration), 3) }));
}

// One line per task: "  long task 75 ms at 1234 ms: phases …; profile: f 40 ms; g 20 ms; …" (at: its start on the
// page's clock).
export const describeTask = (t) => `  long task ${t.duration.toFixed(0)} ms at ${t.start.toFixed(0)} ms: `
  + `phases ${t.phases.join(', ') || 'none measured'}; `
  + `profile: ${t.functions.map((x) => `${x.name} ${(1000 * x.seconds).toFixed(0)} ms`).join('; ')}`;

// Records a Chromium trace (CDP Tracing: the timeline's categories, V8's and the GC's) while the page runs; stop()
// returns the complete events of the page's main threads (CrRendererMain) with `at` (ms on the clock of the page's
// current document, put there by a performance.mark), `self` (ms: the event's duration less its children's), so
// that what the CPU profile calls (program) — style, layout, paint, parsing, compiling — gets its name, and `cpu`
// (ms of the thread's CPU time, where the trace has it).
export async function traceMainThread(context, page) {
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['devtools.timeline',
    'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'toplevel', 'disabled-by-default-v8.gc',
    'blink', 'cc', 'gpu'] } });
  return {
    async stop() {
      const markAt = await page.evaluate(() => performance.mark('sgm-trace-marker').startTime);
      const complete = new Promise((resolve) => { cdp.once('Tracing.tracingComplete', resolve); });
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      const mark = events.findLast((e) => e.name === 'sgm-trace-marker');
      const offset = mark.ts / 1000 - markAt;
      const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
        .map((e) => `${e.pid}:${e.tid}`));
      const byThread = new Map();
      for (const e of events) {
        const key = `${e.pid}:${e.tid}`;
        if (e.ph !== 'X' || !mains.has(key) || !(e.dur >= 0)) continue;
        if (!byThread.has(key)) byThread.set(key, []);
        byThread.get(key).push({ name: e.name, at: e.ts / 1000 - offset, duration: e.dur / 1000, self: e.dur / 1000,
          cpu: e.tdur / 1000 });
      }
      const out = [];
      for (const list of byThread.values()) {
        list.sort((a, b) => a.at - b.at || b.duration - a.duration);
        const stack = [];
        for (const e of list) {
          while (stack.length && stack.at(-1).at + stack.at(-1).duration <= e.at) stack.pop();
          if (stack.length) stack.at(-1).self -= e.duration;
          stack.push(e);
          out.push(e);
        }
      }
      return out;
    },
  };
}

// The tasks of the page's main thread since `since` (ms), by thread CPU time (ms; the trace's tdur of each task the
// scheduler ran): what a task costs whatever the machine's load, which stretches its wall time (the longtask
// entries) when other processes hold the cores. The `top` longest: [{at, duration, cpu}].
export const tasksByCpu = (events, { since = 0, top = 5 } = {}) => events
  .filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.at >= since && e.cpu >= 0)
  .sort((a, b) => b.cpu - a.cpu).slice(0, top);

// The `top` trace events of most self time within task t ({start, duration}): [{name, ms}].
export function tracedWork(events, t, top = 4) {
  const ms = new Map();
  for (const e of events) {
    if (e.at < t.start || e.at > t.start + t.duration) continue;
    ms.set(e.name, (ms.get(e.name) ?? 0) + Math.max(0, e.self));
  }
  return [...ms].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, v]) => ({ name, ms: v }));
}
