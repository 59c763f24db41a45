/**
 * k-means on RFM: features are log1p(recency), log1p(frequency), log1p(monetary) (monetary
 * clipped at 0), each standardised, so a few huge spenders do not own the distance. k is fixed,
 * or chosen from 2..8 by the highest mean silhouette (on at most 2,000 seeded sample points).
 */
import { fitKMeans, type KMeansFit } from "../models/kmeans";
import { sampleSilhouette } from "../models/kmeans-silhouette";

/** The chosen clustering and the silhouette of every k tried. */
export interface RfmClusters {
  readonly result: KMeansFit;
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

/** Clusters customers with the model k-means (k-means++, 4 restarts); `check` runs between k values (cancellation). */
export async function clusterRfm(
  features: Float64Array, seed: number, k: number | undefined, check: (fraction: number) => void,
): Promise<RfmClusters> {
  const n = features.length / 3;
  const ks = k !== undefined ? [k] : Array.from({ length: Math.min(8, n - 1) - 1 }, (_, i) => i + 2);
  const silhouettes: Record<string, number> = {};
  let best: KMeansFit | undefined;
  let bestScore = -Infinity;
  for (const [i, kk] of ks.entries()) {
    check(i / ks.length);
    // Plain JS distances: one row per customer and 3 features is too small to gain from TF.js.
    const result = await fitKMeans(features, n, 3, { k: kk, seed: seed + kk, engine: "js" });
    const score = sampleSilhouette(features, n, 3, result.labels, kk, SILHOUETTE_SAMPLE, seed ^ 0x5bd1e995).silhouette;
    silhouettes[String(kk)] = score;
    if (score > bestScore) (bestScore = score), (best = result);
  }
  return { result: best!, silhouettes };
}
