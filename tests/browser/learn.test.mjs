// The Learn panel in Debian's chromium under the page's strict policy: a small network trains on the 8-mode ring in the
// trainer's own worker (the loss curve gets a point per chunk and falls), the measured ε(t) appears with its
// aggregates, sampling with the learned score runs beside the exact score and shows its metrics, the page's score
// control then offers `learned`; Stop stops promptly and keeps the weights; a cloud drawn with (synthetic, touch)
// pointer events trains; a bad paste names its line; axe-core finds no violation in the panel. Screenshots go to
// test-results/learn-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { finished, open, pageTimeout, root, shots, small } from './support.mjs';

const state = (page, key) => page.evaluate((k) => document.getElementById('learn').dataset[k], key);
const settledLearn = (page, key) => page.waitForFunction((k) => ['done', 'stopped', 'error'].includes(document.getElementById('learn').dataset[k]),
  key, { timeout: pageTimeout });

async function setControls(page, values) {
  for (const [key, value] of Object.entries(values)) await page.fill(`#learn-${key}`, String(value));
}

// The loss table's rows as numbers: [step, mean loss of the chunk, steps in the chunk].
const lossRows = (page) => page.$$eval('#learn .sgm-learn-loss-table tr', (rows) => rows.slice(1)
  .map((r) => [...r.querySelectorAll('td')].map((td) => Number(td.textContent))));

