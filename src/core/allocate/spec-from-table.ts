import { getColumn, getNumeric, type Table } from "../frame/table";
import { filterRows } from "../forecast/row-filter";
import { fitResponse, type ResponseFit } from "./fit-response";
import type { AllocationSpec, GroupLimit, RatioLimit, ResourceSpec } from "./model";
import type { AllocateProblemParams, ResourceParam } from "./params";
import type { Amount } from "./params-response";
import { scaleCurve, scaleFromHalfSaturation, type ResponseCurve } from "./response";

/** A fitted curve, labelled with where it applies. */
export interface LabelledFit extends ResponseFit {
  readonly unit: string;
  readonly resource: string;
}

/** The spec of a table, with what the user should see beside it. */
export interface TableSpec {
  readonly spec: AllocationSpec;
  /** Summed `value` per unit, when a value column is given. */
  readonly base?: Float64Array;
  readonly fits: readonly LabelledFit[];
  readonly warnings: readonly string[];
}

/**
 * Turns parameters and the upstream table into an {@link AllocationSpec}: units from the unit
 * column (or `unitColumns`), per-unit numbers from columns (their mean over the unit's rows) or
 * maps, curves fitted where asked, group and ratio names resolved to unit indices. Missing or
 * non-numeric cells in any column used throw a message naming the column.
 */
export function specFromTable(table: Table, p: AllocateProblemParams, multiplier: number | Readonly<Record<string, number>> = 1): TableSpec {
  const rows = filterRows(table, p.filter);
  if (rows.length === 0) {
    const why = p.filter ? ` after keeping ${p.filter.column} = ${p.filter.equals}` : "";
    throw new Error(`No rows to allocate over${why}`);
  }
  const numeric = (name: string) => {
    const v = getNumeric(table, name).values;
    const bad = rows.filter((r) => Number.isNaN(v[r]));
    if (bad.length) throw new Error(`Column "${name}" is missing on ${bad.length} of the rows used (first at row ${bad[0]}); fill or filter them first`);
    return v;
  };
  const value = p.value ? numeric(p.value) : undefined;
  let names: string[];
  let unitRows: number[][];
  if (p.unitColumns) {
    names = [...p.unitColumns];
    unitRows = names.map(() => rows);
  } else {
    const unitCol = getColumn(table, p.unit!);
    const index = new Map<string, number>();
    unitRows = [];
    for (const row of rows) {
      const raw = unitCol.values[row];
      const name = raw === null || (typeof raw === "number" && Number.isNaN(raw)) ? "(missing)" : String(raw);
      let i = index.get(name);
      if (i === undefined) index.set(name, (i = unitRows.push([]) - 1));
      unitRows[i].push(row);
    }
    names = [...index.keys()];
  }
  const base = value ? Float64Array.from(unitRows, (rs) => rs.reduce((s, r) => s + value[r], 0)) : undefined;
  const perUnit = (a: Amount, fallback: number, what: string): number[] => {
    if (typeof a === "number") return names.map(() => a);
    if (typeof a === "string") {
      const v = numeric(a);
      // Summed then divided: the mean over each unit's rows, as the original linear-rate column did.
      return unitRows.map((rs) => rs.reduce((s, r) => s + v[r], 0) / rs.length);
    }
    for (const k of Object.keys(a)) if (!names.includes(k)) throw new Error(`${what} names "${k}", which is not a unit (units: ${names.slice(0, 8).join(", ")})`);
    return names.map((n) => a[n] ?? fallback);
  };
  const mult = names.map((n) => (typeof multiplier === "number" ? multiplier : (multiplier[n] ?? 1)));
  const fits: LabelledFit[] = [];
  const warnings: string[] = [];
  const resources = p.resources.map((rp): ResourceSpec => {
    const curves = curvesFor(rp, p, names, unitRows, base, perUnit, numeric, fits, warnings).map((c, u) => scaleCurve(c, mult[u]));
    const min = perUnit(rp.min, 0, `The minimum of ${rp.name}`);
    const max = rp.max === undefined ? names.map(() => Infinity) : perUnit(rp.max, Infinity, `The maximum of ${rp.name}`);
    return { name: rp.name, word: rp.column === "spend" || rp.name === "budget" ? "spend" : rp.name, total: rp.total, integer: rp.integer, cost: rp.cost, min, max, curves };
  });
  const resIndex = (n: string) => p.resources.findIndex((r) => r.name === n);
  const unitIndex = (n: string, what: string) => {
    const i = names.indexOf(n);
    if (i < 0) throw new Error(`${what} names "${n}", which is not a unit (units: ${names.slice(0, 8).join(", ")})`);
    return i;
  };
  const groups: GroupLimit[] = p.groups.flatMap((g) => {
    const limits = { resource: resIndex(g.resource), ...(g.maxShare !== undefined ? { maxShare: g.maxShare } : {}), ...(g.minShare !== undefined ? { minShare: g.minShare } : {}) };
    if (g.units) return [{ ...limits, name: g.name ?? "group", units: g.units.map((n) => unitIndex(n, "A group")) }];
    const col = getColumn(table, g.column!);
    const members = new Map<string, number[]>();
    unitRows.forEach((rs, u) => {
      const vals = new Set(rs.map((r) => String(col.values[r])));
      if (vals.size > 1) throw new Error(`Unit "${names[u]}" has more than one value in group column "${g.column}" (${[...vals].slice(0, 3).join(", ")})`);
      const key = [...vals][0];
      members.set(key, [...(members.get(key) ?? []), u]);
    });
    return [...members].map(([key, units]) => ({ ...limits, name: `${g.column} "${key}"`, units }));
  });
  const ratios: RatioLimit[] = p.ratios.map((q) => ({ resource: resIndex(q.resource), unit: unitIndex(q.unit, "A ratio"), to: unitIndex(q.to, "A ratio"), ...(q.atMost !== undefined ? { atMost: q.atMost } : {}), ...(q.atLeast !== undefined ? { atLeast: q.atLeast } : {}) }));
  const coverage = p.coverage ? { resource: resIndex(p.coverage.resource), atLeast: p.coverage.atLeast, minAmount: p.coverage.minAmount } : undefined;
  const spec: AllocationSpec = { units: names, resources, groups, ratios, ...(coverage ? { coverage } : {}), objective: p.objective, segments: p.segments };
  return { spec, ...(base ? { base } : {}), fits, warnings };
}

