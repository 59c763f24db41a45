// The float64 products behind the linear models on wasm/cpu, against the textbook loops they replace.
import { describe, expect, it } from "vitest";
import { centredBlockDot, centredGram, columnMeans, GRAM_BLOCK } from "../../../src/core/models/gram-js";
import { mulberry32 } from "../../../src/core/steps/types";

function matrix(n: number, p: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  // Offsets and scales that differ by column, as real features do.
  return Float64Array.from({ length: n * p }, (_, k) => 1000 * (k % p) + (1 + (k % p)) * (rand() - 0.5));
}

/** Σᵢ (xᵢⱼ − mⱼ)(xᵢₖ − mₖ), one entry at a time, with the target as column p. */
function naiveGram(x: Float64Array, n: number, p: number, means: Float64Array, y?: Float64Array, yc = 0): Float64Array {
  const w = y ? p + 1 : p;
  const col = (i: number, j: number) => (j < p ? x[i * p + j] - means[j] : y![i] - yc);
  const g = new Float64Array(w * w);
  for (let j = 0; j < w; j++) for (let k = 0; k < w; k++) for (let i = 0; i < n; i++) g[j * w + k] += col(i, j) * col(i, k);
  return g;
}

function maxRelative(a: Float64Array, b: Float64Array): number {
  let scale = 0;
  for (const v of b) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / scale);
  return worst;
}

describe("float64 Gram products (gram-js)", () => {
  it("column means equal the textbook sums", () => {
    const n = 1000, p = 3;
    const x = matrix(n, p, 1);
    const means = columnMeans(x, n, p);
    for (let j = 0; j < p; j++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[i * p + j];
      expect(means[j]).toBeCloseTo(sum / n, 9);
    }
  });

  // Widths 1-9 and 21 cover full 4×4 tiles, the edge tiles of every remainder, and 20 features + target.
  for (const p of [1, 2, 3, 4, 5, 6, 7, 8, 20]) {
    it(`centred Gram with the target column equals the naive sums (p = ${p}, rows not a multiple of the block)`, () => {
      const n = 2 * GRAM_BLOCK + 37;
      const x = matrix(n, p, p);
      const y = Float64Array.from({ length: n }, (_, i) => Math.cos(i) * 50 + 7);
      const means = columnMeans(x, n, p);
      const got = centredGram(x, n, p, means, { values: y, centre: 7 });
      expect(maxRelative(got, naiveGram(x, n, p, means, y, 7))).toBeLessThan(1e-13);
      // Exactly symmetric, and without the extra column the leading block.
      const w = p + 1;
      for (let j = 0; j < w; j++) for (let k = 0; k < w; k++) expect(got[j * w + k]).toBe(got[k * w + j]);
      expect(maxRelative(centredGram(x, n, p, means), naiveGram(x, n, p, means))).toBeLessThan(1e-13);
    });
  }

  it("a centred block holds the centred rows column by column, with each row's linear predictor", () => {
    const n = 10, p = 3, stride = 16;
    const x = matrix(n, p, 4);
    const means = columnMeans(x, n, p);
    const t = new Float64Array(p * stride);
    const out = new Float64Array(stride);
    const coef = Float64Array.of(0.5, -2, 3);
    centredBlockDot(x, p, means, 4, 5, t, stride, coef, 1.5, out);
    for (let i = 0; i < 5; i++) {
      let e = 1.5;
      for (let j = 0; j < p; j++) {
        expect(t[j * stride + i]).toBe(x[(4 + i) * p + j] - means[j]);
        e += (x[(4 + i) * p + j] - means[j]) * coef[j];
      }
      expect(out[i]).toBeCloseTo(e, 10);
    }
  });
});
