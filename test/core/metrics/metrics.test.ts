import { describe, expect, it } from "vitest";
import {
  accuracy, binaryMetrics, confusionMatrix, f1Score, logLoss, meanAbsolutePercentageError, precisionScore, r2Score,
  recallScore, regressionMetrics, rocAucScore, rocCurve,
} from "../../../src/core/metrics";
import { fixture } from "../models/reference";

const ref = fixture("models_metrics.json");
const f64 = (a: number[]) => Float64Array.from(a);
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

describe("regression metrics", () => {
  it("match sklearn on a fixed pair of arrays", () => {
    const r = ref.regression;
    const m = regressionMetrics(f64(r.yTrue), f64(r.yPred));
    for (const k of ["mse", "rmse", "mae", "mape", "r2"] as const) close(m[k], r[k]);
  });

  it("divide by machine epsilon, not zero, in MAPE (as sklearn)", () => {
    const r = ref.regressionWithZero;
    close(meanAbsolutePercentageError(f64(r.yTrue), f64(r.yPred)), r.mape);
  });

  it("give R² of 1 or 0 for a constant target, never ±Infinity", () => {
    const c = ref.r2Constant;
    expect(r2Score(f64(c.yTrue), f64([3, 3, 3]))).toBe(c.perfect);
    expect(r2Score(f64(c.yTrue), f64([3, 2, 3]))).toBe(c.imperfect);
  });

  it("reject arrays of different lengths", () => {
    expect(() => r2Score(f64([1, 2]), f64([1]))).toThrow(/2 true values but 1 predictions/);
  });
});

describe("binary classification metrics", () => {
  const b = ref.binary;
  const y = f64(b.yTrue);
  const s = f64(b.score);

  it("match sklearn at thresholds 0.5 and 0.35, ROC AUC with tied scores included", () => {
    const m = binaryMetrics(y, s);
    for (const k of ["accuracy", "precision", "recall", "f1", "roc_auc", "log_loss"] as const) close(m[k], b[k]);
    const m35 = binaryMetrics(y, s, 0.35);
    for (const k of ["accuracy", "precision", "recall", "f1"] as const) close(m35[k], b["threshold0.35"][k]);
  });

  it("give sklearn's ROC curve points, with and without intermediate points", () => {
    for (const [curve, expected] of [[rocCurve(y, s), b.roc], [rocCurve(y, s, { dropIntermediate: false }), b.rocAll]] as const) {
      expect(Array.from(curve.fpr)).toEqual(expected.fpr.map((v: number) => expect.closeTo(v, 12)));
      expect(Array.from(curve.tpr)).toEqual(expected.tpr.map((v: number) => expect.closeTo(v, 12)));
      expect(Array.from(curve.thresholds)).toEqual(expected.thresholds.map((v: number) => expect.closeTo(v, 12)));
    }
  });

  it("build sklearn's confusion matrix", () => {
    const pred = Float64Array.from(s, (v) => (v >= 0.5 ? 1 : 0));
    expect(confusionMatrix(y, pred)).toEqual({ labels: [0, 1], counts: b.confusion });
  });

  it("clip probabilities in log loss like sklearn", () => {
    const e = ref.logLossExtreme;
    close(logLoss(f64(e.yTrue), f64(e.prob)), e.logLoss);
  });

  it("return NaN AUC when only one class is present, and 0 for an undefined precision", () => {
    expect(rocAucScore(f64([1, 1]), f64([0.2, 0.4]))).toBeNaN();
    expect(precisionScore(f64([1, 0]), f64([0, 0]))).toBe(0);
  });
});

describe("multi-class metrics", () => {
  const mc = ref.multiclass;
  const y = f64(mc.yTrue);
  const p = f64(mc.yPred);

  it("match sklearn's macro and weighted averages, with a class never predicted", () => {
    close(accuracy(y, p), mc.accuracy);
    for (const average of ["macro", "weighted"] as const) {
      close(precisionScore(y, p, { average }), mc[average].precision);
      close(recallScore(y, p, { average }), mc[average].recall);
      close(f1Score(y, p, { average }), mc[average].f1);
    }
    expect(confusionMatrix(y, p)).toEqual({ labels: mc.labels, counts: mc.confusion });
  });

  it("refuse a binary average over more than two labels", () => {
    expect(() => precisionScore(y, p)).toThrow(/needs 0\/1 labels/);
  });
});
