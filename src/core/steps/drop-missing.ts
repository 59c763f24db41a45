/**
 * drop_missing: removes rows with missing values, in every column or only the listed ones;
 * `how: "any"` (default) drops a row with any missing value, `"all"` only one missing everywhere
 * (pandas' dropna(how=..., subset=...)).
 */
import { getColumn, takeRows, type Table } from "../frame/table";
import { readEnum, readStringArray, type Obj } from "../cells/params";
import type { Json } from "../json";
import type { StepResult } from "./types";

/** Options of the drop_missing step. */
export interface DropMissingOptions {
  readonly op: "drop_missing";
  /** Columns to look at; empty means every column. */
  readonly columns: readonly string[];
  readonly how: "any" | "all";
}

/** Validates drop_missing options from JSON. */
export function parseDropMissing(obj: Obj, path: string): DropMissingOptions {
  return { op: "drop_missing", columns: readStringArray(obj, "columns", path), how: readEnum(obj, "how", path, ["any", "all"] as const, "any") };
}

/** Drops the rows with missing values; reports how many went, and per column how many were missing. */
export function dropMissing(table: Table, options: DropMissingOptions): StepResult {
  const columns = options.columns.length ? options.columns.map((c) => getColumn(table, c)) : table.columns;
  const missingCounts: Record<string, Json> = {};
  const counts = new Int32Array(table.nRows);
  for (const column of columns) {
    let n = 0;
    if (column.type === "string") column.values.forEach((v, r) => v === null && (counts[r]++, n++));
    else column.values.forEach((v, r) => Number.isNaN(v) && (counts[r]++, n++));
    missingCounts[column.name] = n;
  }
  const limit = options.how === "any" ? 1 : Math.max(1, columns.length);
  const rows: number[] = [];
  for (let r = 0; r < table.nRows; r++) if (counts[r] < limit) rows.push(r);
  return { table: takeRows(table, rows), fitted: { how: options.how, removed: table.nRows - rows.length, missing: missingCounts } };
}
