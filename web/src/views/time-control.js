// Time control: play/pause, step back, step forward and a slider scrubbing recorded frames (forward noising and
// reverse sampling alike). Keyboard: the buttons and the slider are native controls (Tab, Enter/Space, arrow keys,
// Home/End on the slider). prefers-reduced-motion: nothing plays by itself and playback shows frames at 4 per second
// instead of 30; the frame label is a polite live region (silent while playing).
//
//   const control = mountTimeControl(container, {length, label: (i) => text, onChange: (i) => …, autoplay});
//   control.setLength(n);  control.seek(i);  control.play();  control.pause();  control.index;  control.destroy();
import { Timeline } from './timeline.js';

const reducedMotion = () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

function button(text, label) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  return b;
}

export function mountTimeControl(container, { length = 0, label = (i) => `frame ${i + 1}`, onChange = () => {}, autoplay = false } = {}) {
  const timeline = new Timeline(length);
  const root = document.createElement('div');
  root.className = 'sgm-time-control';
  root.setAttribute('role', 'group');
  root.setAttribute('aria-label', 'time control');
  const back = button('◀︎', 'step back one frame');
  const play = button('▶︎ play', 'play');
  const forward = button('▶︎|', 'step forward one frame');
  const slider = document.createElement('input');
  slider.type = 'range';
  slider.min = '0';
  slider.step = '1';
  slider.setAttribute('aria-label', 'frame');
  const text = document.createElement('output');
  text.setAttribute('aria-live', 'polite');
  root.append(back, play, forward, slider, text);
  container.append(root);

  let timer = null;
  const show = (notify) => {
    slider.max = String(Math.max(0, timeline.length - 1));
    slider.value = String(timeline.index);
    slider.disabled = timeline.length < 2;
    slider.setAttribute('aria-valuetext', timeline.length ? label(timeline.index) : 'no frames');
    text.textContent = timeline.length ? label(timeline.index) : 'no frames recorded';
    play.textContent = timeline.playing ? '❚❚ pause' : '▶︎ play';
    play.setAttribute('aria-label', timeline.playing ? 'pause' : 'play');
    root.dataset.playing = String(timeline.playing);
    // Announce the frame when it is chosen, not 30 times a second while playing.
    text.setAttribute('aria-live', timeline.playing ? 'off' : 'polite');
    if (notify && timeline.length) onChange(timeline.index);
  };
  const stopTimer = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };
  const startTimer = () => {
    stopTimer();
    timer = setInterval(() => {
      const changed = timeline.tick();
      if (!timeline.playing) stopTimer();
      show(changed);
    }, reducedMotion() ? 250 : 1000 / 30);
  };
  const api = {
    get index() { return timeline.index; },
    get playing() { return timeline.playing; },
    setLength(n) { timeline.setLength(n); show(false); },
    seek(i) { const changed = timeline.seek(i); show(changed); },
    play() { timeline.play(); show(true); if (timeline.playing) startTimer(); },
    pause() { timeline.pause(); stopTimer(); show(false); },
    destroy() { stopTimer(); root.remove(); },
  };
  play.addEventListener('click', () => (timeline.playing ? api.pause() : api.play()));
  back.addEventListener('click', () => { stopTimer(); show(timeline.step(-1)); });
  forward.addEventListener('click', () => { stopTimer(); show(timeline.step(1)); });
  slider.addEventListener('input', () => { timeline.pause(); stopTimer(); show(timeline.seek(Number(slider.value))); });
  show(false);
  if (autoplay && !reducedMotion()) api.play();
  return api;
}
