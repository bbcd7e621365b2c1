// A small seeded generator for the views' own noise (the forward-noising frames) and the tests, DOM-free:
// mulberry32 (Tommy Ettinger's 32-bit generator) for uniforms and the Box–Muller transform for standard normals.
// Not the core's counter-based generator: nothing here feeds a measured number.

export function uniforms(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Fills `out` with independent standard normals (Box–Muller: two uniforms give two normals).
export function fillNormals(out, seed) {
  const u = uniforms(seed);
  for (let i = 0; i < out.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const angle = 2 * Math.PI * u();
    out[i] = r * Math.cos(angle);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(angle);
  }
  return out;
}
