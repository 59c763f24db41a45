/**
 * A small seeded k-means (Lloyd's iterations from k-means++ seeding, Arthur & Vassilvitskii 2007)
 * and the silhouette score, on plain row-major Float64Arrays. Used to cluster customers on
 * log-scaled RFM values; the data is small (one row per customer, 3 features).
 */
import { mulberry32 } from "../steps/types";

/** A clustering: label per point, centroids (k × d, row-major) and within-cluster sum of squares. */
export interface KMeansResult {
  readonly k: number;
  readonly labels: Int32Array;
  readonly centroids: Float64Array;
  readonly inertia: number;
}

function dist2(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const e = a[i * d + t] - b[j * d + t];
    s += e * e;
  }
  return s;
}

/** k-means++ seeding: each next centre drawn with probability proportional to D(x)². */
function seed(points: Float64Array, n: number, d: number, k: number, random: () => number): Float64Array {
  const centres = new Float64Array(k * d);
  const first = Math.floor(random() * n);
  centres.set(points.subarray(first * d, first * d + d), 0);
  const nearest = new Float64Array(n).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i], dist2(points, i, centres, c - 1, d));
      total += nearest[i];
    }
    let target = random() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i];
      if (target < 0) {
        pick = i;
        break;
      }
    }
    centres.set(points.subarray(pick * d, pick * d + d), c * d);
  }
  return centres;
}

/** Lloyd's iterations from one seeding. */
function lloyd(points: Float64Array, n: number, d: number, centres: Float64Array, k: number, maxIter: number): KMeansResult {
  const labels = new Int32Array(n).fill(-1);
  let inertia = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    let changed = 0;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      let best = 0, bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const dd = dist2(points, i, centres, c, d);
        if (dd < bestD) (bestD = dd), (best = c);
      }
      if (labels[i] !== best) (labels[i] = best), changed++;
      inertia += bestD;
    }
    if (changed === 0) break;
    const sums = new Float64Array(k * d);
    const sizes = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      sizes[labels[i]]++;
      for (let t = 0; t < d; t++) sums[labels[i] * d + t] += points[i * d + t];
    }
    // An emptied cluster keeps its old centre rather than becoming NaN.
    for (let c = 0; c < k; c++) if (sizes[c] > 0) for (let t = 0; t < d; t++) centres[c * d + t] = sums[c * d + t] / sizes[c];
  }
  return { k, labels, centroids: centres, inertia };
}

/** Best of `restarts` seeded k-means runs (lowest inertia). */
export function kMeans(points: Float64Array, d: number, k: number, seedValue: number, restarts = 4, maxIter = 100): KMeansResult {
  const n = points.length / d;
  if (k < 1 || k > n) throw new RangeError(`k must be from 1 to the number of points (${n}), got ${k}`);
  const random = mulberry32(seedValue);
  let best: KMeansResult | undefined;
  for (let r = 0; r < restarts; r++) {
    const run = lloyd(points, n, d, seed(points, n, d, k, random), k, maxIter);
    if (!best || run.inertia < best.inertia) best = run;
  }
  return best!;
}

/**
 * Mean silhouette (Rousseeuw 1987) over the points listed in `sample` (all points by default):
 * s = (b − a) / max(a, b), with a the mean distance to the own cluster and b to the nearest other
 * cluster; a point alone in its cluster scores 0, as in scikit-learn.
 */
export function silhouette(points: Float64Array, d: number, labels: Int32Array, k: number, sample?: ArrayLike<number>): number {
  const n = labels.length;
  const rows = sample ?? Array.from({ length: n }, (_, i) => i);
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i]]++;
  const sums = new Float64Array(k);
  let total = 0;
  for (let s = 0; s < rows.length; s++) {
    const i = rows[s];
    sums.fill(0);
    for (let j = 0; j < n; j++) if (j !== i) sums[labels[j]] += Math.sqrt(dist2(points, i, points, j, d));
    const own = labels[i];
    if (sizes[own] <= 1) continue;
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b);
  }
  return total / rows.length;
}
