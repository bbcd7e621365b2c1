// KaTeX typesetting for the formula panel, off the page's thread: the HTML of a batch of TeX strings is made in a
// worker (typeset-worker.js), which loads KaTeX's script the first time the panel asks. The first typesetting of a
// page (KaTeX's code not yet optimised) held the page's thread for about 80 ms; in the worker it holds nothing the page
// needs. Where the worker cannot start or fails, KaTeX is loaded in the page and typesets there (the same HTML).
//
//   const html = await typesetBatch([{tex, docsBase, displayMode}, ...]);   one HTML string per item, in order
import { renderBatch } from './catalogue.js';

let worker = null; // the worker once started; null after it failed (then the page typesets)
let workerFailed = false;
const waiting = new Map(); // request id → {resolve, reject, items}
let requests = 0;

async function renderInPage(items) {
  const katex = (await import('katex')).default;
  return renderBatch(katex, items);
}

// The worker failed to start or died: every request still waiting is typeset in the page instead.
function workerFailure() {
  workerFailed = true;
  worker?.terminate();
  worker = null;
  for (const { resolve, reject, items } of waiting.values()) renderInPage(items).then(resolve, reject);
  waiting.clear();
}

function startWorker() {
  worker = new Worker(new URL('./typeset-worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = ({ data: { id, html, error } }) => {
    const request = waiting.get(id);
    waiting.delete(id);
    if (error === undefined) request.resolve(html);
    else request.reject(new Error(error)); // KaTeX refused a formula (strict mode): a defect of the page, shown
  };
  worker.onerror = (event) => {
    event.preventDefault();
    workerFailure();
  };
}

export function typesetBatch(items) {
  if (items.length === 0) return Promise.resolve([]);
  if (!worker && !workerFailed) {
    try {
      startWorker();
    } catch {
      workerFailed = true;
    }
  }
  if (workerFailed) return renderInPage(items);
  const id = ++requests;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject, items });
    worker.postMessage({ id, items });
  });
}
