import type { CancelSignal } from "../cells/types";
import type { Table } from "../frame/table";
import type { Json } from "../json";
import { crossValidate, type CvOptions, type RefitSpec } from "./cross-validate";

/** A parameter grid: each key lists the values to try, e.g. {"C": [0.1, 1, 10]}. */
export type ParamGrid = Readonly<Record<string, readonly Json[]>>;

/** One tried combination, scored by cross-validation. */
export interface GridEntry {
  readonly params: Readonly<Record<string, Json>>;
  readonly mean: number;
  readonly std: number;
  /** Every metric's CV mean. */
  readonly metrics: Readonly<Record<string, number>>;
}

/** Every combination of the grid's values (the cartesian product, keys in the order given). */
export function expandGrid(grid: ParamGrid): Record<string, Json>[] {
  return Object.entries(grid).reduce<Record<string, Json>[]>(
    (combos, [key, values]) => combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v }))),
    [{}],
  );
}

/**
 * Grid search: cross-validates `spec` with each combination of the grid laid over its params, and
 * ranks them by the CV mean of `scoring` (higher is better; error metrics are ranked by their
 * negation). Progress counts fits; the signal is checked between fits.
 */
export async function gridSearch(
  table: Table, y: Float64Array, rows: Int32Array, spec: RefitSpec, grid: ParamGrid, scoring: string,
  cv: Omit<CvOptions, "onFit"> & { readonly signal: CancelSignal },
  onProgress?: (done: number, total: number, message: string) => void,
): Promise<GridEntry[]> {
  const combos = expandGrid(grid);
  const total = combos.length * cv.folds;
  const entries: GridEntry[] = [];
  for (const [c, combo] of combos.entries()) {
    const result = await crossValidate(table, y, rows, { ...spec, params: { ...spec.params, ...combo } }, {
      ...cv, onFit: (f) => onProgress?.(c * cv.folds + f, total, `${JSON.stringify(combo)}: fold ${f} of ${cv.folds}`),
    });
    if (!(scoring in result.mean)) throw new Error(`Unknown scoring metric "${scoring}" (have ${Object.keys(result.mean).join(", ")})`);
    entries.push({ params: combo, mean: result.mean[scoring], std: result.std[scoring], metrics: result.mean });
  }
  const sign = LOWER_IS_BETTER.has(scoring) ? -1 : 1;
  return entries.sort((a, b) => sign * (nanLow(b.mean, sign) - nanLow(a.mean, sign)));
}

/** Metrics where smaller is better. */
export const LOWER_IS_BETTER: ReadonlySet<string> = new Set(["mse", "rmse", "mae", "mape", "log_loss"]);

/** NaN scores sort last. */
const nanLow = (v: number, sign: number) => (Number.isNaN(v) ? -sign * Infinity : v);
