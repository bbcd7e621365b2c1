// What the export buttons produce, DOM-free: samples as CSV (the format of `sgm run --samples`: a header x0,x1,…
// and one row per particle, every number written so that it reads back to the same double), the experiment as the
// JSON `sgm run` accepts, plot series as a standalone SVG (uPlot draws to canvas, so the SVG is built from the
// series themselves) and the embed code of the page.

// CSV of `count` particles of dimension d stored coordinate-major (coordinate c of particle i at c·count + i), as
// the core's Session.particles() gives them. Pass a Float64Array for full precision.
export function samplesCsv(values, count, dimension) {
  const header = Array.from({ length: dimension }, (_, c) => `x${c}`).join(',');
  const rows = new Array(count);
  const row = new Array(dimension);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < dimension; c++) row[c] = String(values[c * count + i]);
    rows[i] = row.join(',');
  }
  return `${header}\n${rows.join('\n')}${count ? '\n' : ''}`;
}

// The inverse: {columns, count, dimension, values: Float64Array coordinate-major}. Throws naming the line of a
// malformed row.
export function parseCsv(text) {
  const lines = text.split(/\r?\n/).filter((line) => line !== '');
  if (lines.length === 0) throw new Error('samples CSV: empty (expected a header x0,x1,…)');
  const columns = lines[0].split(',');
  const count = lines.length - 1;
  const values = new Float64Array(count * columns.length);
  for (let i = 0; i < count; i++) {
    const cells = lines[i + 1].split(',');
    if (cells.length !== columns.length) {
      throw new Error(`samples CSV: line ${i + 2} has ${cells.length} values, expected ${columns.length}`);
    }
    cells.forEach((cell, c) => {
      const v = Number(cell);
      if (cell.trim() === '' || Number.isNaN(v)) throw new Error(`samples CSV: line ${i + 2}: "${cell}" is not a number`);
      values[c * count + i] = v;
    });
  }
  return { columns, count, dimension: columns.length, values };
}

// The experiment document, as a file `sgm run` reads (docs/usage.md, "Experiment JSON").
export function experimentJson(experiment) {
  return `${JSON.stringify(experiment, null, 2)}\n`;
}

const escapeXml = (text) => String(text).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]);

// The page's URL in embed mode (?embed=1 beside its other parameters).
export function embedUrl(pageUrl) {
  const url = new URL(pageUrl);
  url.searchParams.set('embed', '1');
  return url.href;
}

// An <iframe> snippet for a course page; it sizes to the width of its column.
export function embedSnippet(pageUrl, { title = 'sgmlab: a diffusion model, measured', height = 640 } = {}) {
  return `<iframe src="${escapeXml(embedUrl(pageUrl))}" title="${escapeXml(title)}" width="100%" height="${Number(height)}" `
    + 'loading="lazy" referrerpolicy="no-referrer"></iframe>';
}

// Ticks of a log axis: the powers of ten in [lo, hi] (at least the two ends when the range is under a decade).
function logTicks(lo, hi) {
  const ticks = [];
  for (let k = Math.ceil(Math.log10(lo)); k <= Math.floor(Math.log10(hi)); k++) ticks.push(10 ** k);
  return ticks.length >= 2 ? ticks : [lo, hi];
}

function linearTicks(lo, hi) {
  const step = 10 ** Math.floor(Math.log10((hi - lo) / 4 || 1));
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-12 * step; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks.length > 8 ? ticks.filter((_, i) => i % 2 === 0) : ticks;
}

const tickText = (v) => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-2) ? v.toExponential(0)
  : String(Number(v.toPrecision(3))));

