import type { CellKind, CellOutput, FittedModel, RunContext } from "./types";
import { ParamError } from "./types";
import { asObject, readEnum, readOptionalString, readString, readStringArray } from "./params";
import { findColumn, getColumn, getNumeric, TableError, takeRows, withColumn, type Column, type Table } from "../frame/table";
import type { Json, JsonObject } from "../json";
import { buildDesignMatrix, encodeBinaryTarget, metricsJson, SPLIT_COLUMN, splitRows } from "../models";
import { ALGORITHMS } from "../models/algorithms";
import type { Task, TrainedModel } from "../models/algorithm";
import { binaryMetrics, regressionMetrics } from "../metrics";
import { fitOrRestore, fromRecord, toRecord, type FitSpec } from "../models/saved-models";
import type { ModelRecord, TrainingInfo } from "../models/model-record";
import { decodeModelFile, modelFileText } from "../models/model-file";

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

/** A model cell that predicts with a model file someone exported, instead of training. */
export interface ImportedModelParams {
  /** The model file, bound by name like a data cell's file. */
  readonly source: { readonly type: "file"; readonly name: string };
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
export const modelCell: CellKind<ModelParams | ImportedModelParams> = {
  id: "model",
  title: "Model",
  inputs: ["data"],
  parse(raw) {
    const p = asObject(raw ?? {}, "params");
    if (p.source !== undefined) {
      const source = asObject(p.source, "params.source");
      if (source.type !== "file") throw new ParamError("params.source.type", 'must be "file" (a model file exported from a model cell)');
      const extra = Object.keys(p).filter((k) => k !== "source");
      if (extra.length) throw new ParamError(`params.${extra[0]}`, "a model read from a file keeps the settings it was trained with; remove this field");
      return { source: { type: "file", name: readString(source, "name", "params.source") } };
    }
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
  run: (inputs, params, ctx) => ("source" in params ? scoreWithFile(inputs.data.table, params, ctx) : train(inputs.data.table, params, ctx)),
};

/**
 * `trained.predict(table)`, but rows whose predictions the fit already computed (its
 * `fittedScores`, by design row; `designRows` maps those to table rows) are not predicted again.
 */
async function predictTable(trained: TrainedModel, table: Table, designRows: Int32Array): Promise<Float64Array> {
  const fitted = trained.fittedScores;
  if (!fitted) return trained.predict(table);
  const out = new Float64Array(table.nRows);
  const known = new Uint8Array(table.nRows);
  fitted.rows.forEach((k, q) => {
    out[designRows[k]] = fitted.scores[q];
    known[designRows[k]] = 1;
  });
  const rest: number[] = [];
  for (let r = 0; r < table.nRows; r++) if (!known[r]) rest.push(r);
  if (rest.length > 0) {
    const predicted = await trained.predict(takeRows(table, rest));
    rest.forEach((r, q) => (out[r] = predicted[q]));
  }
  return out;
}

/** Fits (or restores the stored fit of) the model and predicts every row. */
async function train(table: Table, params: ModelParams, ctx: RunContext): Promise<CellOutput> {
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

  const spec: FitSpec = {
    algorithm: params.algorithm, task, target, options: (params.options ?? {}) as Json,
    ...(coded ? { positive: coded.positive, negative: coded.negative } : {}), seed: ctx.seed,
  };
  const fit = await fitOrRestore(train, spec, params.options, ctx);
  const { trained } = fit;
  const model = fittedModel(trained, spec, () => toRecord(trained, spec, fit.training), fit.storeKey);
  const scores = await predictTable(trained, table, train.rows);

  const droppedRows = train.droppedRows + (test?.droppedRows ?? 0);
  const warnings = [...trained.warnings];
  if (droppedRows > 0) warnings.push(`${droppedRows} row${droppedRows > 1 ? "s" : ""} with a missing feature or target left out`);
  if (fit.storeWarning) warnings.push(fit.storeWarning);
  return {
    table: withPredictions(table, task, scores),
    summary: {
      algorithm: params.algorithm, task, target, features: [...trained.features],
      // The hyperparameters as fitted, so cross-validation and grid search can refit alike.
      options: (params.options ?? {}) as Json,
      ...(coded ? { positive: coded.positive, negative: coded.negative } : {}),
      nTrain: train.n, nTest: test?.n ?? 0, droppedRows,
      ...trained.summary,
      metrics: { train: metricsOn(task, y, scores, train.rows), test: test ? metricsOn(task, y, scores, test.rows) : {} },
      training: trainingJson(fit.training, fit.restored, fit.storeKey !== undefined),
      warnings,
    },
    extras: trained.extras,
    model,
  };
}

/** When and how the model was trained, and whether this run restored it instead. */
function trainingJson(t: TrainingInfo, restored: boolean, stored: boolean): JsonObject {
  return { trainedAt: t.trainedAt, ms: t.ms, rows: t.rows, ...(t.backend ? { backend: t.backend } : {}), restored, stored };
}

/** Predicts every row with a model file's model; metrics where the table has the model's target. */
async function scoreWithFile(table: Table, params: ImportedModelParams, ctx: RunContext): Promise<CellOutput> {
  const name = params.source.name;
  ctx.progress(0, `reading ${name}`);
  const bytes = await ctx.readSource(params.source);
  const record = decodeModelFile(modelFileText(bytes), name);
  const missing = record.features.filter((f) => !findColumn(table, f));
  if (missing.length) {
    throw new TableError(`The model in ${name} uses ${missing.map((f) => `"${f}"`).join(", ")}, which this table does not have; prepare the data as it was for training`);
  }
  let trained: TrainedModel;
  try {
    trained = await fromRecord(record);
  } catch (e) {
    throw new TableError(`${name}: ${(e as Error).message}`);
  }
  const { task } = record;
  const scores = await trained.predict(table);
  const targetColumn = findColumn(table, record.target);
  const y = targetColumn ? codedTarget(targetColumn, record) : undefined;
  const known: number[] = [];
  if (y) for (let r = 0; r < table.nRows; r++) if (!Number.isNaN(y[r]) && !Number.isNaN(scores[r])) known.push(r);
  let unscored = 0;
  for (const v of scores) if (Number.isNaN(v)) unscored++;
  const warnings = [...record.warnings];
  if (unscored) warnings.push(`${unscored} row${unscored > 1 ? "s" : ""} with a missing feature got no prediction`);
  if (!targetColumn) warnings.push(`No "${record.target}" column: predictions only, no metrics`);
  ctx.progress(1, "done");
  return {
    table: withPredictions(table, task, scores),
    summary: {
      algorithm: record.algorithm, task, target: record.target, features: [...record.features], options: record.options,
      ...(record.positive !== undefined ? { positive: record.positive, negative: record.negative ?? null } : {}),
      nTrain: 0, nTest: known.length, droppedRows: 0,
      ...record.fitted,
      // Rows with a known target are unseen data to this model: their metrics are test metrics.
      metrics: { train: {}, test: y ? metricsOn(task, y, scores, known) : {} },
      training: { ...trainingJson(record.training, false, false), file: name },
      warnings,
    },
    extras: record.extras,
    model: fittedModel(trained, record, async () => record),
  };
}

/** The input plus "prediction" (and "probability", P(class 1), for classification). */
function withPredictions(table: Table, task: Task, scores: Float64Array): Table {
  const out = withColumn(table, { name: "prediction", type: "number", values: task === "regression" ? scores : predictedClasses(scores) });
  return task === "classification" ? withColumn(out, { name: "probability", type: "number", values: scores }) : out;
}

/** 1 where P(class 1) ≥ 0.5, else 0; NaN stays NaN (a plain loop: map's callback costs ~20 ms per million rows). */
function predictedClasses(scores: Float64Array): Float64Array {
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const p = scores[i];
    out[i] = p !== p ? NaN : p >= 0.5 ? 1 : 0;
  }
  return out;
}

/** Metrics of `scores` against `y` on `rows` (none for no rows). */
function metricsOn(task: Task, y: Float64Array, scores: Float64Array, rows: ArrayLike<number>): { [k: string]: Json } {
  if (rows.length === 0) return {};
  // Training on every row (no split) is common on large tables: then no copies at all.
  const all = isEveryRow(rows, y.length);
  const yt = all ? y : gather(y, rows);
  const s = all ? scores : gather(scores, rows);
  return metricsJson(task === "regression" ? regressionMetrics(yt, s) : binaryMetrics(yt, s));
}

/** values[rows[k]] for each k (a plain loop: Float64Array.from with a callback took ~0.1 s per million rows). */
function gather(values: Float64Array, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}

/** True when rows is 0, 1, …, n − 1. */
function isEveryRow(rows: ArrayLike<number>, n: number): boolean {
  if (rows.length !== n) return false;
  for (let k = 0; k < n; k++) if (rows[k] !== k) return false;
  return true;
}

/** The target coded as the model coded it in training (its positive label is 1); NaN where unknown. */
function codedTarget(column: Column, record: ModelRecord): Float64Array {
  if (record.task === "regression") {
    if (column.type === "string") throw new TableError(`Target "${column.name}" is text; this regression model predicts numbers`);
    return column.values;
  }
  if (column.type !== "string") {
    for (const v of column.values) {
      if (!Number.isNaN(v) && v !== 0 && v !== 1) throw new TableError(`Target "${column.name}" must hold 0/1 or true/false for this model; found ${v}`);
    }
    return column.values;
  }
  return Float64Array.from(column.values, (v) => {
    if (v === null) return NaN;
    if (v === record.positive) return 1;
    if (v === record.negative) return 0;
    throw new TableError(`Target "${column.name}" has "${v}"; this model was trained on "${record.positive}" and "${record.negative}"`);
  });
}

function checkBothClasses(y: Float64Array, target: string): void {
  let ones = 0;
  for (const v of y) ones += v;
  if (ones === 0 || ones === y.length) {
    throw new TableError(`Target "${target}" has a single class in the training rows; classification needs both`);
  }
}

/** The worker keeps this behind the cell's handle (predictions can be recomputed on new rows). */
function fittedModel(
  trained: TrainedModel, about: Pick<FitSpec, "algorithm" | "task" | "target">, record: () => Promise<ModelRecord>, storeKey?: string,
): FittedModel {
  return {
    algorithm: about.algorithm, task: about.task, features: [...trained.features], target: about.target,
    predict: (table: Table) => trained.predict(table),
    record,
    ...(storeKey ? { storeKey } : {}),
    dispose: () => trained.dispose(),
  };
}
