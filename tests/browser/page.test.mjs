// The page's behaviour in chromium: the default run and its plots, errors naming the control,
// processes bringing their own horizon, the stability warning, cancel, the citation links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { env, finished, open, shots, small } from './support.mjs';

test('the default page animates the mixture over q_t, plots sliced W2 and KL beside the bounds against N for EI and EM', async () => {
  const { page, problems } = await open('');
  assert.deepEqual(await finished(page), { animation: 'done', sweep: 'done', error: '' });
  assert.equal(await page.locator('#build').textContent(), 'SIMD');
  assert.equal(await page.locator('#process-name').textContent(), 'Ornstein–Uhlenbeck');
  // Five step counts × two samplers, every point a finite positive number.
  assert.equal(await page.locator('#plot').getAttribute('data-points'), '10');
  // The KL plot: the k-NN estimate and the certified bound (both with intervals) for both samplers.
  assert.equal(await page.locator('#kl-plot').getAttribute('data-points'), '20');
  // Benton et al.'s bound (C = 1) starts hidden so that it does not set the axis; ticking it shows it.
  const benton = page.locator('#kl-plot input[data-series="ei: Benton et al. (C = 1)"]');
  assert.equal(await benton.isChecked(), false);
  assert.match(await page.locator('#status').textContent(), /step 100\/100/);
  // The density view drew the particles (its canvas is an image with a text summary) and the time control scrubs.
  const density = page.locator('#density canvas');
  assert.equal(await density.getAttribute('role'), 'img');
  assert.match(await density.getAttribute('aria-label'), /2,000 particles at t = 0\.001/);
  await page.locator('#time button[aria-label="step back one frame"]').click();
  assert.match(await page.locator('#time output').textContent(), /reverse sampling, step/);
  assert.match(await page.locator('#summary').textContent(), /sliced W2 to q_δ = \d/);
  // The core's fitted slopes are shown with their intervals: first order, so negative for both samplers; the default
  // step counts are all within both samplers' stability limits (no caveat, no warning).
  const slopes = await page.locator('#slopes').textContent();
  assert.match(slopes, /ei -\d\.\d\d \[-?\d\.\d\d, -?\d\.\d\d\]; em -\d\.\d\d/);
  assert.doesNotMatch(slopes, /Caveat/);
  assert.equal(await page.locator('#stability').isVisible(), false);
  // The formula panel rendered the sampler's update and the bounds of the run.
  assert.ok(Number(await page.locator('#formulas [data-bounds]').getAttribute('data-bounds')) >= 3);
  await benton.check();
  await page.screenshot({ path: path.join(shots, 'page.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('errors name the control the user touched, highlight it and clear stale numbers', async () => {
  const { page, problems } = await open(`?${small}&steps=-3`);
  await finished(page);
  const alert = page.locator('#error');
  assert.match(await alert.textContent(), /^steps N = -3 is out of range: must be an integer in \[1, 1000000\]/);
  assert.equal(await page.locator('[name="steps"]').getAttribute('aria-invalid'), 'true');
  // Correcting the field and running again clears the message and the mark, and completes.
  await page.fill('[name="steps"]', '20');
  await page.click('#run');
  await page.waitForFunction(() => document.body.dataset.sweep === 'done' && document.body.dataset.animation === 'done');
  assert.equal(await alert.isVisible(), false);
  assert.equal(await page.locator('[aria-invalid]').count(), 0);
  assert.match(page.url(), /steps=20/);
  assert.notEqual(await page.locator('#slopes').textContent(), '');
  // The plot's particles are the sweep document's "particles": the message names the plot's control.
  await page.fill('[name="sweepParticles"]', '0');
  await page.click('#run');
  await page.waitForFunction(() => !document.getElementById('error').hidden);
  assert.match(await alert.textContent(), /^plot: particles = 0 is out of range/);
  assert.equal(await page.locator('[name="sweepParticles"]').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#slopes').textContent(), '');
  assert.equal(await page.locator('#summary').textContent(), '');
  // A sampler parameter from the catalogue, named as its control.
  await page.fill('[name="sweepParticles"]', '300');
  await page.selectOption('[name="sampler"]', 'ddim');
  await page.fill('[name="sampler.eta"]', '3');
  await page.click('#run');
  await page.waitForFunction(() => /eta/.test(document.getElementById('error').textContent));
  assert.match(await alert.textContent(), /^sampler: eta = 3 is out of range: must be a number in \[0, 1\]/);
  assert.equal(await page.locator('[name="sampler.eta"]').getAttribute('aria-invalid'), 'true');
  await page.screenshot({ path: path.join(shots, 'page-error.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a process from the URL brings its own T and δ; VP with T = 5 is flagged past the stability limit', async () => {
  const { page, problems } = await open(`?process=vp&${small}`);
  assert.deepEqual(await finished(page), { animation: 'done', sweep: 'done', error: '' });
  assert.equal(await page.locator('[name="T"]').getAttribute('placeholder'), '1');
  assert.equal(await page.locator('#process-name').textContent(), 'variance-preserving (VP)');
  // The case: T = 5 on VP (β up to 100). The run and the slopes say the steps are past the limit.
  await open(`?process=vp&T=5&${small}`, page);
  assert.deepEqual(await finished(page), { animation: 'done', sweep: 'done', error: '' });
  assert.match(await page.locator('#stability').textContent(), /ei: \d+ of 16 steps are past the stability limit \(exponential integrator/);
  assert.match(await page.locator('#slopes').textContent(), /Caveat: ei is fitted through N = 4, 8, past its stability limit/);
  assert.match(await page.locator('#plot table').textContent(), /past the stability limit/);
  // VP with T = 8, far past the limit: the float32 kernels (the page's auto) overflow where float64 carries the runs
  // to finite numbers (sliced W2 ≈ 4e21 for 20 Euler–Maruyama steps natively, 1e138 for 20 EI steps); the page runs
  // them again in float64 and says so, no error.
  await open('?process=vp&T=8&sampler=em&steps=20&particles=300&sweep=20,40&sweepParticles=300&replicates=1', page);
  assert.deepEqual(await finished(page), { animation: 'done', sweep: 'done', error: '' });
  const overflowed = 'Its particles overflowed float32, so it is run in float64';
  assert.match(await page.locator('#stability').textContent(),
    new RegExp(`The animated run: ${overflowed}\\. The convergence plot: ${overflowed}`));
  assert.match(await page.locator('#summary').textContent(), /sliced W2 to q_δ = [0-9.]+e\+\d+/);
  // Choosing another process in the form brings its T back (empty field: the process's default).
  await page.selectOption('[name="process"]', 'ou');
  assert.equal(await page.inputValue('[name="T"]'), '');
  assert.equal(await page.locator('[name="T"]').getAttribute('placeholder'), '5');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a long run asks first, and cancel stops a run and leaves the page usable', async () => {
  const { page, problems } = await open('?particles=1000000&steps=400&sweep=10,20&sweepParticles=1000');
  await page.waitForFunction(() => /Run again/.test(document.getElementById('estimate').textContent));
  assert.match(await page.locator('#estimate').textContent(), /The core estimates [0-9.]+e\+[0-9]+ operations and [0-9.]+ MB for the animated run \(this page's limits: 1\.00e\+12 operations, 1 GB\)/);
  assert.equal(await page.locator('#run').textContent(), 'Run anyway');
  await page.click('#run');
  await page.waitForFunction(() => document.body.dataset.animation === 'running');
  await page.locator('#cancel').click();
  await page.waitForFunction(() => document.body.dataset.animation === 'cancelled');
  assert.match(await page.locator('#progress').textContent(), /cancelled/);
  await page.fill('[name="particles"]', '300');
  await page.fill('[name="steps"]', '10');
  await page.click('#run');
  assert.deepEqual(await finished(page), { animation: 'done', sweep: 'done', error: '' });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the page\'s citation opens the cited section of docs/theory.md, served under the same policy', async () => {
  const { page, problems } = await open(`?${small}`);
  // Leaving while a worker still loads the build would abort its request: the page's first run and plot end only
  // after every worker of their pools has loaded it (the boot screen hides after the first one).
  assert.deepEqual(await finished(page), { animation: 'done', sweep: 'done', error: '' });
  const citation = page.locator('#kl-panel a[href="docs/theory.html#s8"]');
  assert.equal(await citation.textContent(), 'docs/theory.md §8');
  await citation.click();
  await page.waitForURL(/docs\/theory\.html#s8$/);
  assert.match(await page.locator('h2#s8').textContent(), /^§8 Certified bounds/);
  // A citation inside the documents links on: usage → theory §8.1.
  await page.goto(`${env.origin}/docs/usage.html`);
  await page.locator('a[href="theory.html#s8.1"]').first().click();
  assert.match(await page.locator('h3[id="s8.1"]').textContent(), /^§8\.1 Girsanov path KL/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('compare mode: a second sampler from the same noise beside the first, and in the plots', async () => {
  const { page, problems } = await open(`?sampler=em&compare=pf_heun&${small}`);
  assert.deepEqual(await finished(page), { animation: 'done', sweep: 'done', error: '' });
  await page.locator('#compare-panel canvas').nth(1).waitFor();
  assert.equal(await page.locator('#compare-panel canvas').count(), 2);
  assert.match(await page.locator('#compare-panel').textContent(), /Same noise, particle by particle/);
  // ei, em and pf_heun in the W2 plot: 2 step counts each.
  assert.equal(await page.locator('#plot').getAttribute('data-points'), '6');
  assert.equal(await page.inputValue('[name="compare"]'), 'pf_heun');
  assert.deepEqual(problems, []);
  await page.close();
});
