import { solverOptions, type LpSolver } from "./solve-options";
import { InfeasibleAllocationError } from "./allocation";
import { buildSpecLp } from "./build";
import { greedySolution } from "./greedy";
import { describeConflict, findConflict, isInfeasible, precheckSpec } from "./diagnose";
import type { AllocationSpec } from "./model";
import { readSpecSolution, type SpecResult } from "./read";

/** LP size (units × (chords + 1)) from which {@link solveSpec} tries {@link greedySolution} first. */
export const GREEDY_MIN_COLUMNS = 5_000;

/**
 * Pre-checks, builds, solves and reads back a spec. When HiGHS finds it infeasible, runs the
 * bounded conflict search and throws {@link InfeasibleAllocationError} naming the clashing
 * constraints; any other status without an optimum is an error with HiGHS's own status.
 */
export async function solveSpec(spec: AllocationSpec, solve: LpSolver): Promise<SpecResult> {
  precheckSpec(spec);
  // One budget, only per-unit limits, a large LP: the exact greedy optimum when it is unique
  // (else HiGHS). Small LPs take milliseconds in HiGHS and keep going through the solver.
  if (spec.units.length * (spec.segments + 1) >= GREEDY_MIN_COLUMNS) {
    const fast = greedySolution(spec);
    if (fast) return readSpecSolution(spec, fast.built, fast.sol);
  }
  const built = buildSpecLp(spec);
  const sol = await solve(built.lp, solverOptions(built.isMip));
  if (isInfeasible(sol.status)) throw new InfeasibleAllocationError(describeConflict(spec, await findConflict(spec, solve)));
  if (sol.status !== "Optimal") throw new Error(`The solver stopped without an optimal allocation (HiGHS status "${sol.status}")`);
  return readSpecSolution(spec, built, sol);
}
