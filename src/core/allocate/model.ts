import type { ResponseCurve } from "./response";

/**
 * The general allocation problem, in unit terms (names, totals, limits), before it becomes an
 * LP. Units receive amounts of one or more resources (budget, headcount, ...); each resource
 * has its own response curve per unit, and a unit's expected return is the sum over resources.
 */
export interface ResourceSpec {
  /** Shown to the user ("budget", "headcount"); never written into the LP. */
  readonly name: string;
  /** The word for an amount of it in sentences: "spend" for a budget, else the name. */
  readonly word: string;
  /** Amount available (an upper bound on the sum over units); ≥ 0. */
  readonly total: number;
  /** Whole amounts only (e.g. people): makes the problem a MILP. */
  readonly integer: boolean;
  /** Cost of one unit of the resource, for the profit and minimum-cost objectives. */
  readonly cost: number;
  /** Per unit, in unit order. */
  readonly min: readonly number[];
  /** Per unit; Infinity for no cap. */
  readonly max: readonly number[];
  readonly curves: readonly ResponseCurve[];
}

/** Σ over `units` of a resource ≤ maxShare (≥ minShare) × Σ over all units of it. */
export interface GroupLimit {
  readonly name: string;
  readonly resource: number;
  readonly units: readonly number[];
  readonly maxShare?: number;
  readonly minShare?: number;
}

/** amount(unit) ≤ atMost × amount(to) and/or ≥ atLeast × amount(to), for one resource. */
export interface RatioLimit {
  readonly resource: number;
  readonly unit: number;
  readonly to: number;
  readonly atMost?: number;
  readonly atLeast?: number;
}

/** At least `atLeast` units receive ≥ `minAmount` of a resource (binaries: a MILP). */
export interface Coverage {
  readonly resource: number;
  readonly atLeast: number;
  readonly minAmount: number;
}

/** What to optimise. */
export type Objective =
  | { readonly type: "return" }
  | { readonly type: "profit" }
  | { readonly type: "minCost"; readonly target: number };

/** A complete allocation problem. */
export interface AllocationSpec {
  readonly units: readonly string[];
  readonly resources: readonly ResourceSpec[];
  readonly groups: readonly GroupLimit[];
  readonly ratios: readonly RatioLimit[];
  readonly coverage?: Coverage;
  readonly objective: Objective;
  /** Piecewise-linear chords per concave curve. */
  readonly segments: number;
}

/**
 * Constraint groups, the pieces a conflict explanation is made of: a resource's total, all its
 * minimums, all its maximums, one group limit, one ratio, the coverage rule, the return target.
 */
export type ConstraintId = `total:${number}` | `min:${number}` | `max:${number}` | `group:${number}` | `ratio:${number}` | "coverage" | "target";

/** Every constraint group a spec has, in a stable order. */
export function constraintIds(spec: AllocationSpec): ConstraintId[] {
  const ids: ConstraintId[] = [];
  spec.resources.forEach((r, i) => {
    ids.push(`total:${i}`);
    if (r.min.some((m) => m > 0)) ids.push(`min:${i}`);
    if (r.max.some((m) => Number.isFinite(m))) ids.push(`max:${i}`);
  });
  spec.groups.forEach((_, i) => ids.push(`group:${i}`));
  spec.ratios.forEach((_, i) => ids.push(`ratio:${i}`));
  if (spec.coverage) ids.push("coverage");
  if (spec.objective.type === "minCost") ids.push("target");
  return ids;
}

/** A constraint group in plain words, e.g. 'the total budget of 1000'. */
export function describeConstraint(spec: AllocationSpec, id: ConstraintId): string {
  const [kind, idx] = id.split(":") as [string, string | undefined];
  const i = Number(idx);
  const res = (k: number) => spec.resources[k];
  switch (kind) {
    case "total":
      return `the total ${res(i).name} of ${res(i).total}`;
    case "min":
      return `the minimum ${res(i).word} per unit`;
    case "max":
      return `the maximum ${res(i).word} per unit`;
    case "group": {
      const g = spec.groups[i];
      const parts = [g.maxShare !== undefined ? `at most ${pct(g.maxShare)}` : "", g.minShare !== undefined ? `at least ${pct(g.minShare)}` : ""].filter(Boolean);
      return `the limit of ${parts.join(" and ")} of ${res(g.resource).name} to ${g.name}`;
    }
    case "ratio": {
      const q = spec.ratios[i];
      const [a, b] = [spec.units[q.unit], spec.units[q.to]];
      const parts = [q.atMost !== undefined ? `at most ${q.atMost}×` : "", q.atLeast !== undefined ? `at least ${q.atLeast}×` : ""].filter(Boolean);
      return `the ratio rule: ${res(q.resource).word} on "${a}" ${parts.join(" and ")} that on "${b}"`;
    }
    case "coverage": {
      const c = spec.coverage!;
      return `the coverage rule: at least ${c.atLeast} units funded with ${c.minAmount} or more of ${res(c.resource).name}`;
    }
    default:
      return `the target return of ${(spec.objective as { target: number }).target}`;
  }
}

/** 0.4 → "40%". */
export function pct(x: number): string {
  return `${Number((x * 100).toPrecision(6))}%`;
}
