import { describe, expect, it } from "vitest";
import { studentTCdf, studentTTwoSided } from "../../../src/core/models";
import { fixture } from "./reference";

const { cases } = fixture<{ cases: { t: number; df: number; cdf: number; twoSided: number }[] }>("models_student_t.json");

describe("Student t distribution", () => {
  it("matches scipy.stats.t cdf and two-sided p within 1e-10 relative, far tail included", () => {
    let worst = 0;
    for (const c of cases) {
      const cdf = studentTCdf(c.t, c.df);
      const p = studentTTwoSided(c.t, c.df);
      worst = Math.max(worst, Math.abs(cdf - c.cdf) / c.cdf, Math.abs(p - c.twoSided) / c.twoSided);
    }
    console.info(`Student t vs scipy over ${cases.length} cases: max relative error ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-10);
  });

  it("is symmetric and bounded", () => {
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 15);
    expect(studentTCdf(-2, 7) + studentTCdf(2, 7)).toBeCloseTo(1, 15);
    expect(studentTTwoSided(Infinity, 3)).toBe(0);
    expect(studentTTwoSided(NaN, 3)).toBeNaN();
    expect(studentTTwoSided(1, 0)).toBeNaN();
  });
});
