import { describe, expect, it } from "vitest";
import {
  InfeasibleAllocationError,
  buildAllocationLp,
  checkFeasible,
  readAllocation,
  responseAt,
  saturatingSegments,
  solveAllocation,
  type AllocationProblem,
  type AllocationUnit,
} from "../../../src/core/allocate";
import { nodeContext } from "../../helpers/node-context";

const solve = (lp: string) => nodeContext().solveLp(lp, { output_flag: false });
const sat = (name: string, a: number, b: number, min = 0, max = Infinity): AllocationUnit => ({ name, min, max, curve: { type: "saturating", a, b } });

describe("allocation", () => {
  it("chord slopes of a saturating curve decrease and sum back to the curve", () => {
    const seg = saturatingSegments(1000, 300, 900, 12);
    for (let j = 1; j < 12; j++) expect(seg.slopes[j]).toBeLessThan(seg.slopes[j - 1]);
    const total = seg.slopes.reduce((s, c) => s + c * seg.width, 0);
    expect(total).toBeCloseTo(responseAt({ type: "saturating", a: 1000, b: 300 }, 900), 9);
  });

  it("with increasing responses the whole budget is spent, and the shadow price is the last chord's slope", async () => {
    const problem: AllocationProblem = {
      budget: 10_000,
      segments: 20,
      units: [sat("North", 8000, 4000), sat("South", 3000, 2000), sat("East", 500, 6000), { name: "Web", min: 0, max: 1000, curve: { type: "linear", rate: 0.4 } }],
    };
    const r = await solveAllocation(problem, solve);
    expect(r.status).toBe("Optimal");
    expect(r.allocated).toBeCloseTo(10_000, 6);
    expect(r.binding[0]).toMatch(/^budget/);
    expect(r.budgetShadowPrice).toBeGreaterThan(0);
    // Units spending inside their curve sit where their slope ≈ the budget's price (chord error).
    for (const u of r.units.filter((u) => u.spend > 1 && u.name !== "Web")) {
      expect(Math.abs(u.marginalReturn - r.budgetShadowPrice)).toBeLessThan(0.05);
    }
  });

  it("respects every unit's minimum and maximum, and names the binding ones", async () => {
    const problem: AllocationProblem = {
      budget: 9000,
      segments: 25,
      units: [sat("A", 20_000, 3000, 0, 2500), sat("B", 10_000, 3000, 500, 6000), sat("C", 100, 3000, 1500, 4000), sat("D", 9000, 2000, 1000)],
    };
    const r = await solveAllocation(problem, solve);
    r.units.forEach((u, i) => {
      expect(u.spend).toBeGreaterThanOrEqual(problem.units[i].min - 1e-9);
      expect(u.spend).toBeLessThanOrEqual(problem.units[i].max + 1e-9);
    });
    expect(r.allocated).toBeCloseTo(9000, 6);
    expect(r.binding).toContain('maximum spend of 2500 for "A"');
    expect(r.binding).toContain('minimum spend of 1500 for "C"');
  });

  it("leaves budget unspent, with a shadow price of 0, when every unit is capped below it", async () => {
    const r = await solveAllocation({ budget: 10_000, segments: 10, units: [sat("A", 5000, 1000, 0, 2000), sat("B", 5000, 1000, 0, 3000)] }, solve);
    expect(r.allocated).toBeCloseTo(5000, 6);
    expect(r.budgetShadowPrice).toBe(0);
    expect(r.binding.some((b) => b.startsWith("budget"))).toBe(false);
  });

  it("says in plain words when the minimums exceed the budget, before solving", () => {
    const units = ["A", "B", "C"].map((n) => sat(n, 1000, 100, 400));
    expect(() => checkFeasible({ budget: 1000, segments: 5, units })).toThrow(InfeasibleAllocationError);
    expect(() => checkFeasible({ budget: 1000, segments: 5, units })).toThrow(
      "No allocation is possible: the minimum spends (3 units × minimum 400) add up to 1200, more than the budget of 1000. Lower the minimum or raise the budget.",
    );
    expect(() => checkFeasible({ budget: 1000, segments: 5, units: [sat("A", 1, 1, 5, 2)] })).toThrow(/"A" has a minimum spend \(5\) above its maximum \(2\)/);
  });

  it("maps an Infeasible status from the solver to a message naming the constraints", async () => {
    const problem: AllocationProblem = { budget: 100, segments: 5, units: [sat("A", 1000, 100, 200)] };
    const built = buildAllocationLp(problem);
    const sol = await solve(built.lp);
    expect(sol.status).toBe("Infeasible");
    expect(() => readAllocation(problem, built, sol)).toThrow(/No allocation meets every constraint \(total spend ≤ budget 100, each unit between its minimum and maximum\)/);
  });
});
