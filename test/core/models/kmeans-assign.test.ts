import { describe, expect, it } from "vitest";
import { jsAssigner } from "../../../src/core/models/kmeans-assign";
import { fitKMeans } from "../../../src/core/models/kmeans";
import { mulberry32 } from "../../../src/core/steps/types";

/** Row-major n×p points around `blobs` centres (some rows far out), seeded. */
function points(n: number, p: number, blobs: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  const centres = Array.from({ length: blobs * p }, () => 20 * rand() - 10);
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const b = Math.floor(rand() * blobs);
    const spread = i % 50 === 0 ? 12 : 1.5;
    for (let j = 0; j < p; j++) x[i * p + j] = centres[b * p + j] + spread * (rand() - 0.5);
  }
  return x;
}

/** The nearest centre of each row by comparing it with every centre (ties to the lower index). */
function nearest(x: Float64Array, n: number, p: number, centres: Float64Array, k: number): { labels: Int32Array; distances: Float64Array } {
  const labels = new Int32Array(n);
  const distances = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      let d = 0;
      for (let j = 0; j < p; j++) d += (x[i * p + j] - centres[c * p + j]) ** 2;
      if (d < bestD) [best, bestD] = [c, d];
    }
    labels[i] = best;
    distances[i] = bestD;
  }
  return { labels, distances };
}

/** Textbook Lloyd with sklearn's stopping rules (strict convergence on unchanged labels, tol on the centre shift). */
function referenceLloyd(x: Float64Array, n: number, p: number, k: number, start: Float64Array, maxIter: number) {
  let centres = Float64Array.from(start);
  let previous: Int32Array = new Int32Array(n).fill(-1);
  let labels: Int32Array = new Int32Array(n);
  let iterations = 0;
  let strict = false;
  while (iterations < maxIter) {
    labels = nearest(x, n, p, centres, k).labels;
    const sums = new Float64Array(k * p);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      counts[labels[i]]++;
      for (let j = 0; j < p; j++) sums[labels[i] * p + j] += x[i * p + j];
    }
    for (let c = 0; c < k; c++) for (let j = 0; j < p; j++) sums[c * p + j] /= counts[c];
    const changed = labels.some((l, i) => l !== previous[i]);
    previous = labels;
    centres = sums;
    iterations++;
    if (!changed) {
      strict = true;
      break;
    }
  }
  if (!strict) labels = nearest(x, n, p, centres, k).labels;
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < p; j++) row += (x[i * p + j] - centres[labels[i] * p + j]) ** 2;
    inertia += row;
  }
  return { centres, labels, inertia, iterations };
}

describe("float64 k-means assignment (pruned by half the gap between centres)", () => {
  const n = 3000, p = 5, k = 6;
  const x = points(n, p, k, 3);
  const rand = mulberry32(9);

  it("gives the labels of comparing every row with every centre, from any previous labels", async () => {
    const assigner = jsAssigner(x, n, p, k);
    for (let trial = 0; trial < 5; trial++) {
      const centres = Float64Array.from({ length: k * p }, () => 20 * rand() - 10);
      const ref = nearest(x, n, p, centres, k);
      const guesses = [new Int32Array(n), Int32Array.from({ length: n }, () => Math.floor(rand() * k)), Int32Array.from(ref.labels)];
      for (const labels of guesses) {
        await assigner.assign(centres, labels);
        expect(Array.from(labels)).toEqual(Array.from(ref.labels));
      }
    }
  });

  it("breaks ties to the lower index, duplicate centres included", async () => {
    const centres = Float64Array.from({ length: k * p }, () => 20 * rand() - 10);
    centres.copyWithin(3 * p, 1 * p, 2 * p); // centre 3 = centre 1
    const labels = Int32Array.from({ length: n }, () => 3);
    await jsAssigner(x, n, p, k).assign(centres, labels);
    expect(labels.includes(3)).toBe(false);
    expect(Array.from(labels)).toEqual(Array.from(nearest(x, n, p, centres, k).labels));
  });

  it("assignAndSum adds each row to its new cluster in row order, counts changes and sums the distances", () => {
    const centres = Float64Array.from({ length: k * p }, () => 20 * rand() - 10);
    const labels = Int32Array.from({ length: n }, () => Math.floor(rand() * k));
    const before = Int32Array.from(labels);
    const sums = new Float64Array(k * p);
    const counts = new Float64Array(k);
    const pass = jsAssigner(x, n, p, k).assignAndSum!(centres, labels, sums, counts);
    const ref = nearest(x, n, p, centres, k);
    expect(Array.from(labels)).toEqual(Array.from(ref.labels));
    expect(pass.changed).toBe(ref.labels.filter((l, i) => l !== before[i]).length);
    let total = 0;
    const refSums = new Float64Array(k * p);
    const refCounts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      total += ref.distances[i];
      refCounts[ref.labels[i]]++;
      for (let j = 0; j < p; j++) refSums[ref.labels[i] * p + j] += x[i * p + j];
    }
    expect(pass.distances).toBe(total);
    expect(Array.from(counts)).toEqual(Array.from(refCounts));
    expect(Array.from(sums)).toEqual(Array.from(refSums));
  });

  it("fitKMeans with the float64 engine follows textbook Lloyd exactly (centres, labels, inertia, iterations)", async () => {
    for (const [seed, maxIter] of [[1, 100], [2, 100], [4, 3]] as const) {
      const r = mulberry32(seed);
      const start = new Float64Array(k * p);
      for (let c = 0; c < k; c++) {
        const row = Math.floor(r() * n);
        start.set(x.subarray(row * p, row * p + p), c * p);
      }
      const fit = await fitKMeans(x, n, p, { k, init: [start], maxIter, tol: 0, engine: "js" });
      const ref = referenceLloyd(x, n, p, k, start, maxIter);
      expect(fit.iterations).toBe(ref.iterations);
      expect(Array.from(fit.centres)).toEqual(Array.from(ref.centres));
      expect(Array.from(fit.labels)).toEqual(Array.from(ref.labels));
      expect(fit.inertia).toBe(ref.inertia);
      expect(fit.converged).toBe(maxIter > 3); // strict convergence (inertia from the last pass) and a cut-off run
    }
  });
});
