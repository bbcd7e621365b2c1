// Colours of the views, safe for colour-blind readers: the Okabe–Ito qualitative palette (Okabe & Ito 2008, "Color
// Universal Design") for series and particles, and cividis (Nuñez, Anderton, Renslow 2018), a sequential map designed
// to read the same with deuteranopia, for densities. DOM-free.

export const okabeIto = {
  orange: '#e69f00',
  skyBlue: '#56b4e9',
  bluishGreen: '#009e73',
  yellow: '#f0e442',
  blue: '#0072b2',
  vermillion: '#d55e00',
  reddishPurple: '#cc79a7',
  grey: '#999999',
};

// Series colours in the order they are handed out (first the two most distinct ones).
export const seriesColours = [okabeIto.orange, okabeIto.skyBlue, okabeIto.bluishGreen, okabeIto.reddishPurple,
  okabeIto.vermillion, okabeIto.blue, okabeIto.yellow];

// cividis at five equally spaced stops (matplotlib's table at 0, 0.25, 0.5, 0.75, 1), interpolated linearly.
const cividisStops = [[0, 34, 78], [65, 77, 108], [124, 123, 120], [188, 175, 111], [254, 232, 56]];

// The colour of u ∈ [0, 1] (clamped) as [r, g, b], each 0..255.
export function cividis(u) {
  const rgb = [0, 0, 0];
  cividisInto(u, rgb, 0);
  return rgb;
}

// The same colour times `scale`, written to out[k], out[k + 1], out[k + 2] (no array made: a heat map colours every
// pixel).
export function cividisInto(u, out, k, scale = 1) {
  const v = Math.min(1, Math.max(0, Number.isFinite(u) ? u : 0)) * (cividisStops.length - 1);
  const i = Math.min(cividisStops.length - 2, Math.floor(v));
  const f = v - i;
  const [from, to] = [cividisStops[i], cividisStops[i + 1]];
  for (let c = 0; c < 3; c++) out[k + c] = scale * Math.round(from[c] + f * (to[c] - from[c]));
}

// '#rrggbb' as [r, g, b].
export function rgbOf(hex) {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
