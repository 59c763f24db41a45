import { describe, expect, it } from "vitest";
import { evaluateCell } from "../../../src/core/cells/evaluate";
import { modelCell } from "../../../src/core/cells/model";
import type { CellOutput } from "../../../src/core/cells/types";
import { getNumeric, getString, type Table } from "../../../src/core/frame/table";
import { nodeContext } from "../../helpers/node-context";
import { fixture } from "../models/reference";
import { advertisingSplit, asInput, bankSplit } from "./model-fixtures";

const linRef = fixture("models_linear.json").split;
const logRef = fixture("models_logistic.json").split;
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

const fitModel = (table: Table, raw: object) => modelCell.run({ data: asInput(table) }, modelCell.parse(raw), nodeContext());
const evaluate = (inputs: Record<string, CellOutput>, raw: object) => evaluateCell.run(inputs, evaluateCell.parse(raw), nodeContext());

/** metric -> value for one role of the evaluate output table. */
function metricsOf(table: Table, role: string): Record<string, number> {
  const model = getString(table, "model").values;
  const metric = getString(table, "metric").values;
  const value = getNumeric(table, "value").values;
  return Object.fromEntries(metric.flatMap((m, i) => (model[i] === role ? [[m!, value[i]]] : [])));
}

describe("evaluate cell: regression", () => {
  it("scores the test rows by default, matching sklearn", async () => {
    const model = await fitModel(advertisingSplit(), { task: "regression", target: "sales", features: ["TV", "radio", "newspaper"] });
    const out = await evaluate({ model }, { target: "sales" });
    const m = metricsOf(out.table, "model");
    expect(m.n).toBe(50);
    for (const k of ["mse", "rmse", "mae", "mape", "r2"]) close(m[k], linRef.test[k]);
    expect(out.summary).toMatchObject({ task: "regression", split: "test", n: { model: 50 }, warnings: [] });
    const pva = out.extras!.pred_vs_actual;
    expect(pva.nRows).toBe(50);
    expect(pva.columns.map((c) => c.name)).toEqual(["model", "actual", "predicted"]);
  });

  it("adds a bound comparison model's metrics, labelled by role", async () => {
    const table = advertisingSplit();
    const model = await fitModel(table, { task: "regression", target: "sales", features: ["TV", "radio", "newspaper"] });
    const compare = await fitModel(table, { task: "regression", target: "sales", features: ["TV"] });
    const out = await evaluate({ model, compare }, { target: "sales", split: "train" });
    const [a, b] = [metricsOf(out.table, "model"), metricsOf(out.table, "compare")];
    close(a.r2, linRef.train.r2);
    expect(b.r2).toBeLessThan(a.r2);
    expect(new Set(getString(out.extras!.pred_vs_actual, "model").values)).toEqual(new Set(["model", "compare"]));
  });

  it("names each model by its upstream cell when the worker says which cells are bound", async () => {
    const table = advertisingSplit();
    const model = await fitModel(table, { task: "regression", target: "sales", features: ["TV", "radio", "newspaper"] });
    const compare = await fitModel(table, { task: "regression", target: "sales", features: ["TV"] });
    const ctx = { ...nodeContext(), inputCells: { model: "full", compare: "tv_only" } };
    const out = await evaluateCell.run({ model, compare }, evaluateCell.parse({ target: "sales", split: "train" }), ctx);
    expect(new Set(getString(out.table, "model").values)).toEqual(new Set(["full", "tv_only"]));
    expect(new Set(getString(out.extras!.pred_vs_actual, "model").values)).toEqual(new Set(["full", "tv_only"]));
    expect(Object.keys(out.summary.metrics as object)).toEqual(["model", "compare"]);
  });

  it("scores every row with a warning when there is no split column", async () => {
    const t = advertisingSplit();
    const noSplit = { nRows: t.nRows, columns: t.columns.filter((c) => c.name !== "split") };
    const model = await fitModel(noSplit, { task: "regression", target: "sales", features: ["TV"] });
    const out = await evaluate({ model }, { target: "sales" });
    expect(metricsOf(out.table, "model").n).toBe(200);
    expect((out.summary.warnings as string[])[0]).toMatch(/no "split" column/);
  });

  it("samples at most 2000 points for the predicted-vs-actual chart, reproducibly", async () => {
    const model = await fitModel(bankSplit(), { task: "regression", target: "duration", features: ["age", "balance"] });
    const a = await evaluate({ model }, { target: "duration", split: "train" });
    const b = await evaluate({ model }, { target: "duration", split: "train" });
    expect(a.extras!.pred_vs_actual.nRows).toBe(2000);
    expect(a.extras!.pred_vs_actual).toEqual(b.extras!.pred_vs_actual);
  });

  it("explains a wrong input", async () => {
    await expect(evaluate({ model: asInput(advertisingSplit()) }, { target: "sales" })).rejects.toThrow(/no "prediction" column/);
    expect(() => evaluateCell.parse({ target: "y", threshold: 2 })).toThrow(/params.threshold/);
  });
});

