/**
 * scale: `(x - center) / scale` per column, learned on the training rows, matching scikit-learn:
 *   standard: center = mean, scale = population std (ddof 0)          (StandardScaler)
 *   minmax:   center = min,  scale = max - min, giving [0, 1] on train  (MinMaxScaler)
 *   robust:   center = median, scale = 75th - 25th percentile           (RobustScaler)
 * Missing values are ignored when fitting and stay missing. Unlike scikit-learn, a zero scale is an
 * error rather than silently using 1, because it means the column cannot help a model.
 */
import { getColumn, withColumn, type Table } from "../frame/table";
import { readEnum, readStringArray, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import type { Json } from "../json";
import { fitRows, quantileSorted, requireNumeric, sortedPresent, StepError, type StepResult } from "./types";

/** Scaling methods. */
export const SCALE_METHODS = ["standard", "minmax", "robust"] as const;

/** Options of the scale step. */
export interface ScaleOptions {
  readonly op: "scale";
  readonly columns: readonly string[];
  readonly method: (typeof SCALE_METHODS)[number];
}

/** Validates scale options from JSON; `path` is e.g. "params.steps[2]". */
export function parseScale(obj: Obj, path: string): ScaleOptions {
  const columns = readStringArray(obj, "columns", path);
  if (columns.length === 0) throw new ParamError(`${path}.columns`, "list at least one column to scale");
  return { op: "scale", columns, method: readEnum(obj, "method", path, SCALE_METHODS, "standard") };
}

/** [center, scale] of sorted training values for `method`; throws naming the column when scale is 0. */
function fitColumn(sorted: Float64Array, method: ScaleOptions["method"], name: string): [number, number] {
  if (sorted.length === 0) throw new StepError(`column "${name}" has no values in the training rows to scale by`);
  let center: number, scale: number;
  if (method === "standard") {
    let sum = 0;
    for (const v of sorted) sum += v;
    center = sum / sorted.length;
    let ss = 0;
    for (const v of sorted) ss += (v - center) ** 2;
    scale = Math.sqrt(ss / sorted.length);
  } else if (method === "minmax") {
    center = sorted[0];
    scale = sorted[sorted.length - 1] - sorted[0];
  } else {
    center = quantileSorted(sorted, 0.5);
    scale = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
    if (scale === 0 && sorted[0] !== sorted[sorted.length - 1]) {
      throw new StepError(
        `column "${name}" has a zero interquartile range (at least half of the training values equal ${center}); ` +
          `robust scaling would divide by zero: use "standard" or "minmax", or leave the column out`,
      );
    }
  }
  if (scale === 0) {
    throw new StepError(`column "${name}" is constant in the training rows (every value is ${center}); it cannot be scaled: leave it out`);
  }
  return [center, scale];
}

/** Scales `options.columns` with statistics of the training rows; results are "number" columns. */
export function scale(table: Table, options: ScaleOptions): StepResult {
  const rows = fitRows(table);
  const centers: Record<string, Json> = {};
  const scales: Record<string, Json> = {};
  let out = table;
  for (const name of options.columns) {
    const column = getColumn(table, name);
    requireNumeric(column, `"${options.method}" scaling needs numbers (one-hot encode text columns instead)`);
    const [center, s] = fitColumn(sortedPresent(column.values, rows), options.method, name);
    centers[name] = center;
    scales[name] = s;
    out = withColumn(out, { name, type: "number", values: Float64Array.from(column.values, (v) => (v - center) / s) });
  }
  return { table: out, fitted: { method: options.method, center: centers, scale: scales, fittedOn: rows.length } };
}
