import type { LpSolution } from "../cells/types";
import { toCplexLp, type LpModel, type LpRow, type LpVariable } from "./lp-model";
import { responseAt, responseSlope, saturatingSegments, type ResponseCurve } from "./response";

/** One unit (region, channel, ...) that can receive spend. */
export interface AllocationUnit {
  /** Shown to the user; never written into the LP. */
  readonly name: string;
  readonly min: number;
  /** Infinity for no cap. */
  readonly max: number;
  readonly curve: ResponseCurve;
}

/** Split `budget` over `units` to maximise the summed response. */
export interface AllocationProblem {
  readonly units: readonly AllocationUnit[];
  readonly budget: number;
  /** Piecewise-linear segments per saturating curve. */
  readonly segments: number;
}

/** Thrown when no allocation can satisfy the constraints; the message says which ones clash. */
export class InfeasibleAllocationError extends Error {
  override readonly name = "InfeasibleAllocationError";
}

/** The LP of a problem, with the generated names that map back to units. */
export interface BuiltAllocation {
  readonly model: LpModel;
  readonly lp: string;
  /** LP variable holding unit i's spend. */
  readonly spendVar: readonly string[];
  /** The budget row's name. */
  readonly budgetRow: string;
}

/**
 * Builds the LP: spend x_i with bounds [min_i, max_i]; for a saturating unit, segment
 * variables s_i,j ∈ [0, width] priced at the chord slopes and tied by x_i − Σ_j s_i,j = 0; for a
 * linear unit, x_i priced at its rate; and the budget row Σ x_i ≤ budget.
 *
 * The curve is cut over [0, min(max_i, budget·(1 + 1/(2K)))]. Half a segment beyond the budget
 * on purpose: cut at exactly the budget, a unit that takes the whole budget would sit at the end
 * of its last chord, where "one more unit of budget" has no price (the budget dual is then
 * anything between 0 and the last slope, and solvers disagree). With the overhang the budget
 * falls inside the last chord and the shadow price is that chord's slope.
 */
export function buildAllocationLp(problem: AllocationProblem): BuiltAllocation {
  const variables: LpVariable[] = [];
  const rows: LpRow[] = [];
  const spendVar: string[] = [];
  problem.units.forEach((u, i) => {
    const x = `x${i}`;
    spendVar.push(x);
    const upTo = Math.min(u.max, problem.budget * (1 + 0.5 / problem.segments));
    if (u.curve.type === "linear") {
      variables.push({ name: x, lower: u.min, upper: u.max, cost: u.curve.rate });
      return;
    }
    variables.push({ name: x, lower: u.min, upper: u.max, cost: 0 });
    if (!(upTo > 0)) return;
    const seg = saturatingSegments(u.curve.a, u.curve.b, upTo, problem.segments);
    const link: [string, number][] = [[x, 1]];
    seg.slopes.forEach((slope, j) => {
      const s = `s${i}_${j}`;
      variables.push({ name: s, lower: 0, upper: seg.width, cost: slope });
      link.push([s, -1]);
    });
    rows.push({ name: `link${i}`, terms: link, sense: "=", rhs: 0 });
  });
  const budgetRow = "budget";
  rows.push({ name: budgetRow, terms: spendVar.map((x) => [x, 1]), sense: "<=", rhs: problem.budget });
  const model: LpModel = { sense: "maximize", variables, rows };
  return { model, lp: toCplexLp(model), spendVar, budgetRow };
}

/**
 * Throws {@link InfeasibleAllocationError} for clashes that are plain before solving: the
 * minimum spends adding up to more than the budget, or a unit's minimum above its maximum.
 */
export function checkFeasible(problem: AllocationProblem): void {
  for (const u of problem.units) {
    if (u.min > u.max) {
      throw new InfeasibleAllocationError(`Unit "${u.name}" has a minimum spend (${u.min}) above its maximum (${u.max})`);
    }
  }
  const totalMin = problem.units.reduce((s, u) => s + u.min, 0);
  if (totalMin > problem.budget) {
    const n = problem.units.length;
    const allSame = problem.units.every((u) => u.min === problem.units[0].min);
    const how = allSame ? `${n} units × minimum ${problem.units[0].min}` : `the minimums of ${n} units`;
    throw new InfeasibleAllocationError(
      `No allocation is possible: the minimum spends (${how}) add up to ${totalMin}, more than the budget of ${problem.budget}. Lower the minimum or raise the budget.`,
    );
  }
}

/** Per-unit outcome of an allocation. */
export interface UnitAllocation {
  readonly name: string;
  readonly spend: number;
  /** The true curve at the spend (not its piecewise-linear approximation). */
  readonly expectedReturn: number;
  /** The true curve's slope at the spend: what one more unit of spend would return here. */
  readonly marginalReturn: number;
}

/** The solved allocation. */
export interface AllocationResult {
  readonly status: string;
  /** The LP objective: the summed piecewise-linear response. */
  readonly objective: number;
  readonly allocated: number;
  /** d(objective)/d(budget): what one more unit of budget is worth. */
  readonly budgetShadowPrice: number;
  readonly units: readonly UnitAllocation[];
  /** Constraints that hold with equality, in words. */
  readonly binding: readonly string[];
}

/** Reads HiGHS's answer back into unit terms; throws on a status without an optimal solution. */
export function readAllocation(problem: AllocationProblem, built: BuiltAllocation, solution: LpSolution): AllocationResult {
  if (solution.status === "Infeasible" || solution.status === "Primal infeasible or unbounded") {
    throw new InfeasibleAllocationError(
      `No allocation meets every constraint (total spend ≤ budget ${problem.budget}, each unit between its minimum and maximum); HiGHS reports "${solution.status}"`,
    );
  }
  if (solution.status !== "Optimal") throw new Error(`The solver stopped without an optimal allocation (HiGHS status "${solution.status}")`);
  const tol = 1e-7 * Math.max(1, problem.budget);
  const binding: string[] = [];
  const units = problem.units.map((u, i): UnitAllocation => {
    const raw = solution.primal[built.spendVar[i]] ?? 0;
    const spend = Math.min(Math.max(raw, u.min), u.max);
    if (u.min > 0 && spend <= u.min + tol) binding.push(`minimum spend of ${u.min} for "${u.name}"`);
    if (Number.isFinite(u.max) && spend >= u.max - tol) binding.push(`maximum spend of ${u.max} for "${u.name}"`);
    return { name: u.name, spend, expectedReturn: responseAt(u.curve, spend), marginalReturn: responseSlope(u.curve, spend) };
  });
  const allocated = units.reduce((s, u) => s + u.spend, 0);
  if (allocated >= problem.budget - tol) binding.unshift(`budget: all of ${problem.budget} is spent`);
  // HiGHS reports a maximisation's row duals as d(objective)/d(rhs), so no sign flip is needed.
  const budgetShadowPrice = solution.dual[built.budgetRow] ?? NaN;
  return { status: solution.status, objective: solution.objective, allocated, budgetShadowPrice, units, binding };
}

/** Checks, builds, solves with `solveLp` and reads back an allocation. */
export async function solveAllocation(
  problem: AllocationProblem,
  solveLp: (lp: string) => Promise<LpSolution>,
): Promise<AllocationResult> {
  checkFeasible(problem);
  const built = buildAllocationLp(problem);
  return readAllocation(problem, built, await solveLp(built.lp));
}
