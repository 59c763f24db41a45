import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import { fitKMeans } from "../../../src/core/models/kmeans";
import { silhouetteScore } from "../../../src/core/models/kmeans-silhouette";
import { getNumeric } from "../../../src/core/frame/table";
import { bankFeatures, standardizedBank } from "./bank";
import { fixture } from "./reference";

const ref = fixture("ml_kmeans.json");

/** Standardised bank-full numeric columns as a row-major float64 matrix (what the reference clusters). */
function bankMatrix(): { x: Float64Array; n: number; p: number } {
  const t = standardizedBank();
  const cols = bankFeatures.map((f) => getNumeric(t, f).values);
  const n = t.nRows, p = cols.length;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) x[i * p + j] = cols[j][i];
  return { x, n, p };
}
const initFrom = (x: Float64Array, p: number, rows: number[]) => Float64Array.from(rows.flatMap((r) => Array.from(x.subarray(r * p, r * p + p))));

describe("k-means against scikit-learn (bank-full, 7 standardised features, k = 4)", () => {
  const { x, n, p } = bankMatrix();
  const inits = ref.restarts.map((r: { rows: number[] }) => initFrom(x, p, r.rows));

  it("reaches sklearn's inertia and iterations from each explicit start (1e-9 relative), and keeps the best of the restarts", async () => {
    const fit = await fitKMeans(x, n, p, { k: 4, init: inits, engine: "js" });
    fit.restartInertias.forEach((v, r) => expect(Math.abs(v - ref.restarts[r].inertia) / ref.restarts[r].inertia).toBeLessThan(1e-9));
    expect(Math.abs(fit.inertia - ref.bestInertia) / ref.bestInertia).toBeLessThan(1e-4);
    const sizes = [0, 0, 0, 0];
    for (const l of fit.labels) sizes[l]++;
    expect(sizes).toEqual(ref.restarts[ref.best].sizes);
    expect(Array.from(fit.labels.slice(0, 50))).toEqual(ref.labelsFirst50);
    const single = await fitKMeans(x, n, p, { k: 4, init: [inits[ref.best]], engine: "js" });
    expect(single.iterations).toBe(ref.restarts[ref.best].n_iter);
  });

  it("the TF.js assignment engine gives the same clusters and frees its tensors", async () => {
    const before = tf.memory().numTensors;
    const fit = await fitKMeans(x, n, p, { k: 4, init: [inits[ref.best]], engine: "tfjs" });
    expect(Math.abs(fit.inertia - ref.bestInertia) / ref.bestInertia).toBeLessThan(1e-4);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("silhouette matches sklearn.metrics.silhouette_score within 1e-9", async () => {
    const m = ref.silhouetteRows;
    const fit = await fitKMeans(x, n, p, { k: 4, init: [inits[ref.best]], engine: "js" });
    const s = silhouetteScore(x.subarray(0, m * p), m, p, fit.labels.subarray(0, m), 4);
    expect(Math.abs(s - ref.silhouetteFirstRows)).toBeLessThan(1e-9);
  });

  it("k-means++ with 4 restarts is seeded and lands within 1% of sklearn's k-means++ inertia", async () => {
    const a = await fitKMeans(x, n, p, { k: 4, nInit: 4, seed: 7, engine: "js" });
    const b = await fitKMeans(x, n, p, { k: 4, nInit: 4, seed: 7, engine: "js" });
    expect(a.inertia).toBe(b.inertia);
    expect(Math.abs(a.inertia - ref.kmeansPlusPlusNInit4Inertia) / ref.kmeansPlusPlusNInit4Inertia).toBeLessThan(0.01);
  });
});
