import { describe, expect, it } from "vitest";
import { cholesky, choleskyInverse, choleskySolve } from "../../../src/core/models";

describe("cholesky", () => {
  it("solves and inverts a positive definite system exactly", () => {
    const a = Float64Array.of(4, 2, 0.6, 2, 5, 1, 0.6, 1, 3);
    const f = cholesky(a, 3);
    expect(f.ridge).toBe(0);
    const x = choleskySolve(f, [1, 2, 3]);
    for (let i = 0; i < 3; i++) expect(a[i * 3] * x[0] + a[i * 3 + 1] * x[1] + a[i * 3 + 2] * x[2]).toBeCloseTo(i + 1, 13);
    const inv = choleskyInverse(f);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += a[i * 3 + k] * inv[k * 3 + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 13);
      }
    }
  });

  it("falls back to a small reported ridge on a singular matrix", () => {
    const f = cholesky(Float64Array.of(1, 2, 2, 4), 2);
    expect(f.ridge).toBeGreaterThan(0);
    expect(f.ridge).toBeLessThanOrEqual(1e-2);
    expect(Array.from(choleskySolve(f, [1, 2])).every(Number.isFinite)).toBe(true);
  });

  it("throws on NaN input rather than returning garbage", () => {
    expect(() => cholesky(Float64Array.of(NaN, 0, 0, 1), 2)).toThrow(/not positive definite/);
  });
});
