// Canvas helpers shared by the views: a figure with a canvas (role="img", its text summary as the accessible name),
// a caption and a data table in a <details>, sized to its container and sharp on high-density screens.

// Builds <figure class="sgm-view"> in `container`; returns its parts.
export function createFigure(container, { title, aspect = 1, className = '' }) {
  const figure = document.createElement('figure');
  figure.className = `sgm-view ${className}`.trim();
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', title);
  const caption = document.createElement('figcaption');
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = `${title}: data table`;
  const table = document.createElement('table');
  details.append(summary, table);
  figure.append(canvas, caption, details);
  container.append(figure);
  return { figure, canvas, caption, table, aspect, title };
}

// An element's clientWidth as a ResizeObserver last reported it: read without forcing a layout. Reading clientWidth
// right after the page changed (a frame's text, a chart) lays the whole page out on the spot, 20-50 ms in the load
// profile of the page; the observer's callback runs after the browser's own layout, where the read is free. Before
// the observer has reported, `fallback` if given (the caller resizes when it reports), else clientWidth itself.
const observed = new WeakMap();
const observer = typeof ResizeObserver === 'function'
  ? new ResizeObserver((entries) => { for (const e of entries) observed.set(e.target, e.target.clientWidth); }) : null;
export function layoutWidth(element, fallback) {
  if (!observed.has(element)) {
    if (!observer) return element.clientWidth;
    observer.observe(element);
    observed.set(element, fallback ?? element.clientWidth);
  }
  return observed.get(element);
}

// The canvas's displayed width × aspect in device pixels: [width, height].
export function canvasSize(canvas, aspect) {
  const scale = globalThis.devicePixelRatio || 1;
  const width = Math.max(1, Math.round((layoutWidth(canvas) || 320) * scale));
  return [width, Math.max(1, Math.round(width * aspect))];
}

// Resizes the canvas's backing store to canvasSize(); returns [width, height].
export function fitCanvas(canvas, aspect) {
  const [width, height] = canvasSize(canvas, aspect);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  return [width, height];
}

// Writes the text summary to the caption and to the canvas's accessible name.
export function describe(parts, text) {
  parts.caption.textContent = text;
  parts.canvas.setAttribute('aria-label', `${parts.title}. ${text}`);
}

// Replaces the table with a header row and rows of cells (numbers shown with 4 significant digits).
export function fillTable(table, header, rows) {
  const cell = (tag, value) => {
    const c = document.createElement(tag);
    c.textContent = typeof value === 'number' ? formatNumber(value) : String(value);
    if (tag === 'th') c.scope = 'col';
    return c;
  };
  const head = document.createElement('tr');
  head.append(...header.map((h) => cell('th', h)));
  table.replaceChildren(head, ...rows.map((r) => {
    const tr = document.createElement('tr');
    tr.append(...r.map((v) => cell('td', v)));
    return tr;
  }));
}

export function formatNumber(v) {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}

// Draws RGBA `pixels` (width × height) over what `ctx` shows, scaled to the canvas (putImageData would replace it):
// through an offscreen canvas and drawImage, which composites. The offscreen canvas is one for the page, reused (a
// view drawing every frame would otherwise leave a canvas per frame to the garbage collector).
let scratch = null;
export function drawPixels(ctx, pixels, width, height) {
  scratch ??= document.createElement('canvas');
  if (scratch.width !== width || scratch.height !== height) Object.assign(scratch, { width, height });
  scratch.getContext('2d').putImageData(new ImageData(pixels, width, height), 0, 0);
  ctx.drawImage(scratch, 0, 0, ctx.canvas.width, ctx.canvas.height);
}
