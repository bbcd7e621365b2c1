// One animated run on one worker, or split across several: a run of many particles is cut into contiguous blocks
// (experiment field "block", docs/usage.md), one per worker. Every particle's draws are keyed by its index in the whole
// run, so the blocks together are the unsplit run bit for bit. Each worker bins its own block on the density view's
// image (serve.js frameOf); a frame of the split run is the blocks' frames joined here: their count images summed,
// the first `keep` particles (what the recorder keeps) taken from the first block(s), all particles in the final
// frame. At the end the blocks' particles go to every worker, which joins them and computes the sliced W2 terms of its
// share of the directions (Session.slicedTermsFor); the first worker then evaluates the metrics and bounds given the
// terms of all directions joined in direction order (Session.resultForTerms: the core sums them, so the result is the
// one-worker result bit for bit) and keeps the particles for export.
export const splitFrom = 100_000; // particles from which a run is split (when the sampler allows it)

// n particles in `parts` contiguous blocks, as even as they come.
export function blocksOf(n, parts) {
  return Array.from({ length: parts }, (_, b) => {
    const first = Math.floor((b * n) / parts);
    return { first, count: Math.floor(((b + 1) * n) / parts) - first };
  });
}

// The frames of the blocks of one step, in block order, as one frame of the whole run.
export function joinFrames(frames) {
  if (frames.length === 1) return frames[0];
  const count = frames.reduce((s, f) => s + f.count, 0);
  const positions = new Float32Array(2 * count);
  let at = 0;
  for (const f of frames) {
    positions.set(f.positions.subarray(0, f.count), at);
    positions.set(f.positions.subarray(f.count, 2 * f.count), count + at);
    at += f.count;
  }
  const joined = { ...frames[0], positions, count, totalCount: frames.reduce((s, f) => s + f.totalCount, 0) };
  if (frames[0].image) {
    const { counts } = frames[0].image;
    let { outside } = frames[0].image;
    for (const f of frames.slice(1)) {
      for (let i = 0; i < counts.length; i++) counts[i] += f.image.counts[i];
      outside += f.image.outside;
    }
    joined.image = { ...frames[0].image, counts, outside };
  }
  return joined;
}

export class SplitRun {
  // engines: one per block (a single engine runs the experiment unsplit); experiment: the run's document.
  constructor(engines, experiment) {
    this.engines = engines;
    this.blocks = engines.length > 1 ? blocksOf(experiment.particles, engines.length) : [null];
    this.experiment = experiment;
  }

  // The image request of block b: only the particles of the first `keep` that are in it travel.
  imageOf(image, b) {
    const block = this.blocks[b];
    if (!image || !block) return image;
    return { ...image, keep: Math.max(0, Math.min(block.count, image.keep - block.first)) };
  }

  each(request) {
    return Promise.all(this.engines.map((engine, b) => request(engine, b))).then(joinFrames);
  }

  start(image) {
    return this.each(async (engine, b) => {
      await engine.ready;
      const block = this.blocks[b];
      const experiment = block ? { ...this.experiment, block } : this.experiment;
      return engine.request('start', { experiment, image: this.imageOf(image, b) });
    });
  }

  advance(steps, image) {
    return this.each((engine, b) => engine.request('advance', { steps, image: this.imageOf(image, b) }));
  }

  // {result}: the metrics and bounds of the finished run (of every block's particles together). The blocks' particles
  // come to the page's thread (transferred) and go to every worker (copied; each joins them, joinBlocks); each worker
  // computes its share of the sliced W2 directions, and the first the result.
  async result() {
    const [first] = this.engines;
    if (this.engines.length === 1) return first.request('result');
    const parts = await Promise.all(this.engines.map((engine) => engine.request('samples')));
    const blocks = parts.map(({ values, count }, b) => ({ values, count, first: this.blocks[b].first }));
    const gather = { blocks, count: this.experiment.particles, dimension: parts[0].dimension };
    const shares = await Promise.all(this.engines.map((engine, part) =>
      engine.request('slicedTerms', { ...gather, part, parts: this.engines.length })));
    const terms = joinTerms(shares.map((share) => share.terms));
    return first.request('resultFor', { terms }, [terms.buffer]);
  }
}

// The sliced W2 terms of consecutive ranges of directions (Session.slicedTermsFor, direction by direction) as those of
// all the directions.
export function joinTerms(shares) {
  const terms = new Float64Array(shares.reduce((s, share) => s + share.length, 0));
  let at = 0;
  for (const share of shares) {
    terms.set(share, at);
    at += share.length;
  }
  return terms;
}

// The particles of a split run's blocks ({values (count × dimension, coordinate-major), count, first}) as those of the
// whole run of n particles: coordinate c of particle i at c * n + i.
export function joinBlocks(blocks, n, dimension) {
  const values = new Float64Array(n * dimension);
  for (const { values: part, count, first } of blocks) {
    for (let c = 0; c < dimension; c++) values.set(part.subarray(c * count, (c + 1) * count), c * n + first);
  }
  return values;
}
