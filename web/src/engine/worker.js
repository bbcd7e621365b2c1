// The sampler's thread: loads one WebAssembly build of the core and answers requests from the page, so that
// sampling never blocks the page. Requests carry an id; each gets exactly one reply with the same id:
//   {type: 'init', moduleUrl}            -> {catalogue, features}          loads the build; sgm.catalogue() and
//                                                                           features.estimate: whether the build
//                                                                           has sgm.estimate(json)
//   {type: 'start', experiment, image}   -> frame                          a new animated run (step 0)
//   {type: 'advance', steps, image}      -> frame                          steps further
//   {type: 'result'}                     -> {result}                       the metrics and bounds of the finished run
//   {type: 'sweepStart', document}       -> {runs}                         a convergence sweep (core Sweep)
//   {type: 'sweepAdvance', runs}         -> {result, runsDone, runs}       `runs` more runs; the partial result
//   {type: 'inspect', document}          -> {inspection}                   sgm.inspect (no sampling)
//   {type: 'estimate', document}         -> {estimate}                     sgm.estimate, where the build has it
//   {type: 'samples'}                    -> {values, count, dimension}     the run's particles, full precision
// A frame is {positions: Float32Array (x of all particles, then y), count, dimension, stepsDone, steps, time}; with
// image ({bounds, nx, ny}, optional) it also holds the particles binned on that image (serve.js frameOf), so that the
// page's thread does not bin 10^6 particles per frame.
// A C++ error reaches here as a JavaScript Error carrying the core's message; it is returned as {error: message}.
// Cancelling a run terminates this worker (engine/client.js); nothing here needs to stop.
import { timed } from '../timing.js';
import { frameOf, loadBuild, resultOf, serve } from './serve.js';

let sgm = null;
let session = null;
let sweep = null;

const handlers = {
  async init({ moduleUrl }) {
    sgm = await loadBuild(moduleUrl);
    return { catalogue: JSON.parse(sgm.catalogue()), features: { estimate: typeof sgm.estimate === 'function' } };
  },
  start({ experiment, image }) {
    if (session) session.delete();
    session = null;
    session = timed('start', () => new sgm.Session(JSON.stringify(experiment)));
    return frameOf(session, image);
  },
  advance({ steps, image }) {
    if (!session) throw new Error('advance: no run was started');
    timed('advance', () => session.advance(steps));
    return frameOf(session, image);
  },
  result() {
    if (!session) throw new Error('result: no run was started');
    if (session.stepsDone() !== session.steps()) throw new Error('result: the run is not finished');
    return { result: resultOf(session) };
  },
  sweepStart({ document }) {
    if (sweep) sweep.delete();
    sweep = null;
    sweep = new sgm.SweepSession(JSON.stringify(document));
    return { runs: sweep.runs() };
  },
  sweepAdvance({ runs }) {
    if (!sweep) throw new Error('sweepAdvance: no sweep was started');
    timed('sweep', () => sweep.advance(runs));
    return { result: JSON.parse(sweep.result()), runsDone: sweep.runsDone(), runs: sweep.runs() };
  },
  inspect({ document }) {
    return { inspection: timed('inspect', () => JSON.parse(sgm.inspect(JSON.stringify(document)))) };
  },
  samples() {
    if (!session) throw new Error('samples: no run was started');
    return { values: Float64Array.from(session.particles()), count: session.count(), dimension: session.dimension() };
  },
  estimate({ document }) {
    return { estimate: JSON.parse(sgm.estimate(JSON.stringify(document))) };
  },
};

serve(handlers);
