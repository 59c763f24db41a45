/** Squared Euclidean distance between row `a` of `xa` and row `b` of `xb` (offsets in elements). */
export function sqDist(xa: Float64Array, a: number, xb: Float64Array, b: number, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) {
    const d = xa[a + j] - xb[b + j];
    s += d * d;
  }
  return s;
}
