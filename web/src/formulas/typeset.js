// KaTeX typesetting for the formula panel, off the page's thread: the HTML of a batch of TeX strings is made in a
// worker (typeset-worker.js), which loads KaTeX's script the first time the panel asks. The first typesetting of a
// page (KaTeX's code not yet optimised) held the page's thread for about 80 ms; in the worker it holds nothing the page
// needs. Where the worker cannot start or fails, KaTeX is loaded in the page and typesets there (the same HTML).
//
//   const html = await typesetBatch([{tex, docsBase, displayMode}, ...]);   one HTML string per item, in order
import { WorkerClient } from '../engine/client.js';
import { renderBatch } from './catalogue.js';

let typesetter = null; // the worker's client once started
let workerFailed = false; // the worker could not start or died: the page typesets from then on

async function renderInPage(items) {
  const katex = (await import('katex')).default;
  return renderBatch(katex, items);
}

function startTypesetter() {
  const client = new WorkerClient(() => new Worker(new URL('./typeset-worker.js', import.meta.url), { type: 'module' }),
    () => {
      workerFailed = true;
      client.worker.terminate();
      return new Error('the typesetting worker failed');
    });
  client.connect();
  return client;
}

export async function typesetBatch(items) {
  if (items.length === 0) return [];
  if (!workerFailed) {
    try {
      typesetter ??= startTypesetter();
    } catch {
      workerFailed = true;
    }
  }
  if (workerFailed) return renderInPage(items);
  try {
    return (await typesetter.request('typeset', { items })).html;
  } catch (error) {
    if (!workerFailed) throw error; // KaTeX refused a formula (strict mode): a defect of the page, shown
    return renderInPage(items); // the worker failed while this batch waited
  }
}
