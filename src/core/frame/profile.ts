/**
 * A per-column profile of a table: types, missing and distinct counts, numeric ranges, top text
 * values, and warnings an analyst should see before modelling (constant, mostly missing, id-like).
 */
import { makeTable, type Column, type ColumnType, type Table } from "./table";
import type { CsvReport } from "./csv";

/** Distinct values are counted up to this many; beyond it `distinct` is a lower bound. */
export const DISTINCT_CAP = 10_000;

/** One column's profile. min/max/mean are null for text columns and for all-missing columns. */
export interface ColumnProfile {
  readonly name: string;
  readonly type: ColumnType;
  readonly missing: number;
  /** Values read as missing because they did not fit the type (from the CSV report). */
  readonly invalid: number;
  /** Distinct non-missing values, capped at DISTINCT_CAP (see `distinctCapped`). */
  readonly distinct: number;
  readonly distinctCapped: boolean;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Most frequent text values, most frequent first (text columns only; at most 5). */
  readonly top: readonly { readonly value: string; readonly count: number }[];
}

/** The profile of a table. */
export interface TableProfile {
  readonly rows: number;
  readonly columns: readonly ColumnProfile[];
  readonly warnings: readonly string[];
}

function profileColumn(column: Column, invalid: number): ColumnProfile {
  const n = column.values.length;
  let missing = 0;
  const counts = new Map<string | number, number>();
  let capped = false;
  let min = Infinity, max = -Infinity, sum = 0;
  for (let i = 0; i < n; i++) {
    const v = column.values[i];
    if (v === null || (typeof v === "number" && Number.isNaN(v))) {
      missing++;
      continue;
    }
    if (typeof v === "number") {
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    const seen = counts.get(v);
    if (seen !== undefined) counts.set(v, seen + 1);
    else if (counts.size < DISTINCT_CAP) counts.set(v, 1);
    else capped = true;
  }
  const present = n - missing;
  const numeric = column.type !== "string" && present > 0;
  const top =
    column.type === "string"
      ? [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5).map(([value, count]) => ({ value: String(value), count }))
      : [];
  return {
    name: column.name,
    type: column.type,
    missing,
    invalid,
    distinct: counts.size,
    distinctCapped: capped,
    min: numeric ? min : null,
    max: numeric ? max : null,
    mean: numeric ? sum / present : null,
    top,
  };
}

function isIdLike(column: Column, p: ColumnProfile, rows: number): boolean {
  const present = rows - p.missing;
  if (present < 20 || p.distinct < present || p.distinctCapped) return false;
  // Every value unique: an identifier for text; for numbers only integers named like an id,
  // since a continuous measure (amounts) is often all-distinct too.
  if (column.type === "string") return true;
  return column.type === "number" && /(^|_|\b)id$|ID$|Id$/.test(column.name) && Number.isInteger(p.min) && Number.isInteger(p.max);
}

/**
 * Profiles every column. Pass the CSV report to include invalid counts and parse warnings
 * (e.g. a header-only file).
 */
export function profileTable(table: Table, report?: CsvReport): TableProfile {
  const columns = table.columns.map((c) => profileColumn(c, report?.invalid[c.name] ?? 0));
  const warnings: string[] = [...(report?.warnings ?? [])];
  table.columns.forEach((column, i) => {
    const p = columns[i];
    const name = `column "${p.name}"`;
    if (table.nRows === 0) return;
    if (p.missing === table.nRows) warnings.push(`${name} is entirely missing`);
    else if (p.distinct === 1) warnings.push(`${name} is constant (every value is the same); it carries no information`);
    if (p.missing > 0.5 * table.nRows && p.missing < table.nRows) {
      warnings.push(`${name} is mostly missing (${((100 * p.missing) / table.nRows).toFixed(1)}% of rows)`);
    }
    if (isIdLike(column, p, table.nRows)) warnings.push(`${name} looks like an id (every value is different); leave it out of models`);
  });
  return { rows: table.nRows, columns, warnings };
}

/** The profile as a table with one row per column: column, type, missing, invalid, distinct, min, max, mean. */
export function profileAsTable(profile: TableProfile): Table {
  const cols = profile.columns;
  const num = (pick: (p: ColumnProfile) => number | null) => Float64Array.from(cols, (p) => pick(p) ?? NaN);
  return makeTable([
    { name: "column", type: "string", values: cols.map((p) => p.name) },
    { name: "type", type: "string", values: cols.map((p) => p.type) },
    { name: "missing", type: "number", values: num((p) => p.missing) },
    { name: "invalid", type: "number", values: num((p) => p.invalid) },
    { name: "distinct", type: "number", values: num((p) => p.distinct) },
    { name: "min", type: "number", values: num((p) => p.min) },
    { name: "max", type: "number", values: num((p) => p.max) },
    { name: "mean", type: "number", values: num((p) => p.mean) },
  ]);
}
