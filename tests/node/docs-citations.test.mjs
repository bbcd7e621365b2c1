// Every citation of docs/theory.md in the repository resolves: each "theory §N" or "theory.md §N.M" (and every
// section of a list such as "theory §1, §9.8" or "theory §5 and §9.10") names a numbered heading of docs/theory.md.
// Documents outside the repository cannot be cited: the build notes are docs/development.md, the measurements
// docs/benchmarks.md. Outside docs/, the theory document is always named by its path, docs/theory.md.
// Reads the files git tracks (plus the working copy of each), so a new file is checked as soon as it is added.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const self = path.relative(root, fileURLToPath(import.meta.url));

// Headings "## §7 …" or "### §7.8 …" of docs/theory.md.
export function theorySections(markdown) {
  const sections = new Set();
  for (const match of markdown.matchAll(/^#{2,4} §(\d+(?:\.\d+)?)\s/gm)) sections.add(match[1]);
  return sections;
}

// The section numbers cited after the word "theory" (or "theory.md"), with list continuations and paragraph letters.
// Between the words a comment may break the line ("theory\n//     §8.1").
const gap = String.raw`(?:\s|//|#)*`;
const sectionRef = String.raw`§\s?\d+(?:\.\d+)?(?:\([a-z]\))?`;
const citation = new RegExp(
  String.raw`theory(?:\.md)?,?${gap}(${sectionRef}(?:${gap}(?:,|and|&|or)${gap}${sectionRef})*)`, 'gi');
export function citedSections(text) {
  const cited = [];
  for (const match of text.matchAll(citation)) {
    for (const ref of match[1].matchAll(/§\s?(\d+(?:\.\d+)?)/g)) cited.push({ section: ref[1], at: match.index });
  }
  return cited;
}

const trackedTextFiles = () =>
  execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && f !== self && !/\.(png|jpe?g|gif|ico|wasm|woff2?)$/i.test(f) && f !== 'package-lock.json')
    .map((f) => {
      try {
        return { file: f, text: readFileSync(path.join(root, f), 'utf8') };
      } catch {
        return null; // deleted in the working copy
      }
    })
    .filter(Boolean);

const lineOf = (text, index) => text.slice(0, index).split('\n').length;

test('docs/theory.md numbers its sections §0 to §10 as the code has always cited them', () => {
  const sections = theorySections(readFileSync(path.join(root, 'docs/theory.md'), 'utf8'));
  for (let n = 0; n <= 10; n += 1) assert.ok(sections.has(String(n)), `docs/theory.md has no heading "§${n}"`);
  for (const sub of ['7.1', '7.8', '7.9', '8.1', '8.6', '9.1', '9.14']) assert.ok(sections.has(sub), `no heading §${sub}`);
});

test('the citation pattern reads single sections, lists and paragraph letters', () => {
  const sections = (text) => citedSections(text).map((c) => c.section);
  assert.deepEqual(sections('(theory §1, §9.8; the setting of …)'), ['1', '9.8']);
  assert.deepEqual(sections('Theory §6 and §9.9, OU time'), ['6', '9.9']);
  assert.deepEqual(sections('[SEC: theory.md §2(d)]'), ['2']);
  assert.deepEqual(sections('docs/theory.md §8.2, and Pinsker'), ['8.2']);
  assert.deepEqual(sections('theory §12.3, §4'), ['12.3', '4']);
  assert.deepEqual(sections('Ho et al. §3.2'), []);
  assert.deepEqual(sections('derived: theory\n//     §8.1)'), ['8.1']);
  assert.deepEqual(sections('data (theory §1,\n// §9.8; the setting'), ['1', '9.8']);
});

test('every "theory §N" in the repository resolves to a heading of docs/theory.md', () => {
  const sections = theorySections(readFileSync(path.join(root, 'docs/theory.md'), 'utf8'));
  const unresolved = [];
  let count = 0;
  for (const { file, text } of trackedTextFiles()) {
    for (const { section, at } of citedSections(text)) {
      count += 1;
      if (!sections.has(section)) unresolved.push(`${file}:${lineOf(text, at)}: §${section}`);
    }
  }
  assert.ok(count > 100, `only ${count} citations found: is the pattern broken?`);
  assert.deepEqual(unresolved, [], `citations without a heading in docs/theory.md:\n${unresolved.join('\n')}`);
});

test('no file cites a document that is not in the repository, and theory.md is cited by its path', () => {
  const outside = [
    [/toolchain\.md/g, 'toolchain.md (use docs/development.md)'],
    [/(^|[^\w./-])shared\//gm, 'shared/ (the repository must speak for itself)'],
    [/design\.md/g, 'design.md (use docs/development.md)'],
  ];
  const found = [];
  for (const { file, text } of trackedTextFiles()) {
    for (const [pattern, what] of outside) {
      for (const match of text.matchAll(pattern)) found.push(`${file}:${lineOf(text, match.index)}: ${what}`);
    }
    if (!file.startsWith('docs/')) {
      for (const match of text.matchAll(/(^|[^/])theory\.md/gm)) {
        found.push(`${file}:${lineOf(text, match.index)}: "theory.md" without its path docs/theory.md`);
      }
    }
  }
  assert.deepEqual(found, [], found.join('\n'));
});

test('the rendered documents link every citation to an existing section (scripts/render-docs.mjs)', async () => {
  const { renderAll } = await import('../../scripts/render-docs.mjs');
  const documents = renderAll();
  const html = (name) => readFileSync(path.join(root, 'web/public/docs', name), 'utf8');
  const ids = new Map(documents.map((f) => {
    const name = f.replace(/\.md$/, '.html');
    return [name, new Set([...html(name).matchAll(/ id="([^"]+)"/g)].map((m) => m[1]))];
  }));
  const broken = [];
  let links = 0;
  for (const name of ids.keys()) {
    for (const [, page, anchor] of html(name).matchAll(/href="([\w-]+\.html)(?:#([^"]+))?"/g)) {
      links += 1;
      if (!ids.has(page)) broken.push(`${name}: ${page}`);
      else if (anchor && !ids.get(page).has(anchor)) broken.push(`${name}: ${page}#${anchor}`);
    }
  }
  assert.ok(links > 50, `only ${links} links between the rendered documents`);
  assert.deepEqual(broken, [], broken.join('\n'));
  // The page's own citations point into the same sections.
  const page = readFileSync(path.join(root, 'web/index.html'), 'utf8');
  for (const [, anchor] of page.matchAll(/href="docs\/theory\.html#([^"]+)"/g)) {
    assert.ok(ids.get('theory.html').has(anchor), `web/index.html links to theory.html#${anchor}, which does not exist`);
  }
});
