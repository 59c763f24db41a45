import type { LpSolution } from "../cells/types";
import type { BuiltSpec } from "./build";
import { pct, type AllocationSpec } from "./model";
import { responseAt, responseSlope } from "./response";

/** One shadow price: what loosening a constraint by one unit is worth to the objective. */
export interface ShadowPrice {
  /** Which constraint, e.g. "total budget", "group East (max 40%)". */
  readonly constraint: string;
  /** d(objective)/d(right-hand side) as HiGHS reports it. */
  readonly value: number;
  /** The same in a sentence. */
  readonly text: string;
}

/** A solved allocation spec, in unit terms. */
export interface SpecResult {
  readonly status: string;
  readonly isMip: boolean;
  /** The LP objective (piecewise-linear return, less cost for profit; cost for minCost). */
  readonly objective: number;
  /** amounts[resource][unit]. */
  readonly amounts: readonly Float64Array[];
  /** Expected return per unit on the true curves (summed over resources). */
  readonly unitReturn: Float64Array;
  /** marginal[resource][unit]: the true curve's slope at the amount. */
  readonly marginal: readonly Float64Array[];
  readonly expectedReturn: number;
  /** Σ over resources of cost × allocated. */
  readonly cost: number;
  /** Per resource. */
  readonly allocated: readonly number[];
  readonly binding: readonly string[];
  /** LP only; empty for a MILP (see `dualsNote`). */
  readonly shadowPrices: readonly ShadowPrice[];
  /** Per resource, the total's shadow price (NaN for a MILP). */
  readonly totalShadowPrice: readonly number[];
  readonly dualsNote?: string;
}

const MIP_NOTE =
  "Shadow prices are not defined here: the problem has whole-number amounts or an on/off coverage rule (a MILP), so the best objective moves in steps as a total changes, not smoothly, and no dual exists. Compare scenarios or the budget sweep instead.";

/** Reads an Optimal solution back into unit terms, with binding constraints and shadow prices in words. */
export function readSpecSolution(spec: AllocationSpec, built: BuiltSpec, sol: LpSolution): SpecResult {
  const nU = spec.units.length;
  const binding: string[] = [];
  const unitReturn = new Float64Array(nU);
  const allocated: number[] = [];
  let cost = 0;
  const amounts = spec.resources.map((res, r) => {
    const a = new Float64Array(nU);
    for (let u = 0; u < nU; u++) {
      const raw = sol.primal[built.xVar[r][u]] ?? 0;
      a[u] = Math.min(Math.max(res.integer ? Math.round(raw) : raw, res.min[u]), res.max[u]);
      unitReturn[u] += responseAt(res.curves[u], a[u]);
    }
    const sum = a.reduce((s, v) => s + v, 0);
    allocated.push(sum);
    cost += res.cost * sum;
    return a;
  });
  const marginal = spec.resources.map((res, r) => Float64Array.from(amounts[r], (x, u) => responseSlope(res.curves[u], x)));
  // Binding: totals first, then per-unit limits, then the other rules (as the old cell did).
  spec.resources.forEach((res, r) => {
    const tol = 1e-7 * Math.max(1, res.total);
    if (allocated[r] >= res.total - tol) binding.push(`${res.name}: all of ${res.total} is ${res.word === "spend" ? "spent" : "allocated"}`);
  });
  spec.resources.forEach((res, r) => {
    const tol = 1e-7 * Math.max(1, res.total);
    for (let u = 0; u < nU; u++) {
      if (res.min[u] > 0 && amounts[r][u] <= res.min[u] + tol) binding.push(`minimum ${res.word} of ${res.min[u]} for "${spec.units[u]}"`);
      if (Number.isFinite(res.max[u]) && amounts[r][u] >= res.max[u] - tol) binding.push(`maximum ${res.word} of ${res.max[u]} for "${spec.units[u]}"`);
    }
  });
  const activity = (name: string) => {
    const row = built.model.rows.find((x) => x.name === name);
    return row ? row.terms.reduce((s, [v, c]) => s + c * (sol.primal[v] ?? 0), 0) - row.rhs : NaN;
  };
  const tight = (name: string, scale: number) => Math.abs(activity(name)) <= 1e-7 * Math.max(1, scale);
  spec.groups.forEach((g, i) => {
    const res = spec.resources[g.resource];
    if (g.maxShare !== undefined && tight(`g${i}x`, res.total)) binding.push(`at most ${pct(g.maxShare)} of ${res.name} to ${g.name}`);
    if (g.minShare !== undefined && tight(`g${i}n`, res.total)) binding.push(`at least ${pct(g.minShare)} of ${res.name} to ${g.name}`);
  });
  spec.ratios.forEach((q, i) => {
    const res = spec.resources[q.resource];
    const [a, b] = [spec.units[q.unit], spec.units[q.to]];
    if (q.atMost !== undefined && tight(`q${i}x`, res.total)) binding.push(`${res.word} on "${a}" at most ${q.atMost}× that on "${b}"`);
    if (q.atLeast !== undefined && tight(`q${i}n`, res.total)) binding.push(`${res.word} on "${a}" at least ${q.atLeast}× that on "${b}"`);
  });
  if (spec.coverage) {
    const c = spec.coverage;
    const funded = amounts[c.resource].filter((x) => x >= c.minAmount - 1e-9 * Math.max(1, c.minAmount)).length;
    if (funded <= c.atLeast) binding.push(`coverage: ${funded} units funded, the fewest allowed`);
  }
  const expectedReturn = unitReturn.reduce((s, v) => s + v, 0);
  if (spec.objective.type === "minCost" && tight("tgt", spec.objective.target)) binding.push(`target return of ${spec.objective.target} is met exactly`);
  const base = { status: sol.status, isMip: built.isMip, objective: sol.objective, amounts, unitReturn, marginal, expectedReturn, cost, allocated, binding };
  if (built.isMip) return { ...base, shadowPrices: [], totalShadowPrice: spec.resources.map(() => NaN), dualsNote: MIP_NOTE };
  return { ...base, ...shadowPrices(spec, built, sol) };
}

