import type { CellKind, FittedModel } from "./types";
import { ParamError } from "./types";
import { asObject, readEnum, readOptionalString, readString, readStringArray } from "./params";
import { getColumn, getNumeric, TableError, withColumn, type Table } from "../frame/table";
import type { Json } from "../json";
import { buildDesignMatrix, encodeBinaryTarget, metricsJson, SPLIT_COLUMN, splitRows } from "../models";
import { ALGORITHMS } from "../models/algorithms";
import type { Task, TrainedModel } from "../models/algorithm";
import { binaryMetrics, regressionMetrics } from "../metrics";

/** Parameters of a model cell; the algorithm's own hyperparameters sit beside these. */
export interface ModelParams {
  readonly task: Task;
  /** An id from models/algorithms.ts, e.g. "linear", "logistic". */
  readonly algorithm: string;
  readonly target: string;
  /** Feature columns; default every number/boolean column but the target, "split", outputs and `exclude`. */
  readonly features?: readonly string[];
  readonly exclude: readonly string[];
  /** Classification with a text target: the label coded 1 (default: the second in sorted order). */
  readonly positive?: string;
  /** The algorithm's parsed hyperparameters. */
  readonly options: unknown;
}

/** Columns a model cell writes; never used as default features (a model fed another's output). */
const OUTPUT_COLUMNS = ["prediction", "probability"];

/** The features used when none are listed. */
export function defaultFeatures(table: Table, target: string, exclude: readonly string[]): string[] {
  const skip = new Set([target, SPLIT_COLUMN, ...OUTPUT_COLUMNS, ...exclude]);
  return table.columns.filter((c) => (c.type === "number" || c.type === "boolean") && !skip.has(c.name)).map((c) => c.name);
}

/**
 * A model cell: fits the chosen algorithm on the training rows (the "split" column's "train"
 * rows when there is one, else every row) and predicts every row. Output: the input plus
 * "prediction" (and "probability" for classification); the summary holds the fitted parameters,
 * train/test metrics and warnings; extras hold the algorithm's tables (coefficients, importance).
 */
export const modelCell: CellKind<ModelParams> = {
  id: "model",
  title: "Model",
  inputs: ["data"],
  parse(raw) {
    const p = asObject(raw ?? {}, "params");
    const ids = Object.keys(ALGORITHMS);
    const algoGiven = p.algorithm === undefined ? undefined : readEnum(p, "algorithm", "params", ids);
    const task = readEnum(p, "task", "params", ["regression", "classification"] as const, algoGiven ? ALGORITHMS[algoGiven].tasks[0] : undefined);
    const algorithm = algoGiven ?? (task === "regression" ? "linear" : "logistic");
    const spec = ALGORITHMS[algorithm];
    if (!spec.tasks.includes(task)) throw new ParamError("params.algorithm", `"${algorithm}" does ${spec.tasks.join(" and ")}, not ${task}`);
    const target = readString(p, "target", "params");
    const features = p.features === undefined ? undefined : readStringArray(p, "features", "params");
    if (features && features.length === 0) throw new ParamError("params.features", "must list at least one column (or be left out)");
    if (features?.includes(target)) throw new ParamError("params.features", `must not include the target "${target}"`);
    return {
      task, algorithm, target, features,
      exclude: readStringArray(p, "exclude", "params"),
      positive: readOptionalString(p, "positive", "params"),
      options: spec.parseOptions(p, "params"),
    };
  },
  async run(inputs, params, ctx) {
    const table = inputs.data.table;
    const { task, target } = params;
    const features = params.features ? [...params.features] : defaultFeatures(table, target, params.exclude);
    if (features.length === 0) {
      throw new TableError(`No numeric or boolean feature columns besides the target "${target}": add or one-hot encode some`);
    }
    const targetCol = getColumn(table, target);
    if (task === "regression" && targetCol.type === "string") {
      throw new TableError(`Target "${target}" is text; regression needs numbers (use task "classification" for labels)`);
    }
    const coded = task === "classification" ? encodeBinaryTarget(targetCol, params.positive) : undefined;
    const y = coded ? coded.y : getNumeric(table, target).values;
    const split = splitRows(table);
    if (split && split.train.length === 0) throw new TableError(`The "${SPLIT_COLUMN}" column has no "train" rows`);
    const train = buildDesignMatrix(table, { features, y, rows: split?.train });
    const test = split ? buildDesignMatrix(table, { features, y, rows: split.test }) : undefined;
    if (coded) checkBothClasses(train.y, target);
    if (train.n < train.p + 1) {
      throw new TableError(`Too few training rows: ${train.n} complete rows for ${train.p} features; need at least ${train.p + 1}`);
    }

    const trained = await ALGORITHMS[params.algorithm].fit(train, task, params.options, ctx);
    const model = fittedModel(trained, params.algorithm, task, target);
    const scores = await trained.predict(table);
    const metricsOn = (rows: Int32Array): { [k: string]: Json } => {
      if (rows.length === 0) return {};
      const yt = Float64Array.from(rows, (r) => y[r]);
      const s = Float64Array.from(rows, (r) => scores[r]);
      return metricsJson(task === "regression" ? regressionMetrics(yt, s) : binaryMetrics(yt, s));
    };
    let out = withColumn(table, {
      name: "prediction", type: "number",
      values: task === "regression" ? scores : scores.map((p) => (Number.isNaN(p) ? NaN : p >= 0.5 ? 1 : 0)),
    });
    if (task === "classification") out = withColumn(out, { name: "probability", type: "number", values: scores });

    const droppedRows = train.droppedRows + (test?.droppedRows ?? 0);
    const warnings = [...trained.warnings];
    if (droppedRows > 0) warnings.push(`${droppedRows} row${droppedRows > 1 ? "s" : ""} with a missing feature or target left out`);
    return {
      table: out,
      summary: {
        algorithm: params.algorithm, task, target, features: [...trained.features],
        // The hyperparameters as fitted, so cross-validation and grid search can refit alike.
        options: (params.options ?? {}) as Json,
        ...(coded ? { positive: coded.positive, negative: coded.negative } : {}),
        nTrain: train.n, nTest: test?.n ?? 0, droppedRows,
        ...trained.summary,
        metrics: { train: metricsOn(train.rows), test: test ? metricsOn(test.rows) : {} },
        warnings,
      },
      extras: trained.extras,
      model,
    };
  },
};

function checkBothClasses(y: Float64Array, target: string): void {
  let ones = 0;
  for (const v of y) ones += v;
  if (ones === 0 || ones === y.length) {
    throw new TableError(`Target "${target}" has a single class in the training rows; classification needs both`);
  }
}

/** The worker keeps this behind the cell's handle (predictions can be recomputed on new rows). */
function fittedModel(trained: TrainedModel, algorithm: string, task: Task, target: string): FittedModel {
  return {
    algorithm, task, features: [...trained.features], target,
    predict: (table: Table) => trained.predict(table),
    dispose: () => trained.dispose(),
  };
}
