import { mulberry32 } from "../steps/types";

/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007) in its "greedy" form, as scikit-learn does: each
 * new centre is the best of 2 + ⌊ln k⌋ candidates drawn in proportion to D(x)², which gives
 * noticeably better starts than plain k-means++ for the same cost.
 *
 * `x` is row-major n×p float64; returns k×p row-major centres. Seeded, so a notebook re-runs to
 * the same clusters.
 */
export function kmeansPlusPlus(x: Float64Array, n: number, p: number, k: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  const centres = new Float64Array(k * p);
  const trials = 2 + Math.floor(Math.log(k));
  const first = Math.floor(rand() * n);
  centres.set(x.subarray(first * p, first * p + p), 0);
  const closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = sqDist(x, i * p, x, first * p, p);
  let pot = sum(closest);
  const candidateDist = new Float64Array(n);
  const bestDist = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let bestPot = Infinity;
    let bestRow = 0;
    for (let t = 0; t < trials; t++) {
      const row = sampleByWeight(closest, pot, rand());
      let candidatePot = 0;
      for (let i = 0; i < n; i++) {
        const d = Math.min(closest[i], sqDist(x, i * p, x, row * p, p));
        candidateDist[i] = d;
        candidatePot += d;
      }
      if (candidatePot < bestPot) {
        bestPot = candidatePot;
        bestRow = row;
        bestDist.set(candidateDist);
      }
    }
    centres.set(x.subarray(bestRow * p, bestRow * p + p), c * p);
    closest.set(bestDist);
    pot = bestPot;
  }
  return centres;
}

/** Index i with probability w[i] / total (the last positive weight when rounding runs off the end). */
function sampleByWeight(w: Float64Array, total: number, u: number): number {
  if (!(total > 0)) return Math.floor(u * w.length);
  let target = u * total;
  let last = 0;
  for (let i = 0; i < w.length; i++) {
    if (w[i] > 0) last = i;
    target -= w[i];
    if (target < 0) return i;
  }
  return last;
}

/** Squared Euclidean distance between row `a` of `xa` and row `b` of `xb` (offsets in elements). */
export function sqDist(xa: Float64Array, a: number, xb: Float64Array, b: number, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) {
    const d = xa[a + j] - xb[b + j];
    s += d * d;
  }
  return s;
}

function sum(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}
