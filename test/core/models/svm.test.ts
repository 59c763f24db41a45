import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import { svmAlgorithm } from "../../../src/core/models/svm";
import { buildDesignMatrix, encodeBinaryTarget } from "../../../src/core/models";
import { getColumn, getNumeric, takeRows, type Table } from "../../../src/core/frame/table";
import { accuracy, rocAucScore } from "../../../src/core/metrics";
import { bankFeatures, standardizedBank } from "./bank";
import { advertisingTable, fixture } from "./reference";

const ref = fixture("ml_svm.json");
const ctx = { seed: 42, signal: { aborted: false }, progress() {} };
const opts = (raw: Record<string, unknown>) => svmAlgorithm.parseOptions(raw, "params");

function bankParts(trainRows?: number) {
  const t = standardizedBank();
  const y = encodeBinaryTarget(getColumn(t, "y")).y;
  const idx = Array.from({ length: t.nRows }, (_, i) => i);
  const train = idx.filter((i) => i % 5 !== 0).slice(0, trainRows);
  const test = idx.filter((i) => i % 5 === 0);
  return { t, y, train: buildDesignMatrix(t, { features: bankFeatures, y, rows: train }), testTable: takeRows(t, test), yTest: Float64Array.from(test, (i) => y[i]) };
}

describe("SVM (squared hinge, primal Newton on TF.js)", () => {
  it("linear: coefficients equal the exact optimum (scipy, 1e-5 relative) and decision values track LinearSVC (2e-4)", async () => {
    const { train, testTable, yTest } = bankParts();
    const before = tf.memory().numTensors;
    const m = await svmAlgorithm.fit(train, "classification", opts({}), ctx);
    expect(tf.memory().numTensors).toBe(before);
    const coef = (m.summary.coefficients as { estimate: number }[]).map((c) => c.estimate);
    coef.forEach((c, j) => expect(Math.abs(c - ref.linear.coef[j])).toBeLessThan(1e-5 * Math.max(0.05, Math.abs(ref.linear.coef[j]))));
    expect(Math.abs((m.summary.intercept as number) - ref.linear.intercept)).toBeLessThan(1e-5);
    // Decision values: intercept + x·w on the first 20 test rows against LinearSVC (which also penalises its intercept).
    const cols = bankFeatures.map((f) => getNumeric(testTable, f).values);
    for (let i = 0; i < 20; i++) {
      const d = (m.summary.intercept as number) + coef.reduce((s, c, j) => s + c * cols[j][i], 0);
      expect(Math.abs(d - ref.linearSVC.testDecisionFirst20[i])).toBeLessThan(2e-4);
    }
    const prob = await m.predict(testTable);
    expect(Math.abs(accuracy(yTest, prob.map((v) => (v >= 0.5 ? 1 : 0))) - ref.linearSVC.testAccuracy)).toBeLessThanOrEqual(0.002);
    // Platt scaling is monotone, so ranking metrics are LinearSVC's.
    expect(Math.abs(rocAucScore(yTest, prob) - ref.linearSVC.testRocAuc)).toBeLessThan(1e-4);
    m.dispose();
  });

  it("rbf via 150 random Fourier features: accuracy within 0.01 and ROC AUC within 0.05 of libsvm's SVC(rbf), seeded", async () => {
    const { train, testTable, yTest } = bankParts(ref.rbfSVC.trainRows);
    const before = tf.memory().numTensors;
    const m = await svmAlgorithm.fit(train, "classification", opts({ kernel: "rbf", components: 150 }), ctx);
    const prob = await m.predict(testTable);
    expect(tf.memory().numTensors).toBe(before);
    expect(Math.abs((m.summary.fit as { gamma: number }).gamma - ref.rbfSVC.gamma)).toBeLessThan(1e-9);
    const acc = accuracy(yTest, prob.map((v) => (v >= 0.5 ? 1 : 0)));
    console.log(`rbf-rff: accuracy ${acc} (libsvm ${ref.rbfSVC.testAccuracy}), auc ${rocAucScore(yTest, prob)} (libsvm ${ref.rbfSVC.testRocAuc})`);
    expect(Math.abs(acc - ref.rbfSVC.testAccuracy)).toBeLessThan(0.01);
    expect(Math.abs(rocAucScore(yTest, prob) - ref.rbfSVC.testRocAuc)).toBeLessThan(0.05);
    const small = bankParts(1500).train;
    const fitSmall = async () => (await svmAlgorithm.fit(small, "classification", opts({ kernel: "rbf", components: 40 }), ctx)).predict(testTable);
    expect(await fitSmall()).toEqual(await fitSmall());
  });

  it("regression: squared ε-insensitive optimum on Advertising's raw features (scipy, 1e-4 relative)", async () => {
    const t: Table = advertisingTable();
    const y = getNumeric(t, "sales").values;
    const dm = buildDesignMatrix(t, { features: ref.svr.features, y });
    const m = await svmAlgorithm.fit(dm, "regression", opts({ C: 1, epsilon: 0.1 }), ctx);
    const coef = (m.summary.coefficients as { estimate: number }[]).map((c) => c.estimate);
    coef.forEach((c, j) => expect(Math.abs(c - ref.svr.coef[j])).toBeLessThan(1e-4 * Math.max(0.01, Math.abs(ref.svr.coef[j]))));
    expect(Math.abs((m.summary.intercept as number) - ref.svr.intercept)).toBeLessThan(1e-4 * Math.abs(ref.svr.intercept));
    expect((await m.predict(t)).length).toBe(200);
  });

  it("names a bad option", () => {
    expect(() => opts({ kernel: "poly" })).toThrow(/params.kernel/);
    expect(() => opts({ C: 0 })).toThrow(/params.C/);
  });
});
