// Two samplers from the same noise, DOM-free. With the same seed, particle i of both runs starts from the same
// prior draw (the core's counter-based generator gives particle i the same noise whatever n), so pairing particles
// by index is a coupling of the two outputs, and the root mean square of the paired distances bounds the W2
// distance between the two empirical laws from above.

// Paired distances between particle i of `a` and of `b` (coordinate-major, `dimension` coordinates, `count` each):
// {mean, rms, max} of |a_i − b_i|.
export function pairedDistance(a, b, count, dimension) {
  let sum = 0;
  let squares = 0;
  let max = 0;
  for (let i = 0; i < count; i++) {
    let d2 = 0;
    for (let c = 0; c < dimension; c++) d2 += (a[c * count + i] - b[c * count + i]) ** 2;
    const d = Math.sqrt(d2);
    sum += d;
    squares += d2;
    if (d > max) max = d;
  }
  return count > 0 ? { mean: sum / count, rms: Math.sqrt(squares / count), max } : { mean: 0, rms: 0, max: 0 };
}
