import type { Json } from "../json";
import type { LpSolution } from "../cells/types";

/** Solves CPLEX LP text with HiGHS options (RunContext.solveLp, bound to a context). */
export type LpSolver = (lp: string, options: Readonly<Record<string, Json>>) => Promise<LpSolution>;

/**
 * HiGHS options for an allocation solve. LPs run without presolve: on these problems (one dense
 * total row, thousands of chord columns) HiGHS 1.15's presolve grew quadratically (2,000 units:
 * 56 s with presolve, 0.6 s without; measured in Node). MILPs keep presolve and get a tight
 * relative gap, since the default 1e-4 can stop 0.01% short of the best allocation.
 */
export function solverOptions(isMip: boolean): Record<string, Json> {
  return isMip ? { output_flag: false, mip_rel_gap: 1e-9 } : { output_flag: false, presolve: "off" };
}