// A standalone SVG of line series: spec {title, xLabel, yLabel, xLog, yLog, width, height, series: [{label, colour,
// dash, points: [[x, y, lower?, upper?], …]}]}; points with a non-finite (or, on a log axis, non-positive) value are
// left out, [lower, upper] drawn as an error bar.
export function seriesSvg(spec) {
  const { title = '', xLabel = '', yLabel = '', xLog = false, yLog = false, width = 640, height = 400, series } = spec;
  const margin = { left: 70, right: 16, top: 30, bottom: 46 + 18 * Math.ceil(series.length / 2) };
  const usable = (v, log) => Number.isFinite(v) && (!log || v > 0);
  const xs = series.flatMap((s) => s.points.map((p) => p[0])).filter((v) => usable(v, xLog));
  const ys = series.flatMap((s) => s.points.flatMap((p) => [p[1], p[2], p[3]])).filter((v) => usable(v, yLog));
  const range = (values, log) => {
    let lo = Math.min(...values);
    let hi = Math.max(...values);
    if (!(lo < hi)) [lo, hi] = log ? [lo / 2, hi * 2] : [lo - 1, hi + 1];
    return [lo, hi];
  };
  const [x0, x1] = xs.length ? range(xs, xLog) : [1, 10];
  const [y0, y1] = ys.length ? range(ys, yLog) : [1, 10];
  // Position of v along an axis from `from` to `to` pixels, the values a..b (log10 on a log axis).
  const scale = (a, b, log, from, to) => {
    const f = (v) => (log ? Math.log10(v) : v);
    return (v) => from + ((f(v) - f(a)) / (f(b) - f(a))) * (to - from);
  };
  const px = scale(x0, x1, xLog, margin.left, width - margin.right);
  const py = scale(y0, y1, yLog, height - margin.bottom, margin.top);
  const n = (v) => v.toFixed(2);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`, `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<g font-family="sans-serif" font-size="12" fill="#1d2433">`];
  out.push(`<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`);
  for (const t of xLog ? logTicks(x0, x1) : linearTicks(x0, x1)) {
    out.push(`<line x1="${n(px(t))}" x2="${n(px(t))}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="#e3e7ee"/>`,
      `<text x="${n(px(t))}" y="${height - margin.bottom + 16}" text-anchor="middle">${tickText(t)}</text>`);
  }
  for (const t of yLog ? logTicks(y0, y1) : linearTicks(y0, y1)) {
    out.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${n(py(t))}" y2="${n(py(t))}" stroke="#e3e7ee"/>`,
      `<text x="${margin.left - 6}" y="${n(py(t) + 4)}" text-anchor="end">${tickText(t)}</text>`);
  }
  out.push(`<rect x="${margin.left}" y="${margin.top}" width="${width - margin.left - margin.right}" height="${height - margin.top - margin.bottom}" fill="none" stroke="#5a6b7c"/>`,
    `<text x="${(margin.left + width - margin.right) / 2}" y="${height - margin.bottom + 34}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text transform="translate(16 ${(margin.top + height - margin.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`);
  series.forEach((s, k) => {
    const kept = s.points.filter((p) => usable(p[0], xLog) && usable(p[1], yLog));
    const dash = s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : '';
    out.push(`<g stroke="${escapeXml(s.colour)}" fill="${escapeXml(s.colour)}">`);
    if (kept.length > 1) out.push(`<polyline fill="none" stroke-width="2"${dash} points="${kept.map((p) => `${n(px(p[0]))},${n(py(p[1]))}`).join(' ')}"/>`);
    for (const p of kept) {
      if (!s.dash) out.push(`<circle cx="${n(px(p[0]))}" cy="${n(py(p[1]))}" r="3"/>`);
      if (usable(p[2], yLog) && usable(p[3], yLog)) out.push(`<line x1="${n(px(p[0]))}" x2="${n(px(p[0]))}" y1="${n(py(p[2]))}" y2="${n(py(p[3]))}" stroke-width="1.5"/>`);
    }
    const lx = margin.left + (k % 2) * ((width - margin.left) / 2);
    const ly = height - margin.bottom + 52 + 18 * Math.floor(k / 2);
    out.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke-width="2"${dash}/>`,
      `<text x="${lx + 30}" y="${ly}" stroke="none" fill="#1d2433">${escapeXml(s.label)}</text>`, '</g>');
  });
  out.push('</g>', '</svg>');
  return `${out.join('\n')}\n`;
}

// The series of a sweep result (core Sweep JSON: points[] with sampler, value, metrics[name] = {mean, lower, upper})
// for one metric, one series per sampler, in seriesSvg's form.
export function sweepSeries(result, metric, colours) {
  const samplers = [...new Set(result.points.map((p) => p.sampler))];
  return samplers.map((sampler, k) => ({
    label: `${sampler}: ${metric}`,
    colour: colours[k % colours.length],
    points: result.points.filter((p) => p.sampler === sampler && p.metrics[metric])
      .map((p) => [p.value, p.metrics[metric].mean, p.metrics[metric].lower, p.metrics[metric].upper])
      .sort((a, b) => a[0] - b[0]),
  }));
}
