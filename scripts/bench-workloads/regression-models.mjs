// forest_100k and mlp_100k: a generated 100,000 × 20 regression table → model cell (no split:
// the model trains on every row and predicts every row).
import { existsSync } from "node:fs";
import path from "node:path";
import { writeRegressionCsv } from "../make-bench-data.mjs";
import { fileCell, generate, notebook } from "./common.mjs";

const FILE = "regression.csv";
const FEATURES = Array.from({ length: 20 }, (_, j) => `x${j + 1}`);

/** The model cell's params: 10 trees (not 100: see docs/benchmarks.md), otherwise the defaults. */
export const FOREST_PARAMS = { task: "regression", algorithm: "random_forest", target: "y", features: FEATURES, nTrees: 10 };
/** Dense 64-64 relu, Adam 1e-3, batch 512, 5 epochs, no validation split (no early stopping). */
export const MLP_PARAMS = { task: "regression", algorithm: "mlp", target: "y", features: FEATURES, hidden: "64,64", activation: "relu", epochs: 5, batchSize: 512, learningRate: 0.001, validationFraction: 0 };

function workload(name, params) {
  return {
    name,
    defaultRows: 100_000,
    baseline: name,
    async prepare({ tmp, opts, log }) {
      const rows = opts.rows ?? this.defaultRows;
      // forest_100k and mlp_100k share one file (same rows, same seed).
      const csv = path.join(tmp, `regression-${rows}.csv`);
      if (!existsSync(csv)) await generate(log, `${rows.toLocaleString("en-US")} × 20 regression rows (${name})`, writeRegressionCsv, csv, rows, 20, 5);
      const doc = notebook(name, [fileCell("table", FILE), { id: "model", kind: "model", inputs: { data: "table" }, params }], opts.backend);
      return { doc, files: [{ name: FILE, file: csv }], baselineCsv: csv, baselineParams: params, focus: "model" };
    },
  };
}

export const forest100k = workload("forest_100k", FOREST_PARAMS);
export const mlp100k = workload("mlp_100k", MLP_PARAMS);
