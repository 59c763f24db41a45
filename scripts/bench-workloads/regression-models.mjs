// The model workloads: a generated table → model cell, no split (the model trains on every row
// and predicts every row, and the cell computes its training metrics).
//   forest_100k, mlp_100k             100,000 × 20 regression table
//   forest_100trees_100kx20           the same table, 100 trees (optional: not in the default set)
//   linreg_1Mx20, gbdt_100it_1Mx20    1,000,000 × 20 regression table
//   logreg_1Mx20                      1,000,000 × 20 binary classification table
import { existsSync } from "node:fs";
import path from "node:path";
import { writeClassificationCsv, writeRegressionCsv } from "../make-bench-data.mjs";
import { fileCell, generate, notebook } from "./common.mjs";

const FEATURES = Array.from({ length: 20 }, (_, j) => `x${j + 1}`);

/** The model cell's params: 10 trees (not 100: see docs/benchmarks.md), otherwise the defaults. */
export const FOREST_PARAMS = { task: "regression", algorithm: "random_forest", target: "y", features: FEATURES, nTrees: 10 };
/** 100 trees (scikit-learn's default), otherwise the defaults. */
export const FOREST_100_PARAMS = { ...FOREST_PARAMS, nTrees: 100 };
/** Dense 64-64 relu, Adam 1e-3, batch 512, 5 epochs, no validation split (no early stopping). */
export const MLP_PARAMS = { task: "regression", algorithm: "mlp", target: "y", features: FEATURES, hidden: "64,64", activation: "relu", epochs: 5, batchSize: 512, learningRate: 0.001, validationFraction: 0 };
/** Ordinary least squares with an intercept (the algorithm has no hyperparameters). */
export const LINREG_PARAMS = { task: "regression", algorithm: "linear", target: "y", features: FEATURES };
/** L2 logistic regression, C = 1 and at most 100 Newton iterations (the defaults, written out for the baseline). */
export const LOGREG_PARAMS = { task: "classification", algorithm: "logistic", target: "y", features: FEATURES, C: 1, maxIter: 100 };
/**
 * Histogram gradient boosting, the defaults written out (src/core/models/trees/gradient-boosting.ts)
 * for the baseline, with early stopping off: "auto" would hold out 10% above 10,000 rows and may
 * stop before 100 trees, so both sides build exactly 100.
 */
export const GBDT_PARAMS = {
  task: "regression", algorithm: "gradient_boosting", target: "y", features: FEATURES,
  maxIter: 100, learningRate: 0.1, maxLeafNodes: 31, maxDepth: 0, minSamplesLeaf: 20, l2: 0, maxBins: 255, earlyStopping: "off",
};

const TABLES = {
  regression: { write: writeRegressionCsv, seed: 5, what: "regression" },
  classification: { write: writeClassificationCsv, seed: 9, what: "classification" },
};

function workload(name, params, { rows: defaultRows, table = "regression", ...extra }) {
  return {
    name,
    defaultRows,
    baseline: name,
    ...extra,
    async prepare({ tmp, opts, log }) {
      const rows = opts.rows ?? this.defaultRows;
      const t = TABLES[table];
      // Workloads with the same table and row count share one file (same rows, same seed).
      const file = `${table}-${rows}.csv`;
      const csv = path.join(tmp, file);
      if (!existsSync(csv)) await generate(log, `${rows.toLocaleString("en-US")} × 20 ${t.what} rows (${name})`, t.write, csv, rows, 20, t.seed);
      const doc = notebook(name, [fileCell("table", file), { id: "model", kind: "model", inputs: { data: "table" }, params }], opts.backend);
      return { doc, files: [{ name: file, file: csv }], baselineCsv: csv, baselineParams: params, focus: "model" };
    },
  };
}

export const forest100k = workload("forest_100k", FOREST_PARAMS, { rows: 100_000 });
export const mlp100k = workload("mlp_100k", MLP_PARAMS, { rows: 100_000 });
export const linreg1M = workload("linreg_1Mx20", LINREG_PARAMS, { rows: 1_000_000 });
export const logreg1M = workload("logreg_1Mx20", LOGREG_PARAMS, { rows: 1_000_000, table: "classification" });
/** About 11 s per run in the app (it was a minute when it ran once by default): the usual 3 timed runs. */
export const gbdt1M = workload("gbdt_100it_1Mx20", GBDT_PARAMS, { rows: 1_000_000 });
/**
 * 100 trees take minutes on each side (about 145 s in the app, several minutes in scikit-learn on
 * one core), so this row is not in the default set (`optional`: run it with --only), and it runs
 * once with no warm-up on either side unless --repeat is given (`repeat: 1, warmup: false`).
 */
export const forest100trees = workload("forest_100trees_100kx20", FOREST_100_PARAMS, { rows: 100_000, optional: true, repeat: 1, warmup: false });