function shadowPrices(spec: AllocationSpec, built: BuiltSpec, sol: LpSolution): { shadowPrices: ShadowPrice[]; totalShadowPrice: number[] } {
  const out: ShadowPrice[] = [];
  const what = spec.objective.type === "minCost" ? "the cost" : spec.objective.type === "profit" ? "profit" : "expected return";
  const worth = (v: number) => (spec.objective.type === "minCost" ? `would change the cost by ${fmt(v)}` : `is worth ${fmt(v)} of ${what}`);
  const totalShadowPrice = spec.resources.map((res, r) => {
    const v = sol.dual[`t${r}`] ?? NaN;
    out.push({ constraint: `total ${res.name}`, value: v, text: `One more unit of ${res.name} ${worth(v)}` });
    return v;
  });
  spec.groups.forEach((g, i) => {
    const res = spec.resources[g.resource];
    for (const [suffix, share, dir] of [["x", g.maxShare, "max"], ["n", g.minShare, "min"]] as const) {
      const v = sol.dual[`g${i}${suffix}`];
      if (share === undefined || v === undefined) continue;
      out.push({ constraint: `${g.name} (${dir} ${pct(share)} of ${res.name})`, value: v, text: `Moving the ${dir}imum share of ${res.name} for ${g.name} by one unit of ${res.word} ${worth(v)}` });
    }
  });
  spec.ratios.forEach((q, i) => {
    for (const suffix of ["x", "n"] as const) {
      const v = sol.dual[`q${i}${suffix}`];
      if (v === undefined) continue;
      const label = `ratio "${spec.units[q.unit]}" ${suffix === "x" ? "≤" : "≥"} ${suffix === "x" ? q.atMost : q.atLeast}× "${spec.units[q.to]}"`;
      out.push({ constraint: label, value: v, text: `Shifting the ${label} by one unit ${worth(v)}` });
    }
  });
  if (spec.objective.type === "minCost" && sol.dual.tgt !== undefined) {
    out.push({ constraint: "target return", value: sol.dual.tgt, text: `Raising the target return by one would change the cost by ${fmt(sol.dual.tgt)}` });
  }
  return { shadowPrices: out, totalShadowPrice };
}

function fmt(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(4))) : "undefined";
}
