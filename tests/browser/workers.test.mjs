// All cores in the page (docs/embedding.md, "All cores"): a run of 10^5 particles split across three workers, each
// computing a third of the sliced W2 directions, and a convergence plot sharded over three give exactly the numbers of
// one worker (same summary, same slopes and plotted points), and the page starts the extra workers only when asked for
// more than one (?workers=N).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { env, finished, open, shots } from './support.mjs';

const query = 'particles=100000&steps=20&sweep=4,8,16&sweepParticles=400&replicates=2';

async function numbers(workers) {
  const page = await env.context.newPage();
  let started = 0;
  page.on('worker', () => { started += 1; });
  const { problems } = await open(`?${query}&workers=${workers}`, page);
  assert.deepEqual(await finished(page), { animation: 'done', sweep: 'done', error: '' });
  const out = {
    summary: await page.locator('#summary').textContent(),
    slopes: await page.locator('#slopes').textContent(),
    points: await page.locator('#plot').getAttribute('data-points'),
    density: await page.locator('#density canvas').getAttribute('aria-label'),
  };
  // Which workers sampled a block of the run, and which ran runs of the plot (the page's sgm: measures).
  const did = await Promise.all(page.workers().map((w) => w.evaluate(() => performance.getEntriesByType('measure')
    .map((m) => m.name))));
  const busy = (phase) => did.filter((names) => names.includes(`sgm:${phase}`)).length;
  if (workers > 1) await page.screenshot({ path: path.join(shots, 'page-workers.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
  return { out, started, sampled: busy('advance'), termed: busy('sliced-terms'), plotted: busy('sweep') };
}

test('a split run and a sharded plot give the numbers of one worker', async () => {
  const one = await numbers(1);
  const three = await numbers(3);
  // Four workers (run, plot, views, and the formula panel's typesetting), plus two more for the run's blocks and two
  // for the plot's shards.
  assert.equal(one.started, 4);
  assert.equal(three.started, 8);
  assert.deepEqual([one.sampled, one.termed, one.plotted], [1, 0, 1]);
  assert.deepEqual([three.sampled, three.termed, three.plotted], [3, 3, 3]);
  assert.match(one.out.summary, /sliced W2 to q_δ = \d/);
  assert.match(one.out.density, /100,000 particles/);
  assert.equal(one.out.points, '6');
  assert.deepEqual(three.out, one.out);
});
