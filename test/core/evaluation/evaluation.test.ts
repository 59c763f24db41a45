import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs-core";
import { crossValidate, expandGrid, gridSearch, kFold, permutationImportance, precisionRecallCurve, averagePrecision, stratifiedKFold } from "../../../src/core/evaluation";
import { parseCsv } from "../../../src/core/frame/csv";
import { getColumn, type Table } from "../../../src/core/frame/table";
import { encodeBinaryTarget } from "../../../src/core/models";
import { impute, onehot, scale } from "../../../src/core/steps";
import { rocAucScore } from "../../../src/core/metrics";
import { sharedData } from "../../helpers/node-context";
import { fixture } from "../models/reference";

const cvRef = fixture("ml_cv.json");
const prRef = fixture("ml_pr.json");
const signal = { aborted: false };

/** Telco as REFERENCE.json's figure: blank TotalCharges → 0, one-hot every text column, standardise all. */
function telco(): { table: Table; features: string[]; y: Float64Array } {
  let t = parseCsv(new Uint8Array(readFileSync(`${sharedData}/crm/telco_churn/Telco-Customer-Churn.csv`)));
  const y = encodeBinaryTarget(getColumn(t, "Churn"), "true").y;
  t = impute(t, { op: "impute", columns: ["TotalCharges"], strategy: "constant", value: 0 } as never).table;
  const numeric = ["SeniorCitizen", "tenure", "MonthlyCharges", "TotalCharges"];
  const categorical = t.columns.map((c) => c.name).filter((c) => !["customerID", "Churn", ...numeric].includes(c));
  t = onehot(t, { op: "onehot", columns: categorical, dropFirst: false } as never).table;
  const features = t.columns.map((c) => c.name).filter((c) => c !== "customerID" && c !== "Churn");
  t = scale(t, { op: "scale", columns: features, method: "standard" } as never).table;
  return { table: t, features, y };
}

describe("folds", () => {
  it("KFold and StratifiedKFold (no shuffle) equal scikit-learn's exactly", () => {
    expect(kFold(7043, 5).map((f) => f.test.length)).toEqual(cvRef.kfoldSizes7043);
    expect(stratifiedKFold(cvRef.toyLabels, 4).map((f) => Array.from(f.test))).toEqual(cvRef.toyStratified4);
  });
  it("shuffled folds are seeded, disjoint and cover every row", () => {
    const a = stratifiedKFold(cvRef.toyLabels, 4, { shuffle: true, seed: 3 });
    expect(stratifiedKFold(cvRef.toyLabels, 4, { shuffle: true, seed: 3 })).toEqual(a);
    expect(a.flatMap((f) => Array.from(f.test)).sort((x, y) => x - y)).toEqual(cvRef.toyLabels.map((_: number, i: number) => i));
    expect(() => kFold(3, 5)).toThrow(/Cannot make 5 folds from 3 rows/);
  });
});

describe("cross-validation and grid search on Telco churn", () => {
  const { table, features, y } = telco();
  const rows = Int32Array.from({ length: table.nRows }, (_, i) => i);
  const spec = { algorithm: "logistic", task: "classification" as const, features, params: {} };

  it("stratified 5-fold logistic ROC AUC: folds exactly sklearn's, AUC per fold within 1e-6, mean ≈ 0.8455 (README) within 0.005", async () => {
    expect(features.length).toBe(cvRef.features);
    const before = tf.memory().numTensors;
    const cv = await crossValidate(table, y, rows, spec, { folds: 5, stratified: true, shuffle: false, seed: 0, signal });
    expect(tf.memory().numTensors).toBe(before);
    expect(cv.testSizes).toEqual(cvRef.folds.map((f: { testSize: number }) => f.testSize));
    cv.folds.forEach((f, i) => expect(Math.abs(f.roc_auc - cvRef.rocAuc[i])).toBeLessThan(1e-6));
    expect(Math.abs(cv.std.roc_auc - cvRef.rocAucStd)).toBeLessThan(1e-6);
    expect(Math.abs(cv.mean.roc_auc - 0.8455)).toBeLessThan(0.005);
  });

  it("grid search ranks C values by CV ROC AUC and reports progress per fit", async () => {
    expect(expandGrid({ C: [0.1, 1], maxIter: [50] })).toEqual([{ C: 0.1, maxIter: 50 }, { C: 1, maxIter: 50 }]);
    const progress: number[] = [];
    const board = await gridSearch(table, y, rows, spec, { C: [0.001, 1] }, "roc_auc", { folds: 3, stratified: true, shuffle: true, seed: 1, signal }, (d) => progress.push(d));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(board.map((e) => e.params.C)).toEqual([1, 0.001]);
    expect(board[0].mean).toBeGreaterThan(board[1].mean);
    await expect(gridSearch(table, y, rows, spec, { C: [1] }, "roc_auc", { folds: 3, stratified: true, shuffle: false, seed: 1, signal: { aborted: true } })).rejects.toThrow(/Cancelled/);
  });

  it("permutation importance is seeded and ranks a real feature above a pure-noise one", async () => {
    const noise = Float64Array.from({ length: table.nRows }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const t2: Table = { nRows: table.nRows, columns: [...table.columns, { name: "noise", type: "number", values: noise }] };
    const weights = { contract: features.find((f) => f.startsWith("Contract=Month"))! };
    const predict = async (tb: Table) => {
      const c = (tb.columns.find((x) => x.name === weights.contract)!.values as Float64Array);
      return Float64Array.from(c, (v) => v);
    };
    const yTest = Float64Array.from(rows, (r) => y[r]);
    const run = () => permutationImportance(predict, t2, rows, [weights.contract, "noise"], (s) => rocAucScore(yTest, s), { repeats: 3, seed: 5, signal });
    const imp = await run();
    expect(imp).toEqual(await run());
    expect(imp[0].feature).toBe(weights.contract);
    expect(imp[0].mean).toBeGreaterThan(0.1);
    expect(imp.find((i) => i.feature === "noise")!.mean).toBe(0);
  });
});

describe("precision-recall curve", () => {
  it("matches sklearn's precision_recall_curve and average_precision_score (with ties) to 1e-12", () => {
    const y = Float64Array.from(prRef.y);
    const s = Float64Array.from(prRef.score);
    const pr = precisionRecallCurve(y, s);
    expect(pr.thresholds.length).toBe(prRef.thresholds.length);
    pr.precision.forEach((v, i) => expect(Math.abs(v - prRef.precision[i])).toBeLessThan(1e-12));
    pr.recall.forEach((v, i) => expect(Math.abs(v - prRef.recall[i])).toBeLessThan(1e-12));
    pr.thresholds.forEach((v, i) => expect(v).toBe(prRef.thresholds[i]));
    expect(Math.abs(averagePrecision(y, s) - prRef.averagePrecision)).toBeLessThan(1e-12);
  });
});
