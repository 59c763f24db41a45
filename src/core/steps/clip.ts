/**
 * clip: caps outliers at quantiles of the training rows (winsorising): values below the `lower`
 * quantile are raised to it, values above the `upper` quantile lowered to it. Quantiles use
 * linear interpolation (numpy's default), so the bounds equal pandas' Series.quantile.
 */
import { getColumn, withColumn, type Table } from "../frame/table";
import { readNumber, readStringArray, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import type { Json } from "../json";
import { fitRows, quantileSorted, requireNumeric, sortedPresent, StepError, type StepResult } from "./types";

/** Options of the clip step. */
export interface ClipOptions {
  readonly op: "clip";
  readonly columns: readonly string[];
  /** Lower quantile in [0, 1) (default 0.01). */
  readonly lower: number;
  /** Upper quantile in (lower, 1] (default 0.99). */
  readonly upper: number;
}

/** Validates clip options from JSON. */
export function parseClip(obj: Obj, path: string): ClipOptions {
  const columns = readStringArray(obj, "columns", path);
  if (columns.length === 0) throw new ParamError(`${path}.columns`, "list at least one column to clip");
  const lower = readNumber(obj, "lower", path, { fallback: 0.01, min: 0, max: 1 });
  const upper = readNumber(obj, "upper", path, { fallback: 0.99, min: 0, max: 1 });
  if (upper <= lower) throw new ParamError(`${path}.upper`, `must be above lower (${lower})`);
  return { op: "clip", columns, lower, upper };
}

/** Clips `options.columns` to their training quantiles; reports the bounds and how many values moved. */
export function clip(table: Table, options: ClipOptions): StepResult {
  const rows = fitRows(table);
  const lows: Record<string, Json> = {}, highs: Record<string, Json> = {}, clipped: Record<string, Json> = {};
  let out = table;
  for (const name of options.columns) {
    const column = getColumn(table, name);
    requireNumeric(column, "clipping needs numbers");
    const sorted = sortedPresent(column.values, rows);
    if (sorted.length === 0) throw new StepError(`column "${name}" has no values in the training rows to find quantiles in`);
    const lo = quantileSorted(sorted, options.lower), hi = quantileSorted(sorted, options.upper);
    let n = 0;
    const values = column.values.map((v) => (v < lo ? (n++, lo) : v > hi ? (n++, hi) : v));
    lows[name] = lo;
    highs[name] = hi;
    clipped[name] = n;
    out = withColumn(out, { ...column, values });
  }
  return { table: out, fitted: { lower: lows, upper: highs, clipped, quantiles: [options.lower, options.upper], fittedOn: rows.length } };
}
