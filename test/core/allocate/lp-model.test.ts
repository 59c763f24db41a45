import { describe, expect, it } from "vitest";
import { toCplexLp, toLpSolution, type LpModel } from "../../../src/core/allocate";
import { nodeContext } from "../../helpers/node-context";

const model: LpModel = {
  sense: "maximize",
  variables: [
    { name: "x0", lower: 0, upper: 10, cost: 3 },
    { name: "x1", lower: 0, upper: 2.5, cost: 2 },
    { name: "x2", lower: -Infinity, upper: Infinity, cost: -1e-7 },
  ],
  rows: [
    { name: "budget", terms: [["x0", 1], ["x1", 1]], sense: "<=", rhs: 4 },
    { name: "cap", terms: [["x0", 1]], sense: "<=", rhs: 1 },
    { name: "pin", terms: [["x2", 1], ["x0", -2]], sense: "=", rhs: 0 },
  ],
};

describe("LP text and HiGHS result", () => {
  it("toCplexLp writes signs, free and infinite bounds that HiGHS reads back", async () => {
    const lp = toCplexLp(model);
    expect(lp).toContain("- 1e-7 x2");
    expect(lp).toContain("x2 free");
    const sol = await nodeContext().solveLp(lp, { output_flag: false });
    expect(sol.status).toBe("Optimal");
    expect(sol.primal).toEqual({ x0: 1, x1: 2.5, x2: 2 });
    expect(sol.objective).toBeCloseTo(8 - 2e-7, 12);
    // Maximisation duals come back as d(objective)/d(rhs) (no sign flip): relaxing the cap on x0
    // is worth its 3 less the 2·1e-7 that x2 = 2·x0 costs; the slack budget is worth nothing.
    expect(sol.dual.cap).toBeCloseTo(3 - 2e-7, 12);
    expect(sol.dual.budget).toBe(0);
  });

  it("toCplexLp refuses names that are not generated identifiers, so user text cannot reach the LP", () => {
    for (const bad of ["North region", "x<=3", "End", "bounds", "a:b", "inf", ""]) {
      const m: LpModel = { ...model, variables: [{ name: bad, lower: 0, upper: 1, cost: 1 }], rows: [] };
      expect(() => toCplexLp(m), bad).toThrow(/Unsafe LP name/);
    }
    expect(() => toCplexLp({ ...model, rows: [{ name: "r", terms: [["x0", NaN]], sense: "<=", rhs: 1 }] })).toThrow(/not a finite/);
  });

  it("toLpSolution keeps status and leaves no numbers for an infeasible answer", () => {
    const raw = {
      Status: "Infeasible",
      ObjectiveValue: 0,
      Columns: { x0: { Index: 0, Lower: 0, Upper: null, Type: "Continuous", Name: "x0" } },
      Rows: [{ Index: 0, Name: "b", Lower: null, Upper: 1 }],
    };
    const sol = toLpSolution(raw);
    expect(sol.status).toBe("Infeasible");
    expect(sol.primal).toEqual({});
    expect(sol.dual).toEqual({});
    expect(sol.objective).toBeNaN();
    expect(() => toLpSolution(null)).toThrow(/no result/);
  });

  it("an infeasible LP comes back as status Infeasible, not an exception", async () => {
    const lp = toCplexLp({
      sense: "maximize",
      variables: [{ name: "x0", lower: 0, upper: Infinity, cost: 1 }],
      rows: [
        { name: "b", terms: [["x0", 1]], sense: "<=", rhs: 1 },
        { name: "c", terms: [["x0", 1]], sense: ">=", rhs: 2 },
      ],
    });
    expect((await nodeContext().solveLp(lp, { output_flag: false })).status).toBe("Infeasible");
  });
});