test('the ring trains in its worker: the loss falls, ε(t) appears, the learned score samples beside the exact one', async () => {
  const { page, problems } = await open(`?${small}`);
  await finished(page);
  await setControls(page, { width: 32, depth: 2, steps: 400, batch: 128, learning_rate: 0.005 });
  await page.click('#learn button:text("Train")');
  await settledLearn(page, 'training');
  assert.equal(await state(page, 'training'), 'done', await page.locator('#learn .error').textContent());
  assert.match(await page.locator('#learn [role="status"]').textContent(), /trained: 400\/400 steps/);
  const rows = await lossRows(page);
  assert.ok(rows.length >= 5, `${rows.length} chunks`);
  assert.equal(rows.reduce((s, r) => s + r[2], 0), 400);
  // The mean loss of the first fifth of the training's steps against the last fifth (chunks weighted by their steps).
  const fifth = (list) => {
    let steps = 0;
    let sum = 0;
    for (const [, loss, k] of list) {
      if (steps >= 80) break;
      sum += loss * k;
      steps += k;
    }
    return sum / steps;
  };
  const first = fifth(rows);
  const last = fifth([...rows].reverse());
  assert.ok(last < first, `loss ${first} at the start, ${last} at the end`);
  assert.equal(await page.locator('#learn .sgm-learn-plot').first().getAttribute('data-points'), String(rows.length));
  assert.equal(await page.locator('#learn .sgm-learn-plot').nth(1).getAttribute('data-points'), '13');
  assert.match(await page.locator('#learn').textContent(), /sup ε\(t_k\) = [0-9.]+.*Σ h_k ε\(t_k\)² = [0-9.]+/);

  await page.click('#learn button:text("Sample with the learned score")');
  await settledLearn(page, 'sampling');
  assert.equal(await state(page, 'sampling'), 'done', await page.locator('#learn .error').textContent());
  const captions = await page.$$eval('#learn .sgm-compare figcaption', (c) => c.map((x) => x.textContent));
  assert.match(captions[0], /^exact score: sliced W2 to q_δ [0-9.]+ \(floor [0-9.]+\); modes [0-9.]+–[0-9.]+ %/);
  assert.match(captions[1], /^learned score: sliced W2 to q_δ [0-9.]+ \(floor [0-9.]+\); modes [0-9.]+–[0-9.]+ %/);
  // The page's score control now offers the learned score.
  assert.ok((await page.$$eval('select[name="score"] option', (o) => o.map((x) => x.value))).includes('learned'));
  await page.locator('#learn-panel').screenshot({ path: path.join(shots, 'learn-ring.png') });

  await page.evaluate(readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => (await window.axe.run('#learn-panel')).violations
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Stop stops the training promptly and keeps the weights so far', async () => {
  const { page, problems } = await open(`?${small}`);
  await finished(page);
  await setControls(page, { width: 16, depth: 2, steps: 200000, batch: 64 });
  await page.click('#learn button:text("Train")');
  await page.waitForFunction(() => Number(document.querySelector('#learn .sgm-learn-plot').dataset.points) >= 3, null, { timeout: pageTimeout });
  const clicked = Date.now();
  await page.click('#learn button:text("Stop")');
  await settledLearn(page, 'training');
  const waited = Date.now() - clicked;
  assert.equal(await state(page, 'training'), 'stopped');
  const done = Number(/stopped: (\d+)\/200000/.exec(await page.locator('#learn [role="status"]').textContent())[1]);
  assert.ok(done > 0 && done < 200000, `${done} steps`);
  // Stopped means stopped: no chunk arrives afterwards; the weights so far sample.
  const chunks = (await lossRows(page)).length;
  await page.waitForTimeout(500);
  assert.equal((await lossRows(page)).length, chunks);
  assert.ok(waited < 5000, `Stop took ${waited} ms (one chunk and the final ε(t))`);
  assert.equal(await page.locator('#learn button:text("Sample with the learned score")').isEnabled(), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a cloud drawn with touch pointer events trains and samples (memorisation metric); a bad paste names its line', async () => {
  const { page, problems } = await open(`?${small}`);
  await finished(page);
  // A stroke: a touch pointer pressed, moved along an arc, lifted (the canvas shows [-4, 4]²).
  await page.evaluate(() => {
    const canvas = document.querySelector('#learn canvas.sgm-learn-draw');
    const r = canvas.getBoundingClientRect();
    const at = (type, k) => canvas.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerId: 7, pointerType: 'touch', isPrimary: true,
      clientX: r.left + r.width * (0.5 + 0.3 * Math.cos(k / 6)),
      clientY: r.top + r.height * (0.5 - 0.3 * Math.sin(k / 6)) }));
    at('pointerdown', 0);
    for (let k = 1; k <= 30; k++) at('pointermove', k);
    at('pointerup', 30);
  });
  const count = Number(/(\d+) points/.exec(await page.locator('#learn .sgm-learn-row .note').textContent())[1]);
  assert.ok(count >= 20, `${count} points drawn`);
  assert.equal(await page.isChecked('#learn-source-cloud'), true);
  await setControls(page, { width: 16, depth: 2, steps: 100, batch: 64 });
  await page.click('#learn button:text("Train")');
  await settledLearn(page, 'training');
  assert.equal(await state(page, 'training'), 'done', await page.locator('#learn .error').textContent());
  await page.click('#learn button:text("Sample with the learned score")');
  await settledLearn(page, 'sampling');
  const captions = await page.$$eval('#learn .sgm-compare figcaption', (c) => c.map((x) => x.textContent));
  assert.match(captions[1], /^learned score: .*nearest training point: mean [0-9.e-]+, median [0-9.e-]+/);
  await page.locator('#learn-panel').screenshot({ path: path.join(shots, 'learn-drawn.png') });

  // A bad paste: the message names the line, nothing trains, and the panel stays usable.
  await page.fill('#learn-points', '1, 2\nfoo\n3, 4');
  await page.click('#learn button:text("Train")');
  assert.equal(await state(page, 'training'), 'error');
  assert.match(await page.locator('#learn .error').textContent(), /line 2: "foo" is not "x, y"/);
  assert.equal(await page.locator('#learn button:text("Train")').isEnabled(), true);
  // A bad control names itself.
  await page.fill('#learn-points', '1, 2\n3, 4');
  await setControls(page, { batch: 0 });
  await page.click('#learn button:text("Train")');
  assert.match(await page.locator('#learn .error').textContent(), /^batch = "0" is out of range: must be an integer in \[1, 4096\]/);
  assert.equal(await page.getAttribute('#learn-batch', 'aria-invalid'), 'true');
  assert.deepEqual(problems, []);
  await page.close();
});
