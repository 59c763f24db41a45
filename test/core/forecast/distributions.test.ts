import { describe, expect, it } from "vitest";
import { normalQuantile, studentTCdf, studentTQuantile } from "../../../src/core/forecast";

// Reference values: mpmath at 40 digits (root of the regularized incomplete beta / erfinv).
// scipy 1.10's t.ppf is only good to ~4e-10 here (t.ppf(0.975, 5) = 2.5705818366147395, whose
// CDF is 0.97500000003), so it is not the yardstick.
const T_CASES: [number, number, number][] = [
  [0.975, 5, 2.5705818356363148],
  [0.975, 131, 1.9782385392303798],
  [0.9, 17, 1.3333793897216271],
  [0.95, 1, 6.3137515146750374],
  [0.995, 2, 9.9248432009182886],
  [0.6, 3, 0.27667066233268985],
  [0.999, 30, 3.3851848668293048],
];
const Z_CASES: [number, number][] = [
  [0.975, 1.9599639845400539],
  [0.95, 1.6448536269514723],
  [0.5000001, 2.5066282733116483e-7],
  [1e-10, -6.3613409024040562],
  [0.3, -0.52440051270804082],
];

describe("distributions", () => {
  it("studentTQuantile matches high-precision values to 1e-12 relative", () => {
    for (const [p, df, want] of T_CASES) {
      expect(Math.abs(studentTQuantile(p, df) / want - 1)).toBeLessThan(1e-12);
      expect(Math.abs(studentTQuantile(1 - p, df) / -want - 1)).toBeLessThan(1e-12);
    }
  });

  it("studentTCdf inverts studentTQuantile", () => {
    for (const [p, df] of T_CASES) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
  });

  it("normalQuantile matches high-precision values to 1e-12", () => {
    // Absolute near 0: at p = 0.5 + 1e-7 the answer is only as good as p's own rounding.
    for (const [p, want] of Z_CASES) expect(Math.abs(normalQuantile(p) - want)).toBeLessThan(1e-12 * Math.max(1, Math.abs(want)));
  });
});
