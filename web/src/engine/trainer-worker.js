// The trainer's thread, apart from the samplers' (engine/worker.js): trains a score network with the core's Trainer
// (denoising score matching, docs/theory.md §14) in chunks of advance(k) and posts each chunk's mean loss as it goes.
// Requests (engine/serve.js: one reply each, same id):
//   {type: 'init', moduleUrl}                        -> {}
//   {type: 'train', document, refresh, errorDocument} -> {stepsDone, steps, stopped, weights, scoreError}
//       while it trains, events without an id: {event: 'chunk', stepsDone, steps, loss, seconds, samples} after each
//       chunk, and {event: 'scoreError', stepsDone, scoreError} (the ε(t) table of Trainer.scoreError(errorDocument))
//       once the steps of `refresh` are passed; `weights` is the weights document `sgm train --out` writes, scoreError
//       the final ε(t) (not `error`: a reply's error field is a failure, engine/serve.js)
//   {type: 'stop'} (no reply)                        -> the training stops after its chunk, keeping its weights
//   {type: 'sample', experiment}                     -> frame (serve.js) of the whole run, with its result
// A NaN or infinite loss stops the training with an error naming the learning rate.
import { nextChunk } from '../state/learn.js';
import { frameOf, loadBuild, resultOf, serve } from './serve.js';

let sgm = null;
let trainer = null;
let stopping = false;

const breathe = () => new Promise((resolve) => setTimeout(resolve, 0)); // lets a 'stop' message in between chunks

const handlers = {
  async init({ moduleUrl }) {
    sgm = await loadBuild(moduleUrl);
    return {};
  },
  async train({ document, refresh, errorDocument }) {
    trainer?.delete();
    trainer = null;
    trainer = new sgm.Trainer(JSON.stringify(document));
    stopping = false;
    const steps = trainer.steps();
    const due = [...refresh];
    const measure = () => JSON.parse(trainer.scoreError(JSON.stringify(errorDocument)));
    let k = 4;
    while (trainer.stepsDone() < steps && !stopping) {
      const start = performance.now();
      const loss = trainer.advance(k);
      const seconds = (performance.now() - start) / 1000;
      const stepsDone = trainer.stepsDone();
      if (!Number.isFinite(loss)) {
        throw new Error(`learning_rate: the training loss is ${loss} at step ${stepsDone}: `
          + `lower the learning rate (${document.learning_rate}) or the network's size`);
      }
      self.postMessage({ event: 'chunk', stepsDone, steps, loss, seconds, samples: k * document.batch });
      if (due.length && stepsDone >= due[0] && stepsDone < steps) {
        while (due.length && stepsDone >= due[0]) due.shift();
        self.postMessage({ event: 'scoreError', stepsDone, scoreError: measure() });
      }
      k = nextChunk(k, seconds, steps - stepsDone);
      await breathe();
    }
    const weights = trainer.weights();
    return { stepsDone: trainer.stepsDone(), steps, stopped: stopping, weights, scoreError: measure() };
  },
  stop() {
    stopping = true;
  },
  sample({ experiment }) {
    const session = new sgm.Session(JSON.stringify(experiment));
    try {
      session.advance(session.steps());
      return { ...frameOf(session), result: resultOf(session) };
    } finally {
      session.delete();
    }
  },
};

serve(handlers);
