// Export buttons: samples (CSV), a plot (PNG from its canvas, SVG from its series), the experiment (JSON that
// `sgm run` accepts), copy link, copy embed code. Every button is a native <button>; what happened is announced in
// a polite live region. Where the clipboard is refused (an iframe without clipboard permission), the text is shown
// selected so that it can be copied by hand.
//
//   const panel = mountExportPanel(container, {
//     samples: () => ({values, count, dimension}),      coordinate-major particles (Float64Array for full precision);
//                                                       may return a promise (e.g. a request to the sampler worker)
//     experiment: () => object,                          the experiment document (or a promise of it)
//     plots: [{name, canvas: () => HTMLCanvasElement, svg: () => seriesSvg spec}],
//     link: () => url,                                  the page's URL for this state
//   });
//   panel.destroy();
// A source left out hides its buttons.
import { embedSnippet, experimentJson, samplesCsv, seriesSvg } from './export.js';

export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function mountExportPanel(container, { samples, experiment, plots = [], link } = {}) {
  const root = document.createElement('div');
  root.className = 'sgm-export';
  root.setAttribute('role', 'group');
  root.setAttribute('aria-label', 'export');
  const status = document.createElement('output');
  status.setAttribute('aria-live', 'polite');
  const manual = document.createElement('textarea');
  manual.readOnly = true;
  manual.hidden = true;
  manual.rows = 3;
  manual.setAttribute('aria-label', 'text to copy');
  const say = (text) => { status.textContent = text; };
  const add = (label, action) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', () => Promise.resolve().then(action).catch((e) => say(`${label}: ${e.message}`)));
    root.append(b);
    return b;
  };
  const copy = async (text, what) => {
    try {
      await navigator.clipboard.writeText(text);
      manual.hidden = true;
      say(`${what} copied to the clipboard.`);
    } catch {
      manual.value = text;
      manual.hidden = false;
      manual.focus();
      manual.select();
      say(`The clipboard is not available here: ${what} is selected below, copy it with Ctrl+C (⌘C).`);
    }
  };

  if (samples) {
    add('Samples (CSV)', async () => {
      const { values, count, dimension } = await samples();
      download(new Blob([samplesCsv(values, count, dimension)], { type: 'text/csv' }), 'samples.csv');
      say(`samples.csv: ${count.toLocaleString('en')} particles × ${dimension} coordinates.`);
    });
  }
  for (const plot of plots) {
    if (plot.canvas) {
      add(`${plot.name} (PNG)`, () => new Promise((resolve, reject) => {
        plot.canvas().toBlob((blob) => {
          if (!blob) return reject(new Error('the canvas could not be encoded'));
          download(blob, `${plot.name}.png`);
          say(`${plot.name}.png saved.`);
          return resolve();
        }, 'image/png');
      }));
    }
    if (plot.svg) {
      add(`${plot.name} (SVG)`, () => {
        download(new Blob([seriesSvg(plot.svg())], { type: 'image/svg+xml' }), `${plot.name}.svg`);
        say(`${plot.name}.svg saved.`);
      });
    }
  }
  if (experiment) {
    add('Experiment (JSON)', async () => {
      download(new Blob([experimentJson(await experiment())], { type: 'application/json' }), 'experiment.json');
      say('experiment.json saved: run it with build/native/sgm run experiment.json');
    });
  }
  if (link) {
    add('Copy link', () => copy(link(), 'the link'));
    add('Copy embed code', () => copy(embedSnippet(link()), 'the embed code'));
  }
  root.append(status, manual);
  container.append(root);
  return { element: root, destroy() { root.remove(); } };
}
