import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import { fitKMeans } from "../../../src/core/models/kmeans";
import { kmeansPlusPlus, sampleByWeight, sqDist } from "../../../src/core/models/kmeans-init";
import { SEED_BLOCK } from "../../../src/core/models/kmeans-seeding-job";
import { mulberry32 } from "../../../src/core/random";
import { inProcessThreads } from "../../helpers/in-process-threads";
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

describe("k-means++ seeding on helper threads (bank-full, 45,211 rows = 2 blocks of rows)", () => {
  const { x, n, p } = bankMatrix();
  const shared = new Float64Array(new SharedArrayBuffer(x.byteLength));
  shared.set(x);

  it("gives the centres and first labels one thread gives, for 1 and 3 helpers and k needing two candidate groups", async () => {
    for (const k of [4, 25]) {
      const alone = await kmeansPlusPlus(x, n, p, k, 11);
      for (const helpers of [1, 3]) {
        const threads = inProcessThreads(helpers);
        const split = await kmeansPlusPlus(shared, n, p, k, 11, threads);
        expect(threads.jobs).toBeGreaterThan(0);
        expect(Array.from(split.centres)).toEqual(Array.from(alone.centres));
        expect(Array.from(split.labels)).toEqual(Array.from(alone.labels));
      }
      // The labels are each row's nearest centre (ties to the lower index), as Lloyd's first step.
      for (let i = 0; i < n; i += 97) {
        let best = 0;
        for (let c = 1; c < k; c++) if (sqDist(x, i * p, alone.centres, c * p, p) < sqDist(x, i * p, alone.centres, best * p, p)) best = c;
        expect(alone.labels[i]).toBe(best);
      }
    }
  });

  it("a whole fit with threads equals the fit without", async () => {
    const a = await fitKMeans(x, n, p, { k: 4, nInit: 2, seed: 3, engine: "js" });
    const b = await fitKMeans(shared, n, p, { k: 4, nInit: 2, seed: 3, engine: "js", threads: inProcessThreads(1) });
    expect(b.inertia).toBe(a.inertia);
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    // A helper that fails costs only speed: its share of each pass runs here instead.
    const c = await fitKMeans(shared, n, p, { k: 4, nInit: 2, seed: 3, engine: "js", threads: inProcessThreads(1, true) });
    expect(Array.from(c.labels)).toEqual(Array.from(a.labels));
  });
});

describe("k-means++ draws", () => {
  it("skipping whole blocks by their sums picks the rows a running sum over every row picks", () => {
    // Integer weights make every sum exact, so the two walks must agree on every draw. Whole
    // blocks of zeros, a zero-weight last row and draws near 0 and 1 are the edges.
    const n = 3 * SEED_BLOCK + 5000, stride = 4, at = 2;
    const rand = mulberry32(3);
    const w = new Float64Array(stride * n);
    for (let i = 0; i < n; i++) {
      const inZeroBlock = Math.floor(i / SEED_BLOCK) === 1;
      w[at + stride * i] = inZeroBlock || i === n - 1 || rand() < 0.3 ? 0 : Math.floor(rand() * 100);
    }
    const blocks = new Float64Array(4 * Math.ceil(n / SEED_BLOCK));
    let total = 0;
    for (let i = 0; i < n; i++) {
      blocks[4 * Math.floor(i / SEED_BLOCK) + at] += w[at + stride * i];
      total += w[at + stride * i];
    }
    const draws = Float64Array.from({ length: 400 }, (_, t) => (t === 0 ? 0 : t === 1 ? 1 - 1e-16 : rand()));
    const out = new Int32Array(draws.length);
    sampleByWeight({ values: w, at, stride, blocks, slot: at }, n, total, draws, out);
    draws.forEach((u, t) => {
      let target = u * total, pick = -1;
      for (let i = 0; i < n && pick < 0; i++) if ((target -= w[at + stride * i]) < 0) pick = i;
      expect(out[t]).toBe(pick);
      expect(w[at + stride * pick]).toBeGreaterThan(0);
    });
  });
});

describe("silhouette", () => {
  it("equals the textbook one-row-at-a-time sums to the bit (rows not a multiple of four)", () => {
    const n = 203, p = 5, k = 4, rand = mulberry32(8);
    const x = Float64Array.from({ length: n * p }, () => rand() * 10 - 5);
    const labels = Int32Array.from({ length: n }, () => Math.floor(rand() * k));
    let total = 0;
    for (let i = 0; i < n; i++) {
      const sums = new Float64Array(k), counts = new Float64Array(k);
      for (let r = 0; r < n; r++) {
        counts[labels[r]]++;
        if (r !== i) sums[labels[r]] += Math.sqrt(sqDist(x, i * p, x, r * p, p));
      }
      const own = labels[i];
      if (counts[own] <= 1) continue;
      const a = sums[own] / (counts[own] - 1);
      let b = Infinity;
      for (let c = 0; c < k; c++) if (c !== own && counts[c] > 0) b = Math.min(b, sums[c] / counts[c]);
      total += (b - a) / Math.max(a, b);
    }
    expect(silhouetteScore(x, n, p, labels, k)).toBe(total / n);
  });
});
