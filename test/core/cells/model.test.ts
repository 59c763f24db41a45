import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import { defaultFeatures, modelCell } from "../../../src/core/cells/model";
import { CancelledError, ParamError } from "../../../src/core/cells/types";
import { getNumeric, makeTable } from "../../../src/core/frame/table";
import { nodeContext } from "../../helpers/node-context";
import { fixture, maxRelError } from "../models/reference";
import { advertisingSplit, asInput, bankSplit, tiny } from "./model-fixtures";

const linRef = fixture("models_linear.json").split;
const logRef = fixture("models_logistic.json").split;
const run = (table: ReturnType<typeof tiny>, raw: unknown, ctx = nodeContext()) => modelCell.run({ data: asInput(table) }, modelCell.parse(raw), ctx);
const close = (a: any, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

describe("model cell: boosted trees reuse the fit's training scores", () => {
  it("the prediction column equals the model's predict on every row: train rows from the fit, test and incomplete rows predicted", async () => {
    const base = advertisingSplit();
    // One test row and one train row with a missing feature: predicted (NaN), not taken from the fit.
    const radio = Float64Array.from(getNumeric(base, "radio").values);
    radio[3] = NaN;
    radio[160] = NaN;
    const table = makeTable(base.columns.map((c) => (c.name === "radio" ? { name: "radio", type: "number" as const, values: radio } : c)));
    const out = await run(table, { task: "regression", target: "sales", algorithm: "gradient_boosting", features: ["TV", "radio", "newspaper"], maxIter: 30 });
    const column = getNumeric(out.table, "prediction").values;
    const predicted = await out.model!.predict(table);
    expect(Array.from(column)).toEqual(Array.from(predicted));
    expect([Number.isNaN(column[3]), Number.isNaN(column[160]), Number.isNaN(column[4])]).toEqual([true, true, false]);
  });
});

describe("model cell: linear regression", () => {
  const params = { task: "regression", target: "sales", features: ["TV", "radio", "newspaper"] };

  it("fits on the train rows only and matches statsmodels on them", async () => {
    const out = await run(advertisingSplit(), params);
    const s = out.summary as any;
    expect([s.algorithm, s.nTrain, s.nTest, s.droppedRows]).toEqual(["linear", 150, 50, 0]);
    expect(maxRelError([s.intercept, ...s.coefficients.map((c: any) => c.estimate)], linRef.params)).toBeLessThan(1e-9);
    expect(maxRelError([s.interceptInference.stdError, ...s.coefficients.map((c: any) => c.stdError)], linRef.bse)).toBeLessThan(1e-6);
    for (const k of ["mse", "rmse", "mae", "mape", "r2"]) {
      close(s.metrics.train[k], linRef.train[k]);
      close(s.metrics.test[k], linRef.test[k]);
    }
    expect(s.warnings).toEqual([]);
  });

  it("adds a prediction column, a coefficient table and a model that recomputes the predictions", async () => {
    const table = advertisingSplit();
    const out = await run(table, params);
    expect(out.table.columns.map((c) => c.name)).toEqual([...table.columns.map((c) => c.name), "prediction"]);
    expect(Array.from(await out.model!.predict(table))).toEqual(Array.from(getNumeric(out.table, "prediction").values));
    const coef = out.extras!.coefficients;
    expect(coef.columns.map((c) => c.name)).toEqual(["feature", "estimate", "std_error", "t", "p"]);
    expect(coef.columns[0].values).toEqual(["(intercept)", "TV", "radio", "newspaper"]);
    expect(out.model!.features).toEqual(params.features);
  });

  it("uses every numeric column but the target, split, outputs and exclusions by default", () => {
    expect(defaultFeatures(tiny(), "y", [])).toEqual(["x", "flag"]);
    expect(defaultFeatures(tiny(), "y", ["flag"])).toEqual(["x"]);
  });

  it("drops a constant feature with a warning and counts rows left out", async () => {
    const t = tiny();
    const withConst = { ...t, columns: [...t.columns, { name: "k", type: "number" as const, values: Float64Array.of(1, 1, 1, 1, 1, NaN) }] };
    const out = await run(withConst, { task: "regression", target: "y", features: ["x", "k"] });
    const s = out.summary as any;
    expect(s.features).toEqual(["x"]);
    expect(s.droppedRows).toBe(1);
    expect(s.warnings.join(" ")).toMatch(/constant feature "k".*1 row with a missing feature/);
    // The dropped feature is not part of the model, so the row missing it still gets a prediction.
    expect(getNumeric(out.table, "prediction").values[5]).toBeCloseTo(out.summary.intercept as number + 6 * (s.coefficients[0].estimate as number), 12);
  });

  it("explains what is wrong with the data", async () => {
    await expect(run(tiny(), { task: "regression", target: "y", features: ["region"] })).rejects.toThrow(/"region" is text.*One-hot/);
    await expect(run(tiny(), { task: "regression", target: "won" })).rejects.toThrow(/Target "won" is text; regression needs numbers/);
    await expect(run(tiny(), { task: "classification", target: "same" })).rejects.toThrow(/Target "same" has a single class/);
    const two = { nRows: 2, columns: tiny().columns.map((c) => ({ ...c, values: c.values.slice(0, 2) })) } as any;
    await expect(run(two, { task: "regression", target: "y", features: ["x", "flag"] })).rejects.toThrow(/2 complete rows for 2 features; need at least 3/);
  });

  it("rejects inconsistent parameters, naming the field", () => {
    expect(() => modelCell.parse({ task: "regression", algorithm: "logistic", target: "y" })).toThrow(ParamError);
    expect(() => modelCell.parse({ task: "regression", target: "y", features: ["y"] })).toThrow(/params.features/);
    expect(() => modelCell.parse({ task: "classification", target: "y", C: 0 })).toThrow(/params.C/);
    expect(modelCell.parse({ task: "classification", target: "won" })).toMatchObject({ algorithm: "logistic", options: { C: 1, maxIter: 100 } });
    expect(modelCell.parse({ algorithm: "linear", target: "y" })).toMatchObject({ task: "regression" });
  });
});

describe("model cell: logistic regression", () => {
  const params = { task: "classification", algorithm: "logistic", target: "y" };

  it("fits bank-full's train rows like scikit-learn, coding \"yes\" as positive", async () => {
    const ctx = nodeContext();
    const out = await run(bankSplit(), params, ctx);
    const s = out.summary as any;
    expect([s.positive, s.negative, s.nTrain, s.nTest]).toEqual(["yes", "no", logRef.nTrain, logRef.nTest]);
    expect(maxRelError([...s.coefficients.map((c: any) => c.estimate), s.intercept], [...logRef.coef, logRef.intercept])).toBeLessThan(1e-6);
    for (const k of ["accuracy", "precision", "recall", "f1", "roc_auc", "log_loss"]) {
      close(s.metrics.train[k], logRef.train[k]);
      close(s.metrics.test[k], logRef.test[k]);
    }
    expect(s.fit.converged).toBe(true);
    expect(ctx.progressLog.length).toBeGreaterThan(2);
    expect(ctx.progressLog.at(-1)).toBe(1);
    const prob = getNumeric(out.table, "probability").values;
    const pred = getNumeric(out.table, "prediction").values;
    expect(pred.every((p, i) => p === (prob[i] >= 0.5 ? 1 : 0))).toBe(true);
  });

  it("returns to the tensor baseline after fit, predict and dispose", async () => {
    const table = bankSplit();
    await run(table, params);
    const before = tf.memory().numTensors;
    const out = await run(table, params);
    await out.model!.predict(table);
    out.model!.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("stops with CancelledError when the run is cancelled", async () => {
    const controller = new AbortController();
    const ctx = nodeContext({ signal: controller.signal });
    const progress = ctx.progress;
    ctx.progress = (f, m) => {
      progress(f, m);
      if (f > 0) controller.abort();
    };
    const before = tf.memory().numTensors;
    await expect(run(bankSplit(), params, ctx)).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("honours an explicit positive class", async () => {
    const out = await run(tiny(), { ...params, target: "won", positive: "no", features: ["x"] });
    expect((out.summary as any).positive).toBe("no");
  });
});
