/**
 * log1p: replaces each listed column x by ln(1 + x), which tames right-skewed amounts (revenue,
 * deal size) while keeping 0 at 0. Values at or below -1 have no logarithm: an error, not NaN.
 */
import { getColumn, withColumn, type Table } from "../frame/table";
import { readStringArray, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import { requireNumeric, StepError, type StepResult } from "./types";

/** Options of the log1p step. */
export interface Log1pOptions {
  readonly op: "log1p";
  readonly columns: readonly string[];
}

/** Validates log1p options from JSON. */
export function parseLog1p(obj: Obj, path: string): Log1pOptions {
  const columns = readStringArray(obj, "columns", path);
  if (columns.length === 0) throw new ParamError(`${path}.columns`, "list at least one column to transform");
  return { op: "log1p", columns };
}

/** Applies ln(1 + x) to `options.columns`; missing stays missing. */
export function log1p(table: Table, options: Log1pOptions): StepResult {
  let out = table;
  for (const name of options.columns) {
    const column = getColumn(table, name);
    requireNumeric(column, "log1p needs numbers");
    if (column.type === "date") throw new StepError(`column "${name}" holds dates; log1p needs numbers`);
    let min = Infinity;
    for (const v of column.values) if (v < min) min = v;
    if (min <= -1) throw new StepError(`column "${name}" has values at or below -1 (smallest ${min}); log1p is undefined there`);
    out = withColumn(out, { name, type: "number", values: column.values.map(Math.log1p) });
  }
  return { table: out, fitted: { columns: [...options.columns] } };
}
