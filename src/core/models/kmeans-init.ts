import { mulberry32 } from "../steps/types";

/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007) in its "greedy" form, as scikit-learn does: each
 * new centre is the best of 2 + ⌊ln k⌋ candidates drawn in proportion to D(x)², which gives
 * noticeably better starts than plain k-means++ for the same cost.
 *
 * `x` is row-major n×p float64; returns k×p row-major centres, and the index of the centre nearest
 * each row (ties to the lower index), which is the first assignment of Lloyd's algorithm, computed
 * exactly on the way. Seeded, so a notebook re-runs to the same clusters.
 *
 * Speed without changing the answer: the candidates of a round are all drawn first (the weights do
 * not change between them), then scored four at a time in one pass over the rows, each row read
 * once for the four. A row whose nearest chosen centre o is closer than half the way to a candidate
 * (|cand − o|² > 4·D(x)²) cannot move to it (triangle inequality), so when that holds for all four
 * its distances are not computed. The distances, sums and choices are the same, bit for bit, as
 * scoring each candidate over every row in turn.
 */
export function kmeansPlusPlus(x: Float64Array, n: number, p: number, k: number, seed: number): { centres: Float64Array; labels: Int32Array } {
  const rand = mulberry32(seed);
  const centres = new Float64Array(k * p);
  const trials = 2 + Math.floor(Math.log(k));
  const first = Math.floor(rand() * n);
  centres.set(x.subarray(first * p, first * p + p), 0);
  const closest = new Float64Array(n);
  /** Which chosen centre each row is nearest to (the pruning bound is taken from it). */
  const owner = new Int32Array(n);
  for (let i = 0; i < n; i++) closest[i] = sqDist(x, i * p, x, first * p, p);
  let pot = sum(closest);
  const slots = Math.ceil(trials / 4) * 4; // candidates padded to groups of four
  const cand = new Int32Array(trials);
  const rows = new Float64Array(slots * p); // candidate coordinates, contiguous
  const pots = new Float64Array(slots);
  /** |cand t − centre a|² / 4, shaded down by 1e-9 against rounding: the pruning thresholds (∞ for padding). */
  const quarter = new Float64Array(slots * k).fill(Infinity);
  /** min(D(x)², |x − cand|²) per row of the current group of four, kept for the winner's update. */
  const scored = new Float64Array(4 * n);
  let scoredGroup = -1;
  for (let c = 1; c < k; c++) {
    for (let t = 0; t < trials; t++) cand[t] = sampleByWeight(closest, pot, rand());
    for (let t = 0; t < trials; t++) {
      rows.set(x.subarray(cand[t] * p, cand[t] * p + p), t * p);
      for (let a = 0; a < c; a++) quarter[t * k + a] = (sqDist(x, cand[t] * p, centres, a * p, p) / 4) * (1 - 1e-9);
    }
    for (let g = 0; g < slots; g += 4) {
      scoreFour(x, n, p, k, g, closest, owner, quarter, rows, scored, pots);
      scoredGroup = g;
    }
    let best = 0;
    for (let t = 1; t < trials; t++) if (pots[t] < pots[best]) best = t;
    const row = cand[best];
    if (best >= scoredGroup && best < scoredGroup + 4) {
      // The winner is in the last group scored: its distances are at hand.
      for (let i = 0, q = best - scoredGroup; i < n; i++, q += 4) {
        const d = scored[q];
        if (d < closest[i]) {
          closest[i] = d;
          owner[i] = c;
        }
      }
    } else {
      const h = best * k;
      for (let i = 0; i < n; i++) {
        const ci = closest[i];
        if (quarter[h + owner[i]] > ci) continue;
        const e = sqDist(x, i * p, x, row * p, p);
        if (e < ci) {
          closest[i] = e;
          owner[i] = c;
        }
      }
    }
    centres.set(x.subarray(row * p, row * p + p), c * p);
    pot = pots[best];
  }
  return { centres, labels: owner };
}

/**
 * Scores candidates g..g+3 (coordinates in `rows`, thresholds in `quarter`): their potentials
 * Σ min(D(x)², |x − cand|²) into pots[g..g+3], and each row's four terms into `scored`. A function
 * of its own so that the engine optimises it as a whole rather than by on-stack replacement.
 */
function scoreFour(
  x: Float64Array, n: number, p: number, k: number, g: number, closest: Float64Array, owner: Int32Array,
  quarter: Float64Array, rows: Float64Array, scored: Float64Array, pots: Float64Array,
): void {
  const b0 = g * p, b1 = b0 + p, b2 = b1 + p, b3 = b2 + p;
  const h0 = g * k, h1 = h0 + k, h2 = h1 + k, h3 = h2 + k;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0, o = 0, q = 0; i < n; i++, o += p, q += 4) {
    const ci = closest[i];
    const ow = owner[i];
    if (quarter[h0 + ow] > ci && quarter[h1 + ow] > ci && quarter[h2 + ow] > ci && quarter[h3 + ow] > ci) {
      s0 += ci; s1 += ci; s2 += ci; s3 += ci;
      scored[q] = scored[q + 1] = scored[q + 2] = scored[q + 3] = ci;
      continue;
    }
    let e0 = 0, e1 = 0, e2 = 0, e3 = 0;
    for (let j = 0; j < p; j++) {
      const v = x[o + j];
      const u0 = v - rows[b0 + j];
      const u1 = v - rows[b1 + j];
      const u2 = v - rows[b2 + j];
      const u3 = v - rows[b3 + j];
      e0 += u0 * u0; e1 += u1 * u1; e2 += u2 * u2; e3 += u3 * u3;
    }
    const d0 = e0 < ci ? e0 : ci, d1 = e1 < ci ? e1 : ci, d2 = e2 < ci ? e2 : ci, d3 = e3 < ci ? e3 : ci;
    s0 += d0; s1 += d1; s2 += d2; s3 += d3;
    scored[q] = d0; scored[q + 1] = d1; scored[q + 2] = d2; scored[q + 3] = d3;
  }
  pots[g] = s0; pots[g + 1] = s1; pots[g + 2] = s2; pots[g + 3] = s3;
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
