import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildAllocationLp, readAllocation, type AllocationProblem, type ResponseCurve } from "../../../src/core/allocate";
import { nodeContext, repoRoot } from "../../helpers/node-context";

interface RefCase {
  problem: {
    budget: number;
    segments: number;
    units: { name: string; min: number; max: number | null; curve: ResponseCurve }[];
  };
  solution: { objective: number; x: number[]; budget_shadow_price: number };
}

const fixture = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/reference/allocate_random_lps.json"), "utf8"));
const cases: RefCase[] = fixture.cases;

function toProblem(c: RefCase): AllocationProblem {
  return {
    budget: c.problem.budget,
    segments: c.problem.segments,
    units: c.problem.units.map((u) => ({ ...u, max: u.max ?? Infinity })),
  };
}

describe("allocation LP against scipy.optimize.linprog(method='highs')", () => {
  it("20 seeded random problems: objective and spends within 1e-6 relative, budget shadow price within 1e-6", async () => {
    const ctx = nodeContext();
    expect(cases.length).toBe(20);
    let worstObj = 0;
    let worstX = 0;
    let worstDual = 0;
    for (const c of cases) {
      const problem = toProblem(c);
      const built = buildAllocationLp(problem);
      const solution = await ctx.solveLp(built.lp, { output_flag: false });
      const result = readAllocation(problem, built, solution);
      const ref = c.solution;
      worstObj = Math.max(worstObj, Math.abs(result.objective - ref.objective) / Math.abs(ref.objective));
      result.units.forEach((u, i) => {
        worstX = Math.max(worstX, Math.abs(u.spend - ref.x[i]) / Math.max(1, Math.abs(ref.x[i])));
      });
      worstDual = Math.max(worstDual, Math.abs(result.budgetShadowPrice - ref.budget_shadow_price));
    }
    console.info(`allocation parity: objective ${worstObj.toExponential(2)}, x ${worstX.toExponential(2)}, dual ${worstDual.toExponential(2)}`);
    expect(worstObj).toBeLessThan(1e-6);
    expect(worstX).toBeLessThan(1e-6);
    expect(worstDual).toBeLessThan(1e-6);
  });
});
