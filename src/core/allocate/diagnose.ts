import { InfeasibleAllocationError } from "./allocation";
import { buildSpecLp } from "./build";
import { solverOptions, type LpSolver } from "./solve-options";
import { constraintIds, describeConstraint, type AllocationSpec, type ConstraintId } from "./model";

/**
 * Throws {@link InfeasibleAllocationError} for clashes that are plain before solving, in words
 * that name the constraint: a minimum above a maximum, minimums adding up to more than a total,
 * a coverage rule that asks for more units (or more money) than exist, a group whose minimum
 * share is above its maximum.
 */
export function precheckSpec(spec: AllocationSpec): void {
  const n = spec.units.length;
  spec.resources.forEach((res) => {
    res.min.forEach((lo, u) => {
      if (lo > res.max[u]) throw new InfeasibleAllocationError(`Unit "${spec.units[u]}" has a minimum ${res.word} (${lo}) above its maximum (${res.max[u]})`);
    });
    const totalMin = res.min.reduce((s, v) => s + v, 0);
    if (totalMin > res.total) {
      const allSame = res.min.every((m) => m === res.min[0]);
      const how = allSame ? `${n} units × minimum ${res.min[0]}` : `the minimums of ${n} units`;
      const mins = res.word === "spend" ? "minimum spends" : `minimum amounts of ${res.name}`;
      const of = res.name === "budget" ? `budget of ${res.total}` : `total ${res.name} of ${res.total}`;
      throw new InfeasibleAllocationError(
        `No allocation is possible: the ${mins} (${how}) add up to ${totalMin}, more than the ${of}. Lower the minimum or raise the ${res.name === "budget" ? "budget" : `total ${res.name}`}.`,
      );
    }
  });
  const c = spec.coverage;
  if (c) {
    const res = spec.resources[c.resource];
    if (c.atLeast > n) throw new InfeasibleAllocationError(`The coverage rule asks for at least ${c.atLeast} funded units, but there are only ${n} units`);
    const fundable = res.max.filter((m) => m >= c.minAmount).length;
    if (fundable < c.atLeast) {
      throw new InfeasibleAllocationError(`The coverage rule asks for ${c.atLeast} units with ${c.minAmount} or more of ${res.name} each, but only ${fundable} units allow that much (their maximum)`);
    }
    if (c.atLeast * c.minAmount > res.total) {
      throw new InfeasibleAllocationError(
        `The coverage rule needs at least ${c.atLeast} × ${c.minAmount} = ${c.atLeast * c.minAmount} of ${res.name}, more than its total of ${res.total}`,
      );
    }
  }
  spec.groups.forEach((g) => {
    if (g.minShare !== undefined && g.maxShare !== undefined && g.minShare > g.maxShare) {
      throw new InfeasibleAllocationError(`Group ${g.name} has a minimum share (${g.minShare}) above its maximum share (${g.maxShare})`);
    }
  });
}

/** The outcome of a conflict search. */
export interface Conflict {
  /** Constraint groups that cannot all hold together. */
  readonly ids: readonly ConstraintId[];
  /** False when the solve budget ran out before the set was proven minimal. */
  readonly minimal: boolean;
  readonly solves: number;
}

/**
 * Deletion filter over constraint groups: starting from all of them (infeasible), drop one
 * group at a time and keep it dropped while the rest is still infeasible. What remains is a
 * minimal conflicting set: dropping any single member makes the problem feasible. Costs one
 * feasibility solve per group, capped at `maxSolves`.
 */
export async function findConflict(
  spec: AllocationSpec,
  solve: LpSolver,
  maxSolves = 40,
): Promise<Conflict> {
  const all = constraintIds(spec);
  let keep = [...all];
  let solves = 0;
  for (const id of all) {
    if (solves >= maxSolves) return { ids: keep, minimal: false, solves };
    const trial = keep.filter((k) => k !== id);
    const disabled = new Set(all.filter((k) => !trial.includes(k)));
    solves++;
    const built = buildSpecLp(spec, { disabled, feasibilityOnly: true });
    const sol = await solve(built.lp, solverOptions(built.isMip));
    if (isInfeasible(sol.status)) keep = trial;
  }
  return { ids: keep, minimal: true, solves };
}

/** True for the statuses HiGHS uses when no allocation satisfies the constraints. */
export function isInfeasible(status: string): boolean {
  return status === "Infeasible" || status === "Primal infeasible or unbounded";
}

/** The conflict as a sentence. */
export function describeConflict(spec: AllocationSpec, conflict: Conflict): string {
  const parts = conflict.ids.map((id) => describeConstraint(spec, id));
  const head =
    parts.length === 1
      ? `No allocation meets ${parts[0]} on its own`
      : `No allocation meets every constraint. These ${parts.length} cannot all hold together (dropping any one of them would make the problem feasible): ${parts.join("; ")}`;
  const tail = conflict.minimal ? "" : ` (the search stopped after ${conflict.solves} solves, so the list may hold more than needed)`;
  return `${head}${tail}. Relax one of them.`;
}
