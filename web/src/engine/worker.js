// The sampler's thread: loads one WebAssembly build of the core and answers requests from the page, so that
// sampling never blocks the page. Requests carry an id; each gets exactly one reply with the same id:
//   {type: 'init', moduleUrl}            -> {catalogue, features}          loads the build; sgm.catalogue() and
//                                                                           features.estimate: whether the build
//                                                                           has sgm.estimate(json)
//   {type: 'start', experiment, image}   -> frame                          a new animated run (step 0); the
//                                                                           experiment may hold a "block" of a
//                                                                           run split across workers
//   {type: 'advance', steps, image}      -> frame                          steps further
//   {type: 'result'}                     -> {result}                       the metrics and bounds of the finished run
//   {type: 'slicedTerms', blocks, count, dimension, part, parts} -> {terms} the sliced W2 terms (Float64Array) of
//                                                                           share `part` of `parts` of the directions
//                                                                           for all particles of a split run, its
//                                                                           blocks' particles (split-run.js
//                                                                           joinBlocks: joined here and kept for
//                                                                           'resultFor' and 'samples')
//   {type: 'resultFor', terms} -> {result}                                 the metrics and bounds of those particles,
//                                                                           given the sliced W2 terms of all
//                                                                           directions (split-run.js joinTerms)
//   {type: 'shardStart', document, index, count} -> {runs}                 shard index/count of a convergence
//                                                                           sweep (its runs r ≡ index mod count)
//   {type: 'shardAdvance', runs}         -> {runs: string, runsDone}       `runs` more of the shard's runs; their
//                                                                           values as JSON (SweepShardSession)
//   {type: 'mergeStart', document}       -> {runs}                         merges the shards' runs (SweepMerge)
//   {type: 'mergeAdd', runs}             -> {result?, runsDone, runs}      adds runs; the result when more runs
//                                                                           are merged than before
//   {type: 'inspect', document}          -> {inspection}                   sgm.inspect (no sampling)
//   {type: 'densityGrid', experiment, spec} -> {grid}                      the density view's grid of q_t
//                                                                           (views/density-grid.js densityGrid:
//                                                                           typed arrays, transferred) and, with
//                                                                           spec.background, its background
//   {type: 'estimate', document}         -> {estimate}                     sgm.estimate, where the build has it
//   {type: 'samples'}                    -> {values, count, dimension}     the run's particles, full precision
//                                                                           (a split run's: those of resultFor)
// A frame is {positions: Float32Array (x of all particles, then y), count, dimension, stepsDone, steps, time}; with
// image ({bounds, nx, ny}, optional) it also holds the particles binned on that image (serve.js frameOf), so that the
// page's thread does not bin 10^6 particles per frame.
// A C++ error reaches here as a JavaScript Error carrying the core's message; it is returned as {error: message}.
// Cancelling a run terminates this worker (engine/client.js); nothing here needs to stop.
import { timed } from '../timing.js';
import { workerBackground } from '../views/background.js';
import { densityGrid } from '../views/density-grid.js';
import { frameOf, loadBuild, resultOf, serve } from './serve.js';
import { blocksOf, joinBlocks } from './split-run.js';

let sgm = null;
let session = null;
let shard = null;
let merge = null;
let gathered = null; // a split run's particles, from slicedTerms

// Frees an embind object (WebAssembly memory is not garbage collected); null, to assign in its place.
function dispose(object) {
  object?.delete();
  return null;
}

const handlers = {
  async init({ moduleUrl }) {
    sgm = await loadBuild(moduleUrl);
    return { catalogue: JSON.parse(sgm.catalogue()), features: { estimate: typeof sgm.estimate === 'function' } };
  },
  start({ experiment, image }) {
    gathered = null;
    session = dispose(session);
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
  slicedTerms({ blocks, count, dimension, part, parts }) {
    if (!session) throw new Error('slicedTerms: no run was started');
    const values = timed('join', () => joinBlocks(blocks, count, dimension));
    gathered = { values, count, dimension };
    const { first, count: directions } = blocksOf(session.slicedDirections(), parts)[part];
    return { terms: timed('sliced-terms', () => session.slicedTermsFor(values, first, first + directions)) };
  },
  resultFor({ terms }) {
    if (!gathered) throw new Error('resultFor: no particles were gathered (slicedTerms)');
    return { result: timed('result', () => JSON.parse(session.resultForTerms(gathered.values, terms))) };
  },
  shardStart({ document, index, count }) {
    shard = dispose(shard);
    shard = new sgm.SweepShardSession(JSON.stringify(document), index, count);
    return { runs: shard.runs() };
  },
  shardAdvance({ runs }) {
    if (!shard) throw new Error('shardAdvance: no shard was started');
    timed('sweep', () => shard.advance(runs));
    return { runs: shard.takeRuns(), runsDone: shard.runsDone() };
  },
  mergeStart({ document }) {
    merge = dispose(merge);
    merge = new sgm.SweepMerge(JSON.stringify(document));
    return { runs: merge.runs() };
  },
  mergeAdd({ runs }) {
    if (!merge) throw new Error('mergeAdd: no merge was started');
    const before = merge.runsDone();
    merge.add(runs);
    const runsDone = merge.runsDone();
    return { ...(runsDone > before ? { result: JSON.parse(merge.result()) } : {}), runsDone, runs: merge.runs() };
  },
  inspect({ document }) {
    return { inspection: timed('inspect', () => JSON.parse(sgm.inspect(JSON.stringify(document)))) };
  },
  densityGrid({ experiment, spec }) {
    const grid = timed('grid-read', () => densityGrid(sgm, experiment, spec));
    if (spec.background) grid.background = timed('background', () => workerBackground(grid, spec.background));
    return { grid };
  },
  samples() {
    if (!session) throw new Error('samples: no run was started');
    if (gathered) return { ...gathered, values: gathered.values.slice() };
    return { values: Float64Array.from(session.particles()), count: session.count(), dimension: session.dimension() };
  },
  estimate({ document }) {
    return { estimate: JSON.parse(sgm.estimate(JSON.stringify(document))) };
  },
};

serve(handlers);
