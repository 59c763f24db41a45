/**
 * impute: fills missing values with a statistic learned on the training rows (as scikit-learn's
 * SimpleImputer does: mean, median, most_frequent with ties to the smallest value, or a constant).
 */
import { getColumn, withColumn, type Column, type Table } from "../frame/table";
import { readEnum, readStringArray, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import type { Json } from "../json";
import { fitRows, presentValues, requireNumeric, sortedPresent, StepError, type StepResult } from "./types";

/** Imputation strategies (scikit-learn's names). */
export const IMPUTE_STRATEGIES = ["mean", "median", "most_frequent", "constant"] as const;

/** Options of the impute step. */
export interface ImputeOptions {
  readonly op: "impute";
  readonly columns: readonly string[];
  readonly strategy: (typeof IMPUTE_STRATEGIES)[number];
  /** The fill value for "constant" (default 0 for numeric columns, "missing" for text). */
  readonly value?: number | string;
}

/** Validates impute options from JSON; `path` is e.g. "params.steps[0]". */
export function parseImpute(obj: Obj, path: string): ImputeOptions {
  const columns = readStringArray(obj, "columns", path);
  if (columns.length === 0) throw new ParamError(`${path}.columns`, "list at least one column to impute");
  const strategy = readEnum(obj, "strategy", path, IMPUTE_STRATEGIES, "mean");
  const value = obj.value;
  if (value !== undefined && typeof value !== "string" && !(typeof value === "number" && Number.isFinite(value))) {
    throw new ParamError(`${path}.value`, "must be a number or a string");
  }
  return { op: "impute", columns, strategy, value: value as number | string | undefined };
}

/** The most frequent value; ties go to the smallest, as scikit-learn does. */
function mostFrequent<T extends string | number>(values: Iterable<T>): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined, bestCount = 0;
  for (const [v, c] of counts) {
    if (c > bestCount || (c === bestCount && best !== undefined && v < best)) [best, bestCount] = [v, c];
  }
  return best;
}

function fitNumeric(values: Float64Array, rows: Int32Array, options: ImputeOptions, name: string): number {
  if (options.strategy === "constant") {
    if (options.value === undefined) return 0;
    if (typeof options.value !== "number") throw new StepError(`column "${name}" holds numbers; the constant value must be a number`);
    return options.value;
  }
  if (options.strategy === "median") {
    // Order statistics by selection (no full sort): the same value the sorted middle gives.
    const present = presentValues(values, rows);
    if (present.length === 0) throw new StepError(`column "${name}" has no values in the training rows to compute a median from`);
    const mid = present.length >> 1;
    const upper = selectKth(present, mid);
    if (present.length % 2) return upper;
    // After selection every value left of `mid` is ≤ the mid value: the lower middle is their max.
    let lower = present[0];
    for (let i = 1; i < mid; i++) if (present[i] > lower) lower = present[i];
    return (lower + upper) / 2;
  }
  const sorted = sortedPresent(values, rows);
  if (sorted.length === 0) throw new StepError(`column "${name}" has no values in the training rows to compute a ${options.strategy} from`);
  if (options.strategy === "mean") {
    let sum = 0;
    for (const v of sorted) sum += v;
    return sum / sorted.length;
  }
  return mostFrequent(sorted)!;
}


/**
 * Rearranges `a` (no NaN) so that a[k] holds the value a full ascending sort would put there, with
 * nothing larger before it and nothing smaller after it (Hoare quickselect, median-of-three).
 */
function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const m = (lo + hi) >> 1;
    // Median of three as the pivot value.
    let x = a[lo], y = a[m], z = a[hi];
    if (x > y) [x, y] = [y, x];
    if (y > z) [y, z] = [z, y];
    if (x > y) [x, y] = [y, x];
    const pivot = y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function fitText(values: readonly (string | null)[], rows: Int32Array, options: ImputeOptions, name: string): string {
  if (options.strategy === "mean" || options.strategy === "median") {
    throw new StepError(`column "${name}" is text; "${options.strategy}" needs numbers (use "most_frequent" or "constant")`);
  }
  if (options.strategy === "constant") return options.value === undefined ? "missing" : String(options.value);
  const present = Array.from(rows, (r) => values[r]).filter((v): v is string => v !== null);
  const best = mostFrequent(present);
  if (best === undefined) throw new StepError(`column "${name}" has no values in the training rows to find the most frequent`);
  return best;
}

/** Fills the missing values of `options.columns`, learning each fill value on the training rows. */
export function impute(table: Table, options: ImputeOptions): StepResult {
  const rows = fitRows(table);
  const values: Record<string, Json> = {};
  const filled: Record<string, Json> = {};
  let out = table;
  for (const name of options.columns) {
    const column = getColumn(table, name);
    let next: Column;
    let count = 0;
    if (column.type === "string") {
      const fill = fitText(column.values, rows, options, name);
      next = { ...column, values: column.values.map((v) => (v === null ? (count++, fill) : v)) };
      values[name] = fill;
    } else {
      requireNumeric(column, "");
      const fill = fitNumeric(column.values, rows, options, name);
      const src = column.values;
      const data = new Float64Array(src.length);
      for (let i = 0; i < src.length; i++) {
        const v = src[i];
        if (Number.isNaN(v)) {
          count++;
          data[i] = fill;
        } else data[i] = v;
      }
      // A boolean filled with a fraction (its mean) is no longer 0/1: call it a number.
      const type = column.type === "boolean" && fill !== 0 && fill !== 1 ? "number" : column.type;
      next = { name, type, values: data };
      values[name] = fill;
    }
    filled[name] = count;
    out = withColumn(out, next);
  }
  return { table: out, fitted: { strategy: options.strategy, values, filled, fittedOn: rows.length } };
}
