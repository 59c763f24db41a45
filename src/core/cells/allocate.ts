import type { Json, JsonObject } from "../json";
import { getColumn, getNumeric, makeTable, type Table } from "../frame/table";
import { scaleFromHalfSaturation, solveAllocation, type AllocationUnit, type ResponseCurve } from "../allocate";
import { filterRows, readRowFilter, type RowFilter } from "../forecast/row-filter";
import { asObject, readEnum, readNumber, readString, type Obj } from "./params";
import { ParamError, throwIfCancelled, type CellKind, type CellOutput } from "./types";

/**
 * How spend turns into extra return on a unit.
 * - `saturating`: a·(1 − e^(−x/b)) with a = liftShare × the unit's aggregated value (the most
 *   extra revenue spend can buy there), and b set by `halfSaturation`, the spend at which half of
 *   that lift is reached (b = halfSaturation / ln 2); default budget / number of units, i.e. an
 *   even split buys half of every unit's lift.
 * - `linear`: rate × spend, `rate` a number, or a column name whose mean per unit is its rate.
 */
export type AllocateResponse =
  | { readonly type: "saturating"; readonly liftShare: number; readonly halfSaturation?: number }
  | { readonly type: "linear"; readonly rate: number | string };

/** Parameters of an allocate cell. */
export interface AllocateParams {
  /** Column whose distinct values are the units (regions, channels, ...). */
  readonly unit: string;
  /** Numeric column summed per unit: the unit's base value (e.g. forecast revenue). */
  readonly value: string;
  readonly filter?: RowFilter;
  /** Total spend to split; > 0. */
  readonly budget: number;
  /** Minimum spend per unit (default 0). */
  readonly min: number;
  /** Maximum spend per unit (default none). */
  readonly max?: number;
  readonly response: AllocateResponse;
  /** Piecewise-linear segments per saturating curve (default 20). */
  readonly segments: number;
}

/**
 * Allocate cell: splits a budget over the units of the upstream table to maximise expected
 * extra return, as an LP solved by HiGHS. Output: one row per unit with its spend, expected
 * return and marginal return; the summary has the budget's shadow price and binding constraints.
 */
export const allocateCell: CellKind<AllocateParams> = {
  id: "allocate",
  title: "Allocate budget",
  inputs: ["data"],
  parse(raw: unknown): AllocateParams {
    const o = asObject(raw ?? {}, "params");
    const budget = readNumber(o, "budget", "params");
    if (!(budget > 0)) throw new ParamError("params.budget", "must be a number greater than 0");
    const min = readNumber(o, "min", "params", { fallback: 0, min: 0 });
    const max = o.max === undefined || o.max === null ? undefined : readNumber(o, "max", "params", { min: 0 });
    if (max !== undefined && min > max) throw new ParamError("params.min", `(${min}) is above params.max (${max})`);
    const filter = readRowFilter(o, "filter", "params");
    return {
      unit: readString(o, "unit", "params"),
      value: readString(o, "value", "params"),
      ...(filter ? { filter } : {}),
      budget,
      min,
      ...(max !== undefined ? { max } : {}),
      response: parseResponse(o.response),
      segments: readNumber(o, "segments", "params", { fallback: 20, min: 1, max: 500, integer: true }),
    };
  },
  async run(inputs, params, ctx): Promise<CellOutput> {
    const data = inputs.data;
    if (!data) throw new Error('The allocate cell needs its "data" input connected');
    const { names, base, rate } = aggregate(data.table, params);
    const warnings: Json[] = [];
    const r = params.response;
    const units: AllocationUnit[] = names.map((name, i) => {
      let curve: ResponseCurve;
      if (r.type === "linear") curve = { type: "linear", rate: rate[i] };
      else {
        // A unit with no (or negative) base value has nothing to lift; spend there returns 0.
        if (!(base[i] > 0)) warnings.push(`Unit "${name}" has ${params.value} ${base[i]} ≤ 0, so spend there is assumed to return nothing`);
        const b = scaleFromHalfSaturation(r.halfSaturation ?? params.budget / names.length);
        curve = { type: "saturating", a: Math.max(0, r.liftShare * base[i]), b };
      }
      return { name, min: params.min, max: params.max ?? Infinity, curve };
    });
    throwIfCancelled(ctx.signal);
    ctx.progress(0.1, "Solving");
    const result = await solveAllocation({ units, budget: params.budget, segments: params.segments }, (lp) =>
      ctx.solveLp(lp, { output_flag: false }),
    );
    throwIfCancelled(ctx.signal);
    ctx.progress(1);
    const table = makeTable([
      { name: "unit", type: "string", values: names },
      { name: "base_value", type: "number", values: base },
      { name: "spend", type: "number", values: Float64Array.from(result.units, (u) => u.spend) },
      { name: "expected_return", type: "number", values: Float64Array.from(result.units, (u) => u.expectedReturn) },
      { name: "marginal_return", type: "number", values: Float64Array.from(result.units, (u) => u.marginalReturn) },
    ]);
    const summary: JsonObject = {
      status: result.status,
      units: names.length,
      budget: params.budget,
      allocated: result.allocated,
      objective: result.objective,
      expectedReturn: result.units.reduce((s, u) => s + u.expectedReturn, 0),
      shadowPrice: { budget: Number.isFinite(result.budgetShadowPrice) ? result.budgetShadowPrice : null },
      binding: [...result.binding],
      warnings,
    };
    return { table, summary };
  },
};

