// The formula panel's catalogue (web/src/formulas/catalogue.js): an entry for every sampler and bound of the core's
// registry (docs/reference.md, which a node test keeps equal to `sgm list --markdown`), each rendering under KaTeX's
// strict mode, each link naming a heading of docs/theory.md as scripts/render-docs.mjs renders it, and the run's
// numbers substituted so that the terms recombine into the core's value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import {
  boundFormulas, combineTerms, katexOptions, linkedSections, samplerFormulas, substitutedTex, texNumber, toTex,
} from '../../web/src/formulas/catalogue.js';
import { headingId } from '../../scripts/render-docs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sgm = path.join(root, 'build/native/sgm');
const reference = readFileSync(path.join(root, 'docs/reference.md'), 'utf8');
const theory = readFileSync(path.join(root, 'docs/theory.md'), 'utf8');

// The names in the first column of a "## Title" table of docs/reference.md.
function registryNames(title) {
  const section = reference.split(/^## /m).find((s) => s.startsWith(`${title}\n`));
  return [...section.matchAll(/^\| `([a-z0-9_]+)`/gm)].map((m) => m[1]);
}

// Every anchor the rendered docs/theory.html has (headings through headingId).
const anchors = new Set([...theory.matchAll(/^#{1,6} (.+)$/gm)].map((m) => headingId(m[1])));

const render = (tex) => katex.renderToString(toTex(tex, 'docs/'), { ...katexOptions('docs/'), displayMode: true });

test('every sampler of the registry has an update rule and every bound an inequality', () => {
  const samplers = registryNames('Samplers');
  const bounds = registryNames('Bounds');
  assert.ok(samplers.length >= 12 && bounds.length >= 13, `${samplers.length} samplers, ${bounds.length} bounds`);
  assert.deepEqual(samplers.filter((n) => !samplerFormulas[n]), []);
  assert.deepEqual(bounds.filter((n) => !boundFormulas[n]), []);
  assert.deepEqual(Object.keys(samplerFormulas).filter((n) => !samplers.includes(n)), [], 'entries for no sampler');
  assert.deepEqual(Object.keys(boundFormulas).filter((n) => !bounds.includes(n)), [], 'entries for no bound');
});

test('each formula renders in strict mode and links only to headings of docs/theory.md', () => {
  const texts = [
    ...Object.values(samplerFormulas).flatMap((e) => [e.tex, ...e.symbols.map((sym) => sym[0])]),
    ...Object.values(boundFormulas).flatMap((e) => [e.tex, e.quantity, ...e.terms]),
  ];
  for (const tex of texts) {
    const html = render(tex);
    for (const section of linkedSections(tex)) assert.ok(anchors.has(`s${section}`), `§${section} in ${tex}`);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) assert.match(href, /^docs\/theory\.html#s\d+(\.\d+)?$/);
  }
  const symbolSections = Object.values(samplerFormulas).flatMap((e) => e.symbols.map((sym) => sym[2]));
  for (const section of [...symbolSections, ...Object.values(boundFormulas).map((e) => e.section)]) {
    assert.ok(anchors.has(`s${section}`), `§${section}`);
  }
  // A link outside the documents is refused by the trust option (KaTeX shows the command instead of a link).
  assert.doesNotMatch(render(String.raw`\href{https://example.org}{x}`), /href=/);
});

test('texNumber writes powers of ten and missing values', () => {
  assert.equal(texNumber(0.69612), '0.6961');
  assert.equal(texNumber(5029.97), '5030');
  assert.equal(texNumber(2.8376e-5), String.raw`2.838 \times 10^{-5}`);
  assert.equal(texNumber(null), String.raw`\text{n/a}`);
});

test('a run\'s bounds: the terms recombine into the core\'s value and the substituted line renders',
  { skip: !existsSync(sgm) && 'build/native/sgm is not built' }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sgm-formulas-'));
    try {
      const gaussian = JSON.parse(readFileSync(path.join(root, 'examples/bounds-gaussian.json'), 'utf8'));
      const ring = { target: { kind: 'ring', n_points: 200 }, steps: 50, particles: 200, seed: 1, metrics: ['sliced_w2'] };
      let checked = 0;
      for (const experiment of [gaussian, ring]) {
        const file = path.join(dir, 'run.json');
        writeFileSync(file, JSON.stringify({ ...experiment, bounds: 'all', bound_options: { samples: 200 } }));
        const result = JSON.parse(execFileSync(sgm, ['run', file], { encoding: 'utf8' }));
        for (const [name, bound] of Object.entries(result.bounds)) {
          assert.equal(bound.terms.length, boundFormulas[name].terms.length, `${name}: number of terms`);
          const recombined = combineTerms(name, bound.terms);
          if (bound.value === null) assert.equal(recombined, null, name);
          else assert.ok(Math.abs(recombined - bound.value) <= 1e-12 * Math.abs(bound.value), `${name}: ${recombined} vs ${bound.value}`);
          render(substitutedTex(name, bound));
          checked += 1;
        }
      }
      assert.ok(checked >= 20, `${checked} bounds checked`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
