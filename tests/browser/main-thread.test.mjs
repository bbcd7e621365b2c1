// The page's main thread kept free (issue 10: never blocked for more than 50 ms), by its mechanisms rather than by
// timing: how long a task takes depends on the machine's load (2 shared cores here), so the longest tasks are measured
// by bench/browser/page-main-thread.mjs, not asserted. Tested: the heat map of q_t and its contours are drawn in the
// views' worker with each grid (each frame the page's thread only composites the particle image over it), and the
// formula panel typesets in a worker, each formula once (a second run of the same experiment typesets nothing), and
// that worker loads KaTeX only when the panel first typesets (where it cannot start, the page typesets). The page's
// sgm:<phase> measures (web/src/timing.js) count the work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, finished, open, small } from './support.mjs';

const countsIn = (thread) => thread.evaluate(() => {
  const out = {};
  for (const m of performance.getEntriesByType('measure')) out[m.name] = (out[m.name] ?? 0) + 1;
  return out;
});
// The measures of the page and of all its workers, added up.
const countsAll = async (page) => {
  const out = {};
  for (const thread of [page, ...page.workers()]) {
    for (const [name, count] of Object.entries(await countsIn(thread))) out[name] = (out[name] ?? 0) + count;
  }
  return out;
};

test('the views\' worker draws the heat map with each grid, the page\'s thread the particles every frame', async () => {
  const { page, problems } = await open(`?${small}&steps=60`);
  assert.deepEqual(await finished(page), { animation: 'done', sweep: 'done', error: '' });
  const done = await countsIn(page);
  const frames = done['sgm:pixels'];
  const grids = done['sgm:grid'];
  assert.ok(frames >= 60, `particle images drawn: ${frames}`); // 60 steps, each a frame, and the final frame again
  // Chromium's workers have OffscreenCanvas: the views' worker drew each grid's heat map and contours with the grid,
  // the page's thread none (it draws them only where a worker cannot; the views demo, tests/browser/views.test.mjs).
  assert.ok(grids >= 1 && grids < frames, `grids read ${grids}, frames ${frames}`);
  assert.equal(done['sgm:background'] ?? 0, 0);
  // The frame shows that background: a corner, far from the ring's particles, is the dimmed cividis of a density
  // near 0 (0.6 × cividis(0) = (0, 20, 47), opaque), not the page's colour or a transparent pixel.
  const corner = await page.evaluate(() => [...document.querySelector('#density canvas').getContext('2d').getImageData(1, 1, 1, 1).data]);
  assert.deepEqual(corner, [0, 20, 47, 255]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the formula panel typesets in a worker, each formula once, and loads KaTeX only when it first typesets', async () => {
  const page = await env.context.newPage();
  const scripts = [];
  page.on('request', (r) => { if (/\/assets\/(katex|typeset-worker)-[^/]*\.js$/.test(r.url())) scripts.push(r.url()); });
  await page.addInitScript(() => {
    window.typesetterAtFirstFrame = null;
    // The first particle image drawn: the page is up and running, the run not finished.
    new PerformanceObserver((list, observer) => {
      if (!list.getEntries().some((e) => e.name === 'sgm:pixels')) return;
      window.typesetterAtFirstFrame = performance.getEntriesByType('resource')
        .some((r) => /\/assets\/typeset-worker-[^/]*\.js$/.test(r.name));
      observer.disconnect();
    }).observe({ type: 'measure' });
  });
  const { problems } = await open(`?${small}`, page);
  assert.deepEqual(await finished(page), { animation: 'done', sweep: 'done', error: '' });
  assert.equal(await page.evaluate(() => window.typesetterAtFirstFrame), false);
  // The worker's script (KaTeX bundled in) was loaded once; KaTeX's own chunk, the page's fallback, never.
  assert.equal(scripts.length, 1);
  assert.match(scripts[0], /typeset-worker-/);
  assert.equal((await countsIn(page))['sgm:typeset'], undefined); // nothing typeset on the page's thread
  const first = (await countsAll(page))['sgm:typeset'];
  const formulas = page.locator('#formulas .katex');
  const typeset = await formulas.count();
  assert.ok(first >= 10 && typeset >= first, `typeset ${first}, shown ${typeset}`); // a rule, its symbols, bounds × 2
  const bounds = await page.locator('#formulas [data-bounds]').getAttribute('data-bounds');
  // The same experiment again: the same formulas and numbers, all typeset already.
  await page.click('#run');
  await page.waitForFunction(() => document.body.dataset.animation === 'running');
  assert.deepEqual(await finished(page), { animation: 'done', sweep: 'done', error: '' });
  assert.equal((await countsAll(page))['sgm:typeset'], first);
  assert.equal(await formulas.count(), typeset);
  assert.equal(await page.locator('#formulas [data-bounds]').getAttribute('data-bounds'), bounds);
  assert.deepEqual(problems, []);
  await page.close();
});

test('where the typesetting worker cannot start, the page typesets the same formulas itself', async () => {
  const page = await env.context.newPage();
  await page.route(/\/assets\/typeset-worker-[^/]*\.js$/, (route) => route.abort());
  const { problems } = await open(`?${small}`, page);
  assert.deepEqual(await finished(page), { animation: 'done', sweep: 'done', error: '' });
  const typeset = (await countsIn(page))['sgm:typeset'];
  assert.ok(typeset >= 10, `typeset on the page's thread: ${typeset}`);
  assert.ok(await page.locator('#formulas .katex').count() >= typeset);
  // The aborted worker script is the only failed request, and nothing else went wrong.
  assert.deepEqual(problems.filter((p) => !/typeset-worker/.test(p)), []);
  await page.close();
});
