// Formula panel: the current sampler's update rule and each bound of a run, typeset by KaTeX, with this run's numbers
// substituted and every assumption marked holds / fails / unknown (word and colour). Each linked symbol opens its
// section of docs/theory.html; a legend under each rule repeats the symbols with their meaning and section.
//
//   const panel = mountFormulaPanel(container, {docsBase: 'docs/'});
//   await panel.update(result);   result: the run's result JSON (config, bounds) as `sgm run` prints it
//   panel.clear();  panel.destroy();
//
// The page's thread stays free: KaTeX runs in a worker that loads its script when the panel first typesets
// (typeset.js), each formula is typeset once (the HTML of a TeX string is kept: a sampler's rule and a bound's formula
// are the same run after run; each typesetting is a `sgm:typeset` measure in the worker, web/src/timing.js), an
// update's new formulas go to the worker in one batch, and the panel is built off the document with a yield to the
// event loop after each block, then shown in one step (a newer update or clear() drops an older one).
//
// Strict Content-Security-Policy (style-src 'self', no 'unsafe-inline'): KaTeX's HTML carries style="…" attributes,
// which such a policy blocks when parsed. renderTex() moves them to data attributes and applies them through the
// CSSOM (element.style), which the policy allows. The stylesheet katex/dist/katex.css is bundled by Vite: it is the
// page's from the start (a stylesheet added later restyles the whole page in one task).
import 'katex/dist/katex.css';
import {
  boundFormulas, linkedSections, samplerFormulas, samplerName, substitutedTex,
} from './catalogue.js';
import { typesetBatch } from './typeset.js';
import { yieldToEventLoop } from '../timing.js';

// The HTML of each TeX string typeset so far (options in the key), its style attributes moved to data attributes.
const typeset = new Map();
const typesetKept = 500; // a long session's substituted numbers must not pile up
const keyOf = ({ tex, docsBase, displayMode }) => `${docsBase}\n${displayMode}\n${tex}`;

