// The particle view: a square canvas showing the first two coordinates of every particle in [-L, L]^2.
import { layoutWidth } from './canvas.js';

export class ParticleView {
  constructor(canvas) {
    this.canvas = canvas;
    this.context = canvas.getContext('2d');
    this.radius = 4;
  }

  setRadius(radius) {
    this.radius = radius;
  }

  // Resize the backing store to the displayed size (sharp on high-density screens).
  fit() {
    const scale = window.devicePixelRatio || 1;
    const size = Math.round(layoutWidth(this.canvas) * scale);
    if (this.canvas.width !== size || this.canvas.height !== size) {
      this.canvas.width = size;
      this.canvas.height = size;
    }
    return size;
  }

  draw(frame) {
    const size = this.fit();
    const ctx = this.context;
    const half = size / 2;
    const scale = half / this.radius;
    ctx.fillStyle = '#0f1720';
    ctx.fillRect(0, 0, size, size);
    ctx.strokeStyle = '#2a3a4a';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(0, half);
    ctx.lineTo(size, half);
    ctx.moveTo(half, 0);
    ctx.lineTo(half, size);
    ctx.stroke();
    // Colour runs from blue (pure noise, t = T) to amber (data, t = δ) with the fraction of steps done.
    const progress = frame.steps > 0 ? frame.stepsDone / frame.steps : 1;
    const hue = 210 - 170 * progress;
    ctx.fillStyle = `hsla(${hue}, 85%, 62%, 0.75)`;
    const dot = Math.max(1, Math.round(1.6 * (window.devicePixelRatio || 1)));
    const { positions, count } = frame;
    for (let i = 0; i < count; i++) {
      const x = half + positions[i] * scale;
      const y = half - positions[count + i] * scale;
      if (x >= 0 && x < size && y >= 0 && y < size) ctx.fillRect(x - dot / 2, y - dot / 2, dot, dot);
    }
  }
}
