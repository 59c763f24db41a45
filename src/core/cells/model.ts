import type { CellKind, FittedModel } from "./types";
import { ParamError } from "./types";
import { asObject, readEnum, readNumber, readOptionalString, readString, readStringArray } from "./params";
import { getColumn, getNumeric, TableError, withColumn, type Table } from "../frame/table";
import type { Json } from "../json";
import {
  buildDesignMatrix, coefficientJson, coefficientsTable, encodeBinaryTarget, fitLinear, fitLogistic, jsonNumber,
  linearPredictor, metricsJson, sigmoid, SPLIT_COLUMN, splitRows, type LinearFit, type LogisticFit,
} from "../models";
import { binaryMetrics, regressionMetrics } from "../metrics";

/** Parameters of a model cell. */
export interface ModelParams {
  readonly task: "regression" | "classification";
  readonly algorithm: "linear" | "logistic";
  readonly target: string;
  /** Feature columns; default every number/boolean column but the target, "split", outputs and `exclude`. */
  readonly features?: readonly string[];
  readonly exclude: readonly string[];
  /** Logistic: inverse L2 strength, as scikit-learn (default 1). */
  readonly C: number;
  /** Logistic: Newton iterations at most (default 100). */
  readonly maxIter: number;
  /** Classification with a text target: the label coded 1 (default: the second in sorted order). */
  readonly positive?: string;
}

/** Columns a model cell writes; never used as default features (a model fed another's output). */
const OUTPUT_COLUMNS = ["prediction", "probability"];
const ALGORITHM_TASK = { linear: "regression", logistic: "classification" } as const;

/** The features used when none are listed. */
export function defaultFeatures(table: Table, target: string, exclude: readonly string[]): string[] {
  const skip = new Set([target, SPLIT_COLUMN, ...OUTPUT_COLUMNS, ...exclude]);
  return table.columns.filter((c) => (c.type === "number" || c.type === "boolean") && !skip.has(c.name)).map((c) => c.name);
}

/**
 * A model cell: fits linear regression or binary logistic regression on the training rows (the
 * "split" column's "train" rows when there is one, else every row) and predicts every row.
 * Output: the input plus "prediction" (and "probability" for classification); the summary holds
 * coefficients, train/test metrics and warnings; extras.coefficients is the coefficient table.
 */
export const modelCell: CellKind<ModelParams> = {
  id: "model",
  title: "Model",
  inputs: ["data"],
  parse(raw) {
    const p = asObject(raw ?? {}, "params");
    const algoGiven = p.algorithm === undefined ? undefined : readEnum(p, "algorithm", "params", ["linear", "logistic"] as const);
    const task = readEnum(p, "task", "params", ["regression", "classification"] as const, algoGiven && ALGORITHM_TASK[algoGiven]);
    const algorithm = algoGiven ?? (task === "regression" ? "linear" : "logistic");
    if (ALGORITHM_TASK[algorithm] !== task) throw new ParamError("params.algorithm", `"${algorithm}" is for ${ALGORITHM_TASK[algorithm]}, not ${task}`);
    const target = readString(p, "target", "params");
    const features = p.features === undefined ? undefined : readStringArray(p, "features", "params");
    if (features && features.length === 0) throw new ParamError("params.features", "must list at least one column (or be left out)");
    if (features?.includes(target)) throw new ParamError("params.features", `must not include the target "${target}"`);
    return {
      task, algorithm, target, features,
      exclude: readStringArray(p, "exclude", "params"),
      C: readNumber(p, "C", "params", { fallback: 1, min: 1e-12 }),
      maxIter: readNumber(p, "maxIter", "params", { fallback: 100, min: 1, max: 10_000, integer: true }),
      positive: readOptionalString(p, "positive", "params"),
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

    ctx.progress(0, "fitting");
    const fit: LinearFit | LogisticFit = params.algorithm === "linear"
      ? await fitLinear(train)
      : await fitLogistic(train, {
        C: params.C, maxIter: params.maxIter, signal: ctx.signal,
        onIteration: (i) => ctx.progress(i.iteration / i.maxIter, `iteration ${i.iteration}, loss ${i.loss.toPrecision(6)}`),
      });
    ctx.progress(1, "done");

    const model = fittedModel(fit, task, target);
    const scores = await model.predict(table);
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
    const warnings = [...fit.warnings];
    if (droppedRows > 0) warnings.push(`${droppedRows} row${droppedRows > 1 ? "s" : ""} with a missing feature or target left out`);
    return {
      table: out,
      summary: {
        algorithm: params.algorithm, task, target, features: [...fit.features],
        ...(coded ? { positive: coded.positive, negative: coded.negative } : {}),
        nTrain: train.n, nTest: test?.n ?? 0, droppedRows,
        coefficients: fit.coefficients.map(coefficientJson),
        intercept: jsonNumber(fit.intercept.estimate),
        interceptInference: coefficientJson(fit.intercept),
        fit: fitJson(fit),
        metrics: { train: metricsOn(train.rows), test: test ? metricsOn(test.rows) : {} },
        warnings,
      },
      extras: { coefficients: coefficientsTable(fit) },
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

function fitJson(fit: LinearFit | LogisticFit): { [k: string]: Json } {
  if (fit.algorithm === "linear") {
    return {
      r2: jsonNumber(fit.rSquared), adjustedR2: jsonNumber(fit.adjustedRSquared), sigma: jsonNumber(fit.sigma),
      dfResidual: fit.dfResidual, ridge: fit.ridge, droppedFeatures: [...fit.droppedFeatures],
    };
  }
  return { C: fit.C, iterations: fit.iterations, converged: fit.converged, loss: jsonNumber(fit.loss), droppedFeatures: [...fit.droppedFeatures] };
}

/** Wraps a fit as a FittedModel. Predictions are float64 JS, so it holds no tensors to dispose. */
function fittedModel(fit: LinearFit | LogisticFit, task: ModelParams["task"], target: string): FittedModel {
  return {
    algorithm: fit.algorithm, task, features: [...fit.features], target,
    async predict(table: Table) {
      const eta = linearPredictor(fit, table);
      return task === "regression" ? eta : eta.map(sigmoid);
    },
    dispose() {},
  };
}
