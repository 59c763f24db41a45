import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSpecLp, readSpecSolution, solverOptions, type AllocationSpec } from "../../../src/core/allocate";
import { nodeContext, repoRoot } from "../../helpers/node-context";

// Specs as test/reference/allocate_shapes.py writes them (a missing cap is null).
interface RefCase {
  spec: Omit<AllocationSpec, "resources"> & { resources: (Omit<AllocationSpec["resources"][number], "max" | "word"> & { max: (number | null)[] })[] };
  solution: { objective: number; x: number[][]; duals: Record<string, number> | null };
}
const fixture = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/reference/allocate_shapes.json"), "utf8"));
const cases: RefCase[] = fixture.cases;

function toSpec(c: RefCase): AllocationSpec {
  const s = c.spec;
  return { ...s, resources: s.resources.map((r) => ({ ...r, word: r.name, max: r.max.map((m) => m ?? Infinity) })) };
}

describe("general allocation LP/MILP against scipy linprog / milp (HiGHS)", () => {
  it("30 seeded problems (groups, ratios, coverage, integer resources, three objectives): optimum within 1e-6 relative, LP duals within 1e-6", async () => {
    const ctx = nodeContext();
    expect(cases.length).toBe(30);
    let worstObj = 0;
    let worstDual = 0;
    let duals = 0;
    let mips = 0;
    for (const [i, c] of cases.entries()) {
      const spec = toSpec(c);
      const built = buildSpecLp(spec);
      // The options the cell uses (LPs without presolve, MILPs with a 1e-9 gap).
      const sol = await ctx.solveLp(built.lp, solverOptions(built.isMip));
      expect(sol.status, `case ${i}`).toBe("Optimal");
      const r = readSpecSolution(spec, built, sol);
      const ref = c.solution;
      const rel = Math.abs(r.objective - ref.objective) / Math.max(1, Math.abs(ref.objective));
      worstObj = Math.max(worstObj, rel);
      expect(rel, `case ${i} objective ${r.objective} vs ${ref.objective}`).toBeLessThan(1e-6);
      expect(r.isMip).toBe(ref.duals === null);
      if (ref.duals === null) {
        mips++;
        expect(r.dualsNote).toMatch(/not defined/);
        continue;
      }
      for (const [row, v] of Object.entries(ref.duals)) {
        const got = sol.dual[row];
        const err = Math.abs(got - v) / Math.max(1, Math.abs(v));
        worstDual = Math.max(worstDual, err);
        duals++;
        expect(err, `case ${i} row ${row}: ${got} vs ${v}`).toBeLessThan(1e-6);
      }
    }
    console.info(`shapes parity: ${cases.length} problems (${mips} MILP), objective ${worstObj.toExponential(2)}, ${duals} duals ${worstDual.toExponential(2)}`);
  });
});
