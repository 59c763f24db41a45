/**
 * aggregate: group-by with several aggregations at once, like pandas'
 * `df.groupby(by).agg(...)`: one output row per distinct key combination, sorted by the keys
 * (missing keys form their own group, sorted last, where pandas would drop them), and one
 * column per aggregation named `<column>_<fn>` (or `as`). Missing values are skipped: sum of
 * nothing is 0, mean of nothing is missing; first/last are the first/last non-missing values.
 */
import { getColumn, makeTable, takeRows, type Column, type Table } from "../frame/table";
import { asObject, readEnum, readOptionalString, readStringArray, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import { keyOf, StepError, type StepResult } from "./types";

/** Aggregation functions. */
export const AGG_FUNCTIONS = ["sum", "mean", "median", "count", "distinct", "min", "max", "first", "last"] as const;
type AggFn = (typeof AGG_FUNCTIONS)[number];

/** One aggregation: `fn` of `column` (count may omit the column: rows per group). */
export interface Aggregation {
  readonly fn: AggFn;
  readonly column?: string;
  readonly as: string;
}

/** Options of the aggregate step. */
export interface AggregateOptions {
  readonly op: "aggregate";
  readonly by: readonly string[];
  readonly aggregations: readonly Aggregation[];
}

/** Validates aggregate options from JSON. */
export function parseAggregate(obj: Obj, path: string): AggregateOptions {
  const by = readStringArray(obj, "by", path);
  const list = obj.aggregations;
  if (!Array.isArray(list) || list.length === 0) throw new ParamError(`${path}.aggregations`, 'list at least one, e.g. [{"column": "amount", "fn": "sum"}]');
  const names = new Set(by);
  const aggregations = list.map((raw, i): Aggregation => {
    const p = `${path}.aggregations[${i}]`;
    const a = asObject(raw, p);
    const fn = readEnum(a, "fn", p, AGG_FUNCTIONS);
    const column = readOptionalString(a, "column", p);
    if (!column && fn !== "count") throw new ParamError(`${p}.column`, `"${fn}" needs a column`);
    const as = readOptionalString(a, "as", p) ?? (column ? `${column}_${fn}` : "count");
    if (names.has(as)) throw new ParamError(`${p}.as`, `output column "${as}" appears twice; name it with "as"`);
    names.add(as);
    return { fn, column, as };
  });
  return { op: "aggregate", by, aggregations };
}

/** Compares two rows of a key column: numbers by value, text by code unit, missing last. */
function compareKey(column: Column, a: number, b: number): number {
  const x = column.values[a], y = column.values[b];
  const mx = x === null || (typeof x === "number" && Number.isNaN(x)), my = y === null || (typeof y === "number" && Number.isNaN(y));
  if (mx || my) return Number(mx) - Number(my);
  return x! < y! ? -1 : x! > y! ? 1 : 0;
}

function aggregateColumn(source: Column | undefined, agg: Aggregation, gid: Int32Array, nGroups: number): Column {
  const out = new Float64Array(nGroups);
  if (!source) {
    for (const g of gid) out[g]++;
    return { name: agg.as, type: "number", values: out };
  }
  const present = (r: number) => (source.type === "string" ? source.values[r] !== null : !Number.isNaN(source.values[r]));
  if (agg.fn === "count" || agg.fn === "distinct") {
    const seen = agg.fn === "distinct" ? Array.from({ length: nGroups }, () => new Set<unknown>()) : undefined;
    gid.forEach((g, r) => present(r) && (seen ? seen[g].add(source.values[r]) : out[g]++));
    if (seen) seen.forEach((s, g) => (out[g] = s.size));
    return { name: agg.as, type: "number", values: out };
  }
  if (agg.fn === "first" || agg.fn === "last" || agg.fn === "min" || agg.fn === "max") {
    const pick = new Int32Array(nGroups).fill(-1);
    const better = (r: number, cur: number): boolean => {
      if (cur < 0 || agg.fn === "last") return true;
      if (agg.fn === "first") return false;
      const c = compareKey(source, r, cur);
      return agg.fn === "min" ? c < 0 : c > 0;
    };
    gid.forEach((g, r) => present(r) && better(r, pick[g]) && (pick[g] = r));
    const taken = takeRows(makeTable([source]), Array.from(pick, (r) => (r < 0 ? 0 : r))).columns[0];
    // Groups with no value at all: blank out what row 0 filled in.
    const values = taken.type === "string" ? taken.values.map((v, g) => (pick[g] < 0 ? null : v)) : taken.values.map((v, g) => (pick[g] < 0 ? NaN : v));
    return { ...taken, name: agg.as, values } as Column;
  }
  if (source.type === "string" || source.type === "date") throw new StepError(`"${agg.fn}" needs numbers; column "${source.name}" holds ${source.type === "string" ? "text" : "dates"}`);
  const v = source.values;
  if (agg.fn === "median") {
    const buckets: number[][] = Array.from({ length: nGroups }, () => []);
    gid.forEach((g, r) => !Number.isNaN(v[r]) && buckets[g].push(v[r]));
    buckets.forEach((b, g) => {
      b.sort((x, y) => x - y);
      const m = b.length >> 1;
      out[g] = b.length === 0 ? NaN : b.length % 2 ? b[m] : (b[m - 1] + b[m]) / 2;
    });
    return { name: agg.as, type: "number", values: out };
  }
  const counts = new Float64Array(nGroups);
  gid.forEach((g, r) => !Number.isNaN(v[r]) && ((out[g] += v[r]), counts[g]++));
  if (agg.fn === "mean") out.forEach((s, g) => (out[g] = counts[g] ? s / counts[g] : NaN));
  return { name: agg.as, type: "number", values: out };
}

/** Groups by `options.by` and computes the aggregations; one row per group, sorted by the keys. */
export function aggregate(table: Table, options: AggregateOptions): StepResult {
  const keys = options.by.map((c) => getColumn(table, c));
  const sources = options.aggregations.map((a) => (a.column ? getColumn(table, a.column) : undefined));
  const index = new Map<string, number>();
  const firstRow: number[] = [];
  const rawGid = new Int32Array(table.nRows);
  for (let r = 0; r < table.nRows; r++) {
    // \u0001 cannot appear in a number key and separates text keys unambiguously enough with the length prefix.
    const key = keys.map((c) => { const k = keyOf(c, r); return k === null ? "\u0000" : `${k.length}:${k}`; }).join("\u0001");
    let g = index.get(key);
    if (g === undefined) index.set(key, (g = firstRow.push(r) - 1));
    rawGid[r] = g;
  }
  const order = firstRow.map((_, g) => g).sort((a, b) => {
    for (const c of keys) {
      const d = compareKey(c, firstRow[a], firstRow[b]);
      if (d) return d;
    }
    return 0;
  });
  const rank = new Int32Array(order.length);
  order.forEach((g, k) => (rank[g] = k));
  const gid = rawGid.map((g) => rank[g]);
  const keyTable = takeRows(makeTable(keys), order.map((g) => firstRow[g]));
  const columns = [...keyTable.columns, ...options.aggregations.map((a, i) => aggregateColumn(sources[i], a, gid, order.length))];
  return { table: makeTable(columns), fitted: { groups: order.length, by: [...options.by], columns: options.aggregations.map((a) => a.as) } };
}
