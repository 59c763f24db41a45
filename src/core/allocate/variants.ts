import type { LpSolver } from "./solve-options";
import { makeTable, type Column, type Table } from "../frame/table";
import type { AllocationSpec } from "./model";
import type { SpecResult } from "./read";
import { solveSpec } from "./solve";

/** Solves one variant; an infeasible or failed one becomes a status, not an exception. */
export async function trySolve(spec: AllocationSpec, solve: LpSolver): Promise<SpecResult | string> {
  try {
    return await solveSpec(spec, solve);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (e instanceof Error && e.name === "CancelledError") throw e;
    return msg;
  }
}

/** A variant's outcome for the comparison tables. */
export interface VariantOutcome {
  readonly name: string;
  readonly spec: AllocationSpec;
  readonly result: SpecResult | string;
}

const num = (name: string, values: ArrayLike<number>): Column => ({ name, type: "number", values: Float64Array.from(values) });

/**
 * Scenario comparison: one row per variant (the base first) with status, objective, expected
 * return, totals and amounts allocated per resource, and deltas against the base. A failed
 * variant has NaN numbers and its reason in `status`.
 */
export function scenarioTable(base: VariantOutcome, variants: readonly VariantOutcome[]): Table {
  const all = [base, ...variants];
  const res = (v: VariantOutcome) => (typeof v.result === "string" ? undefined : v.result);
  const b = res(base)!;
  const pick = (f: (r: SpecResult) => number) => all.map((v) => (res(v) ? f(res(v)!) : NaN));
  const obj = pick((r) => r.objective);
  const ret = pick((r) => r.expectedReturn);
  const cols: Column[] = [
    { name: "scenario", type: "string", values: all.map((v) => v.name) },
    { name: "status", type: "string", values: all.map((v) => (typeof v.result === "string" ? v.result : v.result.status)) },
    num("objective", obj),
    num("delta_objective", obj.map((o) => o - b.objective)),
    num("delta_pct", obj.map((o) => (b.objective !== 0 ? (100 * (o - b.objective)) / Math.abs(b.objective) : NaN))),
    num("expected_return", ret),
    num("delta_return", ret.map((o) => o - b.expectedReturn)),
  ];
  base.spec.resources.forEach((r, i) => {
    cols.push(num(`total_${r.name}`, all.map((v) => v.spec.resources[i]?.total ?? NaN)));
    cols.push(num(`allocated_${r.name}`, pick((x) => x.allocated[i])));
  });
  return makeTable(cols);
}

/** Per scenario and unit: amount per resource and its change against the base. */
export function scenarioUnitsTable(base: VariantOutcome, variants: readonly VariantOutcome[]): Table {
  const names = base.spec.units;
  const b = base.result as SpecResult;
  const scen: string[] = [];
  const unit: string[] = [];
  const ret: number[] = [];
  const amount = base.spec.resources.map(() => [] as number[]);
  const delta = base.spec.resources.map(() => [] as number[]);
  for (const v of [base, ...variants]) {
    const r = typeof v.result === "string" ? undefined : v.result;
    names.forEach((n, u) => {
      scen.push(v.name);
      unit.push(n);
      ret.push(r ? r.unitReturn[u] : NaN);
      base.spec.resources.forEach((_, k) => {
        const a = r ? r.amounts[k][u] : NaN;
        amount[k].push(a);
        delta[k].push(a - b.amounts[k][u]);
      });
    });
  }
  const cols: Column[] = [
    { name: "scenario", type: "string", values: scen },
    { name: "unit", type: "string", values: unit },
  ];
  base.spec.resources.forEach((r, k) => cols.push(num(r.name, amount[k]), num(`delta_${r.name}`, delta[k])));
  cols.push(num("expected_return", ret));
  return makeTable(cols);
}

/** Sweep rows: multiplier, total, objective, expected return, the total's shadow price, status. */
export function sweepTable(rows: readonly { multiplier: number; total: number; result: SpecResult | string }[], resource: number): Table {
  const ok = (r: SpecResult | string) => (typeof r === "string" ? undefined : r);
  return makeTable([
    num("multiplier", rows.map((r) => r.multiplier)),
    num("total", rows.map((r) => r.total)),
    num("objective", rows.map((r) => ok(r.result)?.objective ?? NaN)),
    num("expected_return", rows.map((r) => ok(r.result)?.expectedReturn ?? NaN)),
    num("allocated", rows.map((r) => ok(r.result)?.allocated[resource] ?? NaN)),
    num("shadow_price", rows.map((r) => ok(r.result)?.totalShadowPrice[resource] ?? NaN)),
    { name: "status", type: "string", values: rows.map((r) => (typeof r.result === "string" ? r.result : r.result.status)) },
  ]);
}

/** `points` evenly spaced multipliers from `from` to `to`. */
export function sweepMultipliers(from: number, to: number, points: number): number[] {
  return Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1));
}

/** The spec with resource `r`'s total scaled by `m`. */
export function scaleTotal(spec: AllocationSpec, r: number, m: number): AllocationSpec {
  return { ...spec, resources: spec.resources.map((res, i) => (i === r ? { ...res, total: res.total * m } : res)) };
}
