// The export serialisers (web/src/views/export.js): CSV round trip against `sgm run --samples`, SVG well-formed with
// the plotted points where they belong, experiment JSON that `sgm run` accepts, embed code that escapes its input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  embedSnippet, embedUrl, experimentJson, parseCsv, samplesCsv, seriesSvg, sweepSeries,
} from '../../web/src/views/export.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sgm = path.join(root, 'build/native/sgm');
const noSgm = !existsSync(sgm) && 'build/native/sgm is not built';

function withTemp(body) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sgm-export-'));
  try {
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// XML well-formedness, enough for the SVG we write: tags nest and close, attributes are quoted and hold no '<',
// text holds no raw '<' and only the five XML entities. Returns the element names in document order.
function checkXml(text) {
  const stack = [];
  const names = [];
  const entity = /&(?!(lt|gt|amp|quot|apos);)/;
  let last = 0;
  for (const m of text.matchAll(/<[^<>]*>/g)) {
    const between = text.slice(last, m.index);
    assert.ok(!between.includes('<') && !entity.test(between), `text "${between}"`);
    last = m.index + m[0].length;
    const tag = m[0];
    if (tag.startsWith('</')) {
      assert.equal(stack.pop(), tag.slice(2, -1).trim(), `closing ${tag}`);
      continue;
    }
    const body = /^<([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>$/.exec(tag);
    assert.ok(body, `malformed tag ${tag}`);
    assert.ok(!entity.test(body[2]), `attribute entity in ${tag}`);
    names.push(body[1]);
    if (body[3] !== '/') stack.push(body[1]);
  }
  assert.ok(!text.slice(last).includes('<'));
  assert.deepEqual(stack, [], 'unclosed elements');
  return names;
}

test('samples CSV: the particles of `sgm run --samples` read back and write out to the same numbers', { skip: noSgm }, () => {
  withTemp((dir) => {
    const experiment = path.join(dir, 'e.json');
    const csv = path.join(dir, 'samples.csv');
    writeFileSync(experiment, JSON.stringify({ target: { kind: 'gaussian', mean: [1, -0.5, 2], covariance: [[1, 0, 0], [0, 2, 0], [0, 0, 0.5]] },
      steps: 10, particles: 50, seed: 3, metrics: ['mean_error'] }));
    execFileSync(sgm, ['run', experiment, '--samples', csv]);
    const native = readFileSync(csv, 'utf8');
    const parsed = parseCsv(native);
    assert.equal(parsed.count, 50);
    assert.deepEqual(parsed.columns, ['x0', 'x1', 'x2']);
    const again = parseCsv(samplesCsv(parsed.values, parsed.count, parsed.dimension));
    assert.deepEqual([...again.values], [...parsed.values]); // bit-identical doubles
  });
});

test('samples CSV: edge values round-trip and malformed rows are named', () => {
  const values = Float64Array.from([0.1 + 0.2, -1e-300, 5e-324, 1.7976931348623157e308]);
  const back = parseCsv(samplesCsv(values, 2, 2));
  assert.deepEqual([...back.values], [...values]);
  assert.equal(samplesCsv(new Float64Array(0), 0, 2), 'x0,x1\n');
  assert.throws(() => parseCsv('x0,x1\n1,2\n3\n'), /line 3 has 1 values, expected 2/);
  assert.throws(() => parseCsv('x0\nabc\n'), /line 2: "abc" is not a number/);
});

test('experiment JSON: `sgm run` accepts it and echoes it in its config', { skip: noSgm }, () => {
  withTemp((dir) => {
    const gmm = JSON.parse(readFileSync(path.join(root, 'examples/gmm2d.json'), 'utf8'));
    const experiment = { ...gmm, sampler: { kind: 'ddim', eta: 0.5 }, steps: 20, particles: 300,
      bounds: ['certified_kl'], bound_options: { samples: 50 } };
    const file = path.join(dir, 'experiment.json');
    writeFileSync(file, experimentJson(experiment));
    const result = JSON.parse(execFileSync(sgm, ['run', file], { encoding: 'utf8' }));
    assert.deepEqual(result.config.sampler, { kind: 'ddim', eta: 0.5 });
    assert.equal(result.config.steps, 20);
    assert.ok(result.metrics.sliced_w2 > 0);
  });
});

test('SVG: well-formed, escaped, points on a log-log axis where the decades put them', () => {
  const svg = seriesSvg({ title: 'W2 <against> N & "steps"', xLabel: 'N', yLabel: 'W2', xLog: true, yLog: true, width: 600,
    height: 400, series: [
      { label: 'ei', colour: '#e69f00', points: [[10, 1, 0.9, 1.1], [100, 0.1, 0.09, 0.11], [1000, 0.01, NaN, NaN]] },
      { label: 'floor', colour: '#999999', dash: [4, 2], points: [[10, 0.02], [1000, 0.02], [100, 0]] },
    ] });
  const names = checkXml(svg);
  assert.equal(names[0], 'svg');
  assert.match(svg, /<title>W2 &lt;against&gt; N &amp; &quot;steps&quot;<\/title>/);
  // x: 10 → left edge, 1000 → right edge, 100 halfway (log scale); y likewise over [0.01, 1.1].
  const polyline = /<polyline[^>]*points="([^"]+)"/.exec(svg)[1].split(' ').map((p) => p.split(',').map(Number));
  assert.equal(polyline.length, 3);
  assert.ok(Math.abs(polyline[1][0] - (polyline[0][0] + polyline[2][0]) / 2) < 0.02);
  const [, y1, y2, y3] = [0, polyline[0][1], polyline[1][1], polyline[2][1]];
  assert.ok(y1 < y2 && y2 < y3, 'smaller errors lower on the plot');
  assert.ok(Math.abs((y2 - y1) - (y3 - y2)) < 0.02, 'one decade each');
  assert.equal((svg.match(/<circle/g) ?? []).length, 3, 'the dashed floor has no markers; its 0 is left out');
});

test('sweepSeries: one series per sampler of a sweep result, sorted by N', { skip: noSgm }, () => {
  const result = JSON.parse(execFileSync(sgm, ['sweep', path.join(root, 'examples/sweep-gaussian.json')], { encoding: 'utf8' }));
  const series = sweepSeries(result, 'sliced_w2', ['#e69f00', '#56b4e9']);
  const samplers = new Set(result.points.map((p) => p.sampler));
  assert.equal(series.length, samplers.size);
  for (const s of series) {
    assert.ok(s.points.length >= 2);
    assert.ok(s.points.every((p, i) => i === 0 || p[0] > s.points[i - 1][0]));
    assert.ok(s.points.every((p) => p[2] <= p[1] && p[1] <= p[3]));
  }
  checkXml(seriesSvg({ title: 'sweep', xLog: true, yLog: true, series }));
});

test('embed code: the page in embed mode, attributes escaped', () => {
  assert.equal(embedUrl('https://example.org/lab/?sampler=em'), 'https://example.org/lab/?sampler=em&embed=1');
  const snippet = embedSnippet('https://example.org/lab/?a=1&b=2', { title: 'a "quoted" <title>', height: 500 });
  assert.ok(snippet.startsWith('<iframe src="https://example.org/lab/?a=1&amp;b=2&amp;embed=1" '
    + 'title="a &quot;quoted&quot; &lt;title&gt;"'), snippet);
  checkXml(snippet);
});
