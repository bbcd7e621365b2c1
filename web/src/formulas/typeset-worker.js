// The formula panel's typesetting worker (typeset.js, serve.js's protocol): {type: 'typeset', items: [{tex, docsBase,
// displayMode}]} → {html} with one HTML string per item, or {error} with KaTeX's message.
import katex from 'katex';
import { renderBatch } from './catalogue.js';
import { serve } from '../engine/serve.js';

serve({ typeset: ({ items }) => ({ html: renderBatch(katex, items) }) });
