/**
 * Shared shapes of the preprocessing steps. A step is a pure `(table, options) => {table, fitted}`:
 * it never mutates its input, and what it learned (means, categories, scales) comes back as JSON
 * for the cell's summary.
 *
 * Leakage rule: fitted steps learn from the TRAINING rows only, i.e. the rows whose "split"
 * column is "train", and then transform every row. Without a "split" column they learn from all
 * rows. The preprocess cell therefore runs the split step first, wherever it is listed.
 */
import type { JsonObject } from "../json";
import { findColumn, type Column, type Table } from "../frame/table";

/** The column the split step adds ("train" / "test") and the fitted steps read. */
export const SPLIT_COLUMN = "split";

/** The column the kfold step adds (fold number 0..k-1; missing on test rows). */
export const FOLD_COLUMN = "fold";

/** What every step returns: the new table and the learned parameters (plain JSON). */
export interface StepResult {
  readonly table: Table;
  readonly fitted: JsonObject;
}

/** A step failed on this table (not a parameter typo): constant column, text where numbers are needed... */
export class StepError extends Error {
  override readonly name = "StepError";
}

/** Indices of the rows to fit on: the "train" rows when a split column exists, else every row. */
export function fitRows(table: Table): Int32Array {
  const split = findColumn(table, SPLIT_COLUMN);
  if (!split) return Int32Array.from({ length: table.nRows }, (_, i) => i);
  if (split.type !== "string") {
    throw new StepError(`column "${SPLIT_COLUMN}" is reserved for the train/test split but holds ${split.type} values`);
  }
  const rows: number[] = [];
  for (let i = 0; i < table.nRows; i++) if (split.values[i] === "train") rows.push(i);
  if (rows.length === 0 && table.nRows > 0) throw new StepError(`no rows have "${SPLIT_COLUMN}" = "train" to fit on`);
  return Int32Array.from(rows);
}

/** The non-missing values of a numeric column at `rows`, sorted ascending. */
export function sortedPresent(values: Float64Array, rows: Int32Array): Float64Array {
  return presentValues(values, rows).sort();
}

/** The q-quantile of sorted values with linear interpolation (numpy's default, as scikit-learn uses). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Throws a StepError unless the column is numeric (number, boolean or date). */
export function requireNumeric(column: Column, why: string): asserts column is Extract<Column, { values: Float64Array }> {
  if (column.type === "string") throw new StepError(`column "${column.name}" is text; ${why}`);
}

export { mulberry32 } from "../random";

/** Training rows as a boolean mask (every row when there is no split column). */
export function fitMask(table: Table): Uint8Array {
  const mask = new Uint8Array(table.nRows);
  for (const r of fitRows(table)) mask[r] = 1;
  return mask;
}

/** A stable text key of a cell for grouping / matching; null when missing. Dates and numbers key by value. */
export function keyOf(column: Column, row: number): string | null {
  if (column.type === "string") return column.values[row];
  const v = column.values[row];
  return Number.isNaN(v) ? null : String(v);
}

/** The non-missing values of a numeric column at `rows` (usually the training rows), in row order. */
export function presentValues(values: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    if (!Number.isNaN(v)) out[n++] = v;
  }
  return out.subarray(0, n);
}
