// Bin edges (binning.ts) against a plain reading of scikit-learn's bin mapper: per feature, the
// (sampled) values sorted; with ≤ maxBins distinct values, midpoints between neighbours; else
// quantiles k/maxBins with midpoint interpolation, duplicates and a top edge dropped.
import { describe, expect, test } from "vitest";
import { applyBins, binOf, fitBins } from "../../../../src/core/models/trees/binning";
import { mulberry32 } from "../../../../src/core/random";

function referenceThresholds(x: Float64Array, n: number, p: number, j: number, maxBins: number, rows?: number[]): { t: number[]; values: number[] | null } {
  const col = Float64Array.from(rows ?? Array.from({ length: n }, (_, i) => i), (i) => x[i * p + j]).sort();
  const distinct = [...new Set(col)];
  if (distinct.length <= maxBins) return { t: distinct.slice(1).map((v, k) => distinct[k] + (v - distinct[k]) / 2), values: distinct };
  const t: number[] = [];
  for (let k = 1; k < maxBins; k++) {
    const pos = (k / maxBins) * (col.length - 1);
    const v = (col[Math.floor(pos)] + col[Math.ceil(pos)]) / 2;
    if (v < col[col.length - 1] && (t.length === 0 || v > t[t.length - 1])) t.push(v);
  }
  return { t, values: null };
}

describe("fitBins", () => {
  const n = 5000, p = 6;
  const rand = mulberry32(17);
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    x[i * p] = rand(); // continuous
    x[i * p + 1] = Math.floor(rand() * 10); // 10 distinct
    x[i * p + 2] = 3; // constant
    x[i * p + 3] = Math.floor(rand() * 300); // just over 255 distinct
    x[i * p + 4] = rand() < 0.9 ? 0 : rand(); // heavy ties
    x[i * p + 5] = Math.floor(rand() * 255); // exactly the cap
  }
  for (const maxBins of [255, 16]) {
    for (const sample of [false, true]) {
      test(`${sample ? "a sample of rows" : "all rows"}, maxBins ${maxBins}: the reference's edges, to the bit`, () => {
        const rows = sample ? Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 1) : undefined;
        const mapper = fitBins(x, n, p, maxBins, rows);
        for (let j = 0; j < p; j++) {
          const ref = referenceThresholds(x, n, p, j, maxBins, rows);
          expect(Array.from(mapper.thresholds[j])).toEqual(ref.t);
          expect(mapper.values[j] && Array.from(mapper.values[j]!)).toEqual(ref.values);
          expect(mapper.nBins[j]).toBe(ref.t.length + 1);
        }
        // And the codes are binOf's, in both layouts.
        const bm = applyBins(mapper, x, n, p);
        for (let i = 0; i < n; i += 7) {
          for (let j = 0; j < p; j++) {
            const c = binOf(mapper.thresholds[j], x[i * p + j]);
            expect(bm.codes[j * n + i]).toBe(c);
            expect(bm.rowCodes[i * p + j]).toBe(c);
          }
        }
      });
    }
  }
});
