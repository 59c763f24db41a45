/**
 * k-means on RFM: features are log1p(recency), log1p(frequency), log1p(monetary) (monetary
 * clipped at 0), each standardised, so a few huge spenders do not own the distance. k is fixed,
 * or chosen from 2..8 by the highest mean silhouette (on at most 2,000 seeded sample points).
 */
import { mulberry32 } from "../steps/types";
import { kMeans, silhouette, type KMeansResult } from "./kmeans";

/** The chosen clustering and the silhouette of every k tried. */
export interface RfmClusters {
  readonly result: KMeansResult;
  readonly silhouettes: Readonly<Record<string, number>>;
}

const SILHOUETTE_SAMPLE = 2000;

/** Standardised log features, row-major n × 3. */
export function rfmFeatures(recency: Float64Array, frequency: Float64Array, monetary: Float64Array): Float64Array {
  const n = recency.length;
  const out = new Float64Array(n * 3);
  [recency, frequency, monetary].forEach((col, j) => {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += (out[i * 3 + j] = Math.log1p(Math.max(0, col[i]))) / n;
    let sd = 0;
    for (let i = 0; i < n; i++) sd += (out[i * 3 + j] - mean) ** 2 / n;
    sd = Math.sqrt(sd) || 1;
    for (let i = 0; i < n; i++) out[i * 3 + j] = (out[i * 3 + j] - mean) / sd;
  });
  return out;
}

/** Clusters customers; `check` runs between k values (cancellation). */
export function clusterRfm(features: Float64Array, seed: number, k: number | undefined, check: (fraction: number) => void): RfmClusters {
  const n = features.length / 3;
  const random = mulberry32(seed ^ 0x5bd1e995);
  let sample: number[] | undefined;
  if (n > SILHOUETTE_SAMPLE) {
    // Partial Fisher-Yates: the first SILHOUETTE_SAMPLE of a seeded shuffle.
    const idx = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < SILHOUETTE_SAMPLE; i++) {
      const j = i + Math.floor(random() * (n - i));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    sample = idx.slice(0, SILHOUETTE_SAMPLE);
  }
  const ks = k !== undefined ? [k] : Array.from({ length: Math.min(8, n - 1) - 1 }, (_, i) => i + 2);
  const silhouettes: Record<string, number> = {};
  let best: KMeansResult | undefined;
  let bestScore = -Infinity;
  ks.forEach((kk, i) => {
    check(i / ks.length);
    const result = kMeans(features, 3, kk, seed + kk);
    const score = silhouette(features, 3, result.labels, kk, sample);
    silhouettes[String(kk)] = score;
    if (score > bestScore) (bestScore = score), (best = result);
  });
  return { result: best!, silhouettes };
}
