// A course page driving an embedded sgmlab frame through postMessage (docs/embedding.md). Plain script, no build step:
// copy this file, course-example.html and the page's folder to a course site.
const frame = document.getElementById('lab');
const report = document.getElementById('report');
const labOrigin = new URL(frame.src, window.location.href).origin;
const send = (message) => frame.contentWindow.postMessage(message, labOrigin);

window.addEventListener('message', (event) => {
  if (event.origin !== labOrigin || event.data?.source !== 'sgmlab') return;
  const m = event.data;
  if (m.type === 'ready') report.textContent = 'The frame is ready.';
  if (m.type === 'progress') report.textContent = `${m.phase}: ${m.done} of ${m.total}`;
  if (m.type === 'error') report.textContent = `The frame reports an error: ${m.message}`;
  if (m.type === 'done') {
    const w2 = m.result.metrics.sliced_w2.toPrecision(3);
    const slope = m.sweep.slopes.find((s) => s.metric === 'sliced_w2' && s.sampler === 'em');
    report.textContent = `Done: sliced W2 = ${w2} after ${m.result.config.steps} steps`
      + (slope ? `; the error falls like N^${slope.slope.toFixed(2)}.` : '.');
  }
  document.body.dataset.lastMessage = m.type;
});
for (const button of document.querySelectorAll('[data-steps]')) {
  button.addEventListener('click', () => {
    send({ type: 'set', parameters: { steps: Number(button.dataset.steps) } });
    send({ type: 'run' });
  });
}
document.getElementById('run').addEventListener('click', () => send({ type: 'run' }));
