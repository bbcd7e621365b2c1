// The state of a time control, DOM-free: which of `length` recorded frames is shown and whether it plays. Playing
// advances one frame per tick and stops at the last frame; play from the last frame starts again at the first.

export class Timeline {
  constructor(length = 0) {
    this.length = length;
    this.index = 0;
    this.playing = false;
  }

  setLength(length) {
    this.length = length;
    this.index = Math.min(this.index, Math.max(0, length - 1));
    if (length === 0) this.playing = false;
  }

  // Moves to frame i (clamped); returns whether the frame changed.
  seek(i) {
    const next = Math.min(Math.max(0, this.length - 1), Math.max(0, Math.round(i)));
    const changed = next !== this.index;
    this.index = next;
    return changed;
  }

  step(delta) {
    this.playing = false;
    return this.seek(this.index + delta);
  }

  play() {
    if (this.length < 2) return;
    if (this.index >= this.length - 1) this.index = 0;
    this.playing = true;
  }

  pause() {
    this.playing = false;
  }

  // One tick of playback: the next frame, or a stop at the last one. Returns whether the frame changed.
  tick() {
    if (!this.playing) return false;
    if (this.index >= this.length - 1) {
      this.playing = false;
      return false;
    }
    this.index += 1;
    if (this.index === this.length - 1) this.playing = false;
    return true;
  }
}
