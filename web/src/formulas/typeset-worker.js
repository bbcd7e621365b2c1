// The formula panel's typesetting worker (typeset.js): {id, items: [{tex, docsBase, displayMode}]} → {id, html} with
// one HTML string per item, or {id, error} with KaTeX's message.
import katex from 'katex';
import { renderBatch } from './catalogue.js';

globalThis.onmessage = ({ data: { id, items } }) => {
  try {
    globalThis.postMessage({ id, html: renderBatch(katex, items) });
  } catch (error) {
    globalThis.postMessage({ id, error: error.message });
  }
};
