import { throwIfCancelled, type CancelSignal } from "../cells/types";
import { takeRows, TableError, type Table } from "../frame/table";
import { ALGORITHMS } from "../models/algorithms";
import type { Task } from "../models/algorithm";
import { buildDesignMatrix } from "../models/design-matrix";
import { binaryMetrics, regressionMetrics } from "../metrics";
import { kFold, stratifiedKFold, type Fold } from "./folds";

/** Everything needed to fit a model again on other rows: what a model cell's summary records. */
export interface RefitSpec {
  readonly algorithm: string;
  readonly task: Task;
  readonly features: readonly string[];
  /** Hyperparameters as raw params (parsed by the algorithm). */
  readonly params: Readonly<Record<string, unknown>>;
}

/** Cross-validation settings. */
export interface CvOptions {
  readonly folds: number;
  /** Stratify on the class (classification only). */
  readonly stratified: boolean;
  readonly shuffle: boolean;
  readonly seed: number;
  readonly signal: CancelSignal;
  /** Called after each fit with (fits done, fits in all). */
  readonly onFit?: (done: number) => void;
}

/** Per-fold metrics and their mean and (population, as np.std) standard deviation. */
export interface CvResult {
  readonly folds: readonly Readonly<Record<string, number>>[];
  readonly testSizes: readonly number[];
  readonly mean: Readonly<Record<string, number>>;
  readonly std: Readonly<Record<string, number>>;
}

/**
 * k-fold cross-validation of `spec` over `rows` of `table` with target `y` (0/1 for
 * classification): each fold fits on the other folds' rows and scores its own. Rows with a
 * missing feature or target are left out before folding, so folds are as even as they look.
 */
export async function crossValidate(table: Table, y: Float64Array, rows: Int32Array, spec: RefitSpec, o: CvOptions): Promise<CvResult> {
  const algorithm = ALGORITHMS[spec.algorithm];
  if (!algorithm) throw new TableError(`Unknown algorithm "${spec.algorithm}"`);
  const options = algorithm.parseOptions(spec.params, "params");
  const complete = buildDesignMatrix(table, { features: spec.features, y, rows }).rows;
  const yc = Float64Array.from(complete, (r) => y[r]);
  const folds: Fold[] = o.stratified && spec.task === "classification"
    ? stratifiedKFold(yc, o.folds, { shuffle: o.shuffle, seed: o.seed })
    : kFold(complete.length, o.folds, { shuffle: o.shuffle, seed: o.seed });
  const results: Record<string, number>[] = [];
  for (const [f, fold] of folds.entries()) {
    throwIfCancelled(o.signal);
    const trainRows = Int32Array.from(fold.train, (i) => complete[i]);
    const testRows = Int32Array.from(fold.test, (i) => complete[i]);
    const design = buildDesignMatrix(table, { features: spec.features, y, rows: trainRows });
    const model = await algorithm.fit(design, spec.task, options, { seed: o.seed + f, signal: o.signal, progress() {} });
    try {
      const scores = await model.predict(takeRows(table, testRows));
      const yt = Float64Array.from(testRows, (r) => y[r]);
      results.push({ ...(spec.task === "classification" ? binaryMetrics(yt, scores) : regressionMetrics(yt, scores)) });
    } finally {
      model.dispose();
    }
    o.onFit?.(f + 1);
  }
  const names = Object.keys(results[0]);
  const mean = Object.fromEntries(names.map((k) => [k, avg(results.map((r) => r[k]))]));
  const std = Object.fromEntries(names.map((k) => [k, Math.sqrt(avg(results.map((r) => (r[k] - mean[k]) ** 2)))]));
  return { folds: results, testSizes: folds.map((f) => f.test.length), mean, std };
}

const avg = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