describe("evaluate cell: classification", () => {
  it("matches sklearn on bank-full's test rows, with confusion and ROC tables", async () => {
    const model = await fitModel(bankSplit(), { task: "classification", target: "y" });
    const out = await evaluate({ model }, { target: "y" });
    const m = metricsOf(out.table, "model");
    expect(m.n).toBe(logRef.nTest);
    for (const k of ["accuracy", "precision", "recall", "f1", "roc_auc", "log_loss"]) close(m[k], logRef.test[k]);
    const conf = out.extras!.confusion;
    expect(getString(conf, "actual").values).toEqual(["no", "no", "yes", "yes"]);
    expect(getString(conf, "predicted").values).toEqual(["no", "yes", "no", "yes"]);
    expect(Array.from(getNumeric(conf, "count").values)).toEqual(logRef.testConfusion.flat());
    const roc = out.extras!.roc;
    const fpr = getNumeric(roc, "fpr").values;
    const tpr = getNumeric(roc, "tpr").values;
    expect([fpr[0], tpr[0], fpr.at(-1), tpr.at(-1)]).toEqual([0, 0, 1, 1]);
    expect(roc.nRows).toBeLessThanOrEqual(2000);
  });

  it("applies the threshold to the class metrics only", async () => {
    const model = await fitModel(bankSplit(), { task: "classification", target: "y" });
    const m = metricsOf((await evaluate({ model }, { target: "y", threshold: 0.3 })).table, "model");
    for (const k of ["accuracy", "precision", "recall", "f1", "roc_auc", "log_loss"]) close(m[k], logRef["testThreshold0.3"][k]);
  });

  it("refuses to compare a classifier with a regression model", async () => {
    const table = bankSplit();
    const model = await fitModel(table, { task: "classification", target: "y" });
    const compare = await fitModel(table, { task: "regression", target: "age", features: ["balance"] });
    await expect(evaluate({ model, compare }, { target: "y" })).rejects.toThrow(/Cannot compare a classification model with a regression model/);
  });
});

describe("evaluate cell: precision-recall, cross-validation, grid search, importance", () => {
  it("adds a PR curve and average precision for a classifier", async () => {
    const model = await fitModel(bankSplit(), { task: "classification", target: "y" });
    const out = await evaluate({ model }, { target: "y" });
    const pr = out.extras!.pr;
    expect(pr.columns.map((c) => c.name)).toEqual(["model", "recall", "precision", "threshold"]);
    expect([getNumeric(pr, "recall").values.at(-1), getNumeric(pr, "precision").values.at(-1)]).toEqual([0, 1]);
    const ap = metricsOf(out.table, "model").average_precision;
    expect(ap).toBeGreaterThan(0.3);
    expect(ap).toBeLessThan(1);
  });

  it("re-fits the upstream algorithm on the training rows for CV and a grid, and permutes features on the test rows", async () => {
    const table = advertisingSplit();
    const model = await fitModel(table, { task: "regression", algorithm: "svm", target: "sales", features: ["TV", "radio", "newspaper"] });
    const progress: number[] = [];
    const ctx = { ...nodeContext(), progress: (f: number) => progress.push(f) };
    const raw = { target: "sales", cv: { folds: 5 }, grid: { params: { C: [0.01, 1] } }, importance: { repeats: 3 }, options: { epsilon: 0.1 } };
    const out = await evaluateCell.run({ model }, evaluateCell.parse(raw), ctx);
    const s = out.summary as any;
    expect(s.cv.testSizes).toEqual([30, 30, 30, 30, 30]);
    expect(s.cv.stratified).toBe(false);
    expect(s.cv.mean.r2).toBeGreaterThan(0.85);
    expect(out.extras!.cv.nRows).toBe(5);
    expect(s.grid).toMatchObject({ algorithm: "svm", scoring: "r2", combinations: 2 });
    expect(getNumeric(out.extras!.leaderboard, "rank").values).toEqual(Float64Array.of(1, 2));
    expect(s.importance.features.map((f: { feature: string }) => f.feature).slice(0, 2).sort()).toEqual(["TV", "radio"]);
    expect(getString(out.extras!.importance, "feature").values.at(-1)).toBe("newspaper");
    expect(progress.length).toBeGreaterThan(10);
    expect((s.warnings as string[]).some((w) => /does not record its hyperparameters/.test(w))).toBe(false);
  });

  it("refits with the hyperparameters the model cell recorded, and validates the grid", async () => {
    const model = await fitModel(advertisingSplit(), { task: "regression", target: "sales", features: ["TV", "radio"] });
    expect(model.summary.options).toEqual({});
    const out = await evaluate({ model }, { target: "sales", cv: true });
    expect((out.summary.warnings as string[]).some((w) => /does not record its hyperparameters/.test(w))).toBe(false);
    const unrecorded = await evaluate({ model: { ...model, summary: { ...model.summary, options: null } } }, { target: "sales", cv: true });
    expect((unrecorded.summary.warnings as string[]).some((w) => /does not record its hyperparameters/.test(w))).toBe(true);
    expect(() => evaluateCell.parse({ target: "y", grid: { params: { C: [] } } })).toThrow(/params.grid.params.C/);
    expect(() => evaluateCell.parse({ target: "y", cv: { folds: 1 } })).toThrow(/params.cv.folds/);
  });
});
