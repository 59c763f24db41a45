import type { CellOutput, RunContext } from "../cells/types";
import { makeTable, TableError, type Column, type Table } from "../frame/table";
import type { Json, JsonObject } from "../json";
import { ALGORITHMS } from "../models/algorithms";
import { rowsFor } from "../models/split";
import { jsonNumber, metricsJson } from "../models/summary";
import { r2Score, rocAucScore } from "../metrics";
import { crossValidate, type RefitSpec } from "./cross-validate";
import { gridSearch } from "./grid-search";
import { permutationImportance } from "./permutation-importance";
import type { EvaluateExtensions } from "./evaluate-options";

/** What the extensions add to an evaluate cell's output. */
export interface ExtensionOutput {
  readonly summary: JsonObject;
  readonly extras: Record<string, Table>;
  readonly warnings: string[];
}

/**
 * Runs cross-validation, grid search and permutation importance for an evaluate cell.
 *
 * Design: the evaluate cell receives the model cell's whole output: its table (the model's input
 * rows plus prediction columns), its summary (algorithm, task, target, features, positive label)
 * and the fitted model. CV and grid search re-fit that algorithm on the *training* rows of the
 * same table (the "split" column's train rows, all rows without one), so the held-out test rows
 * stay untouched for the final score; importance permutes features on the scored rows and calls
 * the fitted model. Hyperparameters come from summary.options when the model cell records them,
 * else from the evaluate cell's own `options` (with a warning when neither is there).
 */
export async function runExtensions(
  output: CellOutput, y: Float64Array, scored: Int32Array, ext: EvaluateExtensions, ctx: RunContext,
): Promise<ExtensionOutput> {
  const summary: JsonObject = {};
  const extras: Record<string, Table> = {};
  const warnings: string[] = [];
  if (!ext.cv && !ext.grid && !ext.importance) return { summary, extras, warnings };
  const s = output.summary;
  const task = s.task === "classification" || s.task === "regression" ? s.task : undefined;
  const features = Array.isArray(s.features) ? s.features.filter((f): f is string => typeof f === "string") : [];
  if (!task || features.length === 0 || typeof s.algorithm !== "string") {
    throw new TableError("Cross-validation, grid search and importance need the model cell's summary (algorithm, task, features): bind the input to a model cell");
  }
  const recorded = s.options !== null && typeof s.options === "object" && !Array.isArray(s.options) ? (s.options as JsonObject) : undefined;
  if ((ext.cv || ext.grid) && !recorded && !ext.options) warnings.push("The model cell's summary does not record its hyperparameters; refits use the algorithm's defaults (set params.options to override)");
  const spec: RefitSpec = { algorithm: s.algorithm, task, features, params: { ...(recorded ?? {}), ...(ext.options ?? {}) } };
  const { rows: trainRows } = rowsFor(output.table, "train");
  const scoring = (name?: string) => name ?? (task === "classification" ? "roc_auc" : "r2");

  if (ext.cv) {
    ctx.progress(0, "cross-validating");
    const cv = await crossValidate(output.table, y, trainRows, spec, {
      ...ext.cv, stratified: ext.cv.stratified, seed: ctx.seed, signal: ctx.signal,
      onFit: (f) => ctx.progress(f / ext.cv!.folds / 3, `cross-validation: fold ${f} of ${ext.cv!.folds}`),
    });
    summary.cv = { folds: ext.cv.folds, stratified: ext.cv.stratified && task === "classification", testSizes: [...cv.testSizes], mean: metricsJson(cv.mean), std: metricsJson(cv.std) };
    const names = Object.keys(cv.mean);
    extras.cv = makeTable([num("fold", cv.folds.map((_, i) => i + 1)), ...names.map((k) => num(k, cv.folds.map((f) => f[k])))]);
  }
  if (ext.grid) {
    const algorithm = ext.grid.algorithm ?? spec.algorithm;
    if (!ALGORITHMS[algorithm]) throw new TableError(`Unknown algorithm "${algorithm}" in params.grid`);
    if (!ALGORITHMS[algorithm].tasks.includes(task)) throw new TableError(`"${algorithm}" does not do ${task}`);
    const metric = scoring(ext.grid.scoring);
    const board = await gridSearch(
      output.table, y, trainRows, { ...spec, algorithm, params: algorithm === spec.algorithm ? spec.params : {} }, ext.grid.params, metric,
      { folds: ext.grid.folds, stratified: ext.cv?.stratified ?? true, shuffle: ext.cv?.shuffle ?? false, seed: ctx.seed, signal: ctx.signal },
      (done, total, message) => ctx.progress(1 / 3 + done / total / 3, `grid search ${done}/${total}: ${message}`),
    );
    const keys = Object.keys(ext.grid.params);
    extras.leaderboard = makeTable([
      num("rank", board.map((_, i) => i + 1)),
      ...keys.map((k): Column => ({ name: k, type: "string", values: board.map((e) => JSON.stringify(e.params[k])) })),
      num(`mean_${metric}`, board.map((e) => e.mean)),
      num(`std_${metric}`, board.map((e) => e.std)),
    ]);
    summary.grid = { algorithm, scoring: metric, folds: ext.grid.folds, combinations: board.length, best: board[0].params as JsonObject, bestScore: jsonNumber(board[0].mean), bestStd: jsonNumber(board[0].std) };
  }
  if (ext.importance) {
    const model = output.model;
    if (!model) throw new TableError("Permutation importance needs the fitted model: bind the input to a model cell");
    const yt = Float64Array.from(scored, (r) => y[r]);
    const score = (p: Float64Array) => (task === "classification" ? rocAucScore(yt, p) : r2Score(yt, p));
    const imp = await permutationImportance((t) => model.predict(t), output.table, scored, model.features, score, {
      repeats: ext.importance.repeats, seed: ctx.seed, signal: ctx.signal,
      onFeature: (f) => ctx.progress(2 / 3 + f / model.features.length / 3, `importance: feature ${f} of ${model.features.length}`),
    });
    extras.importance = makeTable([
      { name: "feature", type: "string", values: imp.map((i) => i.feature) },
      num("importance", imp.map((i) => i.mean)),
      num("std", imp.map((i) => i.std)),
    ]);
    summary.importance = { metric: task === "classification" ? "roc_auc" : "r2", repeats: ext.importance.repeats, features: imp.map((i): Json => ({ feature: i.feature, mean: jsonNumber(i.mean), std: jsonNumber(i.std) })) };
  }
  return { summary, extras, warnings };
}

const num = (name: string, values: number[]): Column => ({ name, type: "number", values: Float64Array.from(values) });