// Typesets the items {tex, docsBase, displayMode} not typeset yet, in one batch; afterwards htmlOf() has them all.
async function prepare(items) {
  const distinct = new Map(items.map((item) => [keyOf(item), item]));
  const missing = [...distinct.values()].filter((item) => !typeset.has(keyOf(item)));
  const html = await typesetBatch(missing);
  if (typeset.size + missing.length > typesetKept) typeset.clear();
  missing.forEach((item, i) => typeset.set(keyOf(item), html[i].replace(/ style="([^"]*)"/g, ' data-katex-style="$1"')));
}

const htmlOf = (tex, docsBase, displayMode) => typeset.get(keyOf({ tex, docsBase, displayMode }));

// Renders TeX into `element` without inline style attributes (see above); the TeX must be typeset (prepare).
function renderTex(element, tex, { docsBase = 'docs/', displayMode = true } = {}) {
  element.innerHTML = htmlOf(tex, docsBase, displayMode);
  for (const node of element.querySelectorAll('[data-katex-style]')) {
    node.style.cssText = node.dataset.katexStyle;
    delete node.dataset.katexStyle;
  }
  // KaTeX's visual HTML is aria-hidden (its MathML is what is read), so its links must not take focus; the same
  // sections are linked in the text beside each formula (sectionLinks).
  for (const link of element.querySelectorAll('.katex-html a')) link.tabIndex = -1;
}

// "Sections: docs/theory.md §a, §b": the sections a formula links to, as ordinary links.
function sectionLinks(parent, sections, docsBase) {
  const p = document.createElement('p');
  p.className = 'sgm-note';
  p.append('Sections: ');
  [...new Set(sections)].forEach((section, i) => {
    const link = document.createElement('a');
    link.href = `${docsBase}theory.html#s${section}`;
    link.textContent = `docs/theory.md §${section}`;
    p.append(...(i ? [', ', link] : [link]));
  });
  parent.append(p);
}

// A displayed formula: its own horizontal scroll box on narrow screens, reachable by keyboard (Tab) to scroll it.
function displayed(parent, tex, docsBase) {
  const box = document.createElement('div');
  box.className = 'sgm-formula-tex';
  box.tabIndex = 0;
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', 'formula');
  renderTex(box, tex, { docsBase });
  parent.append(box);
}

function block(container, title) {
  const section = document.createElement('section');
  section.className = 'sgm-formula';
  const heading = document.createElement('h3');
  heading.textContent = title;
  section.append(heading);
  container.append(section);
  return section;
}

function paragraph(parent, text, className) {
  const p = document.createElement('p');
  if (className) p.className = className;
  p.textContent = text;
  parent.append(p);
  return p;
}

function legend(parent, symbols, docsBase) {
  const list = document.createElement('ul');
  list.className = 'sgm-symbols';
  for (const [tex, meaning, section] of symbols) {
    const item = document.createElement('li');
    const symbol = document.createElement('span');
    renderTex(symbol, tex, { docsBase, displayMode: false });
    const link = document.createElement('a');
    link.href = `${docsBase}theory.html#s${section}`;
    link.textContent = `docs/theory.md §${section}`;
    item.append(symbol, ` ${meaning} (`, link, ')');
    list.append(item);
  }
  parent.append(list);
}

function assumptions(parent, list) {
  const ul = document.createElement('ul');
  ul.className = 'sgm-assumptions';
  for (const a of list) {
    const li = document.createElement('li');
    const badge = document.createElement('span');
    badge.className = `sgm-status sgm-status-${a.status}`;
    badge.textContent = a.status;
    li.append(badge, `${a.name} — ${a.reason}`);
    ul.append(li);
  }
  parent.append(ul);
}

// The run's numbers that the update rule uses.
function runLine(config) {
  const sampler = typeof config.sampler === 'string' ? {} : config.sampler;
  const parameters = Object.entries(sampler).filter(([k]) => k !== 'kind').map(([k, v]) => `${k} = ${JSON.stringify(v)}`);
  const process = typeof config.process === 'string' ? config.process : config.process.kind;
  const grid = typeof config.grid === 'string' ? config.grid : config.grid.kind;
  return `This run: process ${process}, ${grid} grid of N = ${config.steps} steps from T = ${config.T} down to δ = ${config.delta}`
    + `${parameters.length ? `; ${parameters.join(', ')}` : ''}.`;
}

export function mountFormulaPanel(container, { docsBase = 'docs/' } = {}) {
  const root = document.createElement('div');
  root.className = 'sgm-formulas';
  container.append(root);

  let generation = 0; // bumped by every update and clear: an older update stops at its next yield

  // Each block (the sampler's rule, then each bound) is built in a detached element, with a yield after each.
  async function update(result) {
    const mine = ++generation;
    const name = samplerName(result.config);
    const entry = samplerFormulas[name];
    const bounds = Object.entries(result.bounds ?? {});
    const item = (tex, displayMode = true) => ({ tex, docsBase, displayMode });
    await prepare([
      ...(entry ? [item(entry.tex), ...entry.symbols.map(([tex]) => item(tex, false))] : []),
      ...bounds.filter(([bound]) => boundFormulas[bound])
        .flatMap(([bound, value]) => [item(boundFormulas[bound].tex), item(substitutedTex(bound, value))]),
    ]);
    if (mine !== generation) return;
    const next = document.createElement('div');
    const rule = block(next, `Sampler ${name}: ${entry ? entry.title : 'no formula entry'}`);
    if (entry) {
      displayed(rule, entry.tex, docsBase);
      legend(rule, entry.symbols, docsBase);
    }
    paragraph(rule, runLine(result.config));
    for (const [bound, value] of bounds) {
      await yieldToEventLoop();
      if (mine !== generation) return;
      const formula = boundFormulas[bound];
      const section = block(next, `Bound ${bound}${value.label ? ` (${value.label})` : ''}: ${value.source}`);
      if (formula) {
        displayed(section, formula.tex, docsBase);
        displayed(section, substitutedTex(bound, value), docsBase);
        sectionLinks(section, [formula.section, ...linkedSections(formula.tex)], docsBase);
      }
      const hold = value.assumptions_hold ? 'All its assumptions hold for this run.'
        : 'Not every assumption holds for this run: the inequality is not guaranteed here.';
      paragraph(section, hold);
      assumptions(section, value.assumptions);
      for (const note of value.notes) paragraph(section, note, 'sgm-note');
    }
    await yieldToEventLoop();
    if (mine !== generation) return;
    root.replaceChildren(...next.childNodes);
    root.dataset.bounds = String(Object.keys(result.bounds ?? {}).length);
  }

  function clear() {
    generation += 1;
    root.replaceChildren();
  }

  return { element: root, update, clear, destroy() { root.remove(); } };
}
