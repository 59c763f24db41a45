import { solverOptions, type LpSolver } from "./solve-options";
import { InfeasibleAllocationError } from "./allocation";
import { buildSpecLp } from "./build";
import { describeConflict, findConflict, isInfeasible, precheckSpec } from "./diagnose";
import type { AllocationSpec } from "./model";
import { readSpecSolution, type SpecResult } from "./read";

/**
 * Pre-checks, builds, solves and reads back a spec. When HiGHS finds it infeasible, runs the
 * bounded conflict search and throws {@link InfeasibleAllocationError} naming the clashing
 * constraints; any other status without an optimum is an error with HiGHS's own status.
 */
export async function solveSpec(spec: AllocationSpec, solve: LpSolver): Promise<SpecResult> {
  precheckSpec(spec);
  const built = buildSpecLp(spec);
  const sol = await solve(built.lp, solverOptions(built.isMip));
  if (isInfeasible(sol.status)) throw new InfeasibleAllocationError(describeConflict(spec, await findConflict(spec, solve)));
  if (sol.status !== "Optimal") throw new Error(`The solver stopped without an optimal allocation (HiGHS status "${sol.status}")`);
  return readSpecSolution(spec, built, sol);
}