function parseResponse(raw: unknown): AllocateResponse {
  const o: Obj = asObject(raw, "params.response");
  const type = readEnum(o, "type", "params.response", ["saturating", "linear"] as const);
  if (type === "linear") {
    if (typeof o.rate === "string" && o.rate.length > 0) return { type, rate: o.rate };
    return { type, rate: readNumber(o, "rate", "params.response", { min: 0 }) };
  }
  const liftShare = readNumber(o, "liftShare", "params.response", { min: 0 });
  if (o.halfSaturation === undefined || o.halfSaturation === null) return { type, liftShare };
  const halfSaturation = readNumber(o, "halfSaturation", "params.response");
  if (!(halfSaturation > 0)) throw new ParamError("params.response.halfSaturation", "must be a spend greater than 0");
  return { type, liftShare, halfSaturation };
}

/** Units in order of first appearance, their summed value, and (linear by column) their mean rate. */
function aggregate(table: Table, params: AllocateParams): { names: string[]; base: Float64Array; rate: Float64Array } {
  const rows = filterRows(table, params.filter);
  const unitCol = getColumn(table, params.unit);
  const value = getNumeric(table, params.value).values;
  const r = params.response;
  const rateCol = r.type === "linear" && typeof r.rate === "string" ? getNumeric(table, r.rate).values : undefined;
  const index = new Map<string, number>();
  const sums: number[] = [];
  const rateSums: number[] = [];
  const rateCounts: number[] = [];
  const missing: number[] = [];
  for (const row of rows) {
    const v = value[row];
    if (Number.isNaN(v) || (rateCol && Number.isNaN(rateCol[row]))) {
      missing.push(row);
      continue;
    }
    const raw = unitCol.values[row];
    const name = raw === null || (typeof raw === "number" && Number.isNaN(raw)) ? "(missing)" : String(raw);
    let i = index.get(name);
    if (i === undefined) {
      index.set(name, (i = sums.length));
      sums.push(0);
      rateSums.push(0);
      rateCounts.push(0);
    }
    sums[i] += v;
    if (rateCol) {
      rateSums[i] += rateCol[row];
      rateCounts[i]++;
    }
  }
  if (missing.length) {
    const cols = rateCol ? `"${params.value}" or "${r.type === "linear" ? r.rate : ""}"` : `"${params.value}"`;
    throw new Error(`Column ${cols} is missing on ${missing.length} of the rows used (first at row ${missing[0]}); fill or filter them first`);
  }
  if (sums.length === 0) {
    const why = params.filter ? ` after keeping ${params.filter.column} = ${params.filter.equals}` : "";
    throw new Error(`No rows to allocate over${why}`);
  }
  const rate = r.type === "linear" && typeof r.rate === "number" ? sums.map(() => r.rate as number) : rateSums.map((s, i) => s / rateCounts[i]);
  return { names: [...index.keys()], base: Float64Array.from(sums), rate: Float64Array.from(rate) };
}