function curvesFor(
  rp: ResourceParam,
  p: AllocateProblemParams,
  names: string[],
  unitRows: number[][],
  base: Float64Array | undefined,
  perUnit: (a: Amount, fallback: number, what: string) => number[],
  numeric: (name: string) => Float64Array,
  fits: LabelledFit[],
  warnings: string[],
): ResponseCurve[] {
  const r = rp.response;
  if (r.type === "linear") return perUnit(r.rate, 0, `The rate of ${rp.name}`).map((rate) => ({ type: "linear", rate }));
  if (r.type === "fitted") {
    const y = numeric(r.outcome);
    return names.map((unit, u) => {
      const x = numeric(r.spend ?? unit);
      const rs = unitRows[u];
      const fit = fitResponse(rs.map((i) => x[i]), rs.map((i) => y[i]), r.form);
      fits.push({ ...fit, unit, resource: rp.name });
      if (fit.a < 0) warnings.push(`The fitted ${r.form} curve for "${unit}" falls with spend (a = ${fit.a.toPrecision(4)}); it is treated as returning nothing`);
      else if (fit.bAtBound) warnings.push(`"${unit}" shows no diminishing returns in its data: its fitted curve is effectively a straight line of slope ${(fit.a / fit.b).toPrecision(4)}`);
      return { type: r.form, a: Math.max(0, fit.a), b: fit.b };
    });
  }
  if ("a" in r) {
    const a = perUnit(r.a, 0, `The response a of ${rp.name}`);
    const b = perUnit(r.b, 1, `The response b of ${rp.name}`);
    return names.map((unit, u) => {
      if (!(b[u] > 0) || !(a[u] >= 0)) throw new Error(`The response of "${unit}" needs a ≥ 0 and b > 0; got a = ${a[u]}, b = ${b[u]}`);
      return { type: r.type, a: a[u], b: b[u] };
    });
  }
  const scale = scaleFromHalfSaturation(r.halfSaturation ?? rp.total / names.length);
  return names.map((name, u) => {
    // A unit with no (or negative) base value has nothing to lift; spend there returns 0.
    if (!(base![u] > 0)) warnings.push(`Unit "${name}" has ${p.value} ${base![u]} ≤ 0, so spend there is assumed to return nothing`);
    return { type: "saturating", a: Math.max(0, r.liftShare * base![u]), b: scale };
  });
}
