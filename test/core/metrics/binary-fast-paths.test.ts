// binaryMetrics counts the confusion matrix once and rocAucScore sums the curve without building it;
// both must give exactly what the metric-by-metric functions and the curve give.
import { describe, expect, it } from "vitest";
import {
  accuracy, applyThreshold, binaryMetrics, f1Score, logLoss, precisionScore, recallScore, rocAucScore, rocCurve,
} from "../../../src/core/metrics";
import { mulberry32 } from "../../../src/core/steps/types";

function reference(y: Float64Array, prob: Float64Array, threshold = 0.5) {
  const pred = applyThreshold(prob, threshold);
  const { fpr, tpr } = rocCurve(y, prob, { dropIntermediate: false });
  let area = 0;
  for (let i = 1; i < fpr.length; i++) area += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
  return {
    accuracy: accuracy(y, pred), precision: precisionScore(y, pred), recall: recallScore(y, pred), f1: f1Score(y, pred),
    roc_auc: Number.isNaN(fpr[0]) || Number.isNaN(tpr[0]) ? NaN : area, log_loss: logLoss(y, prob),
  };
}

function sample(n: number, seed: number, levels = 0) {
  const rand = mulberry32(seed);
  const prob = Float64Array.from({ length: n }, () => (levels ? Math.floor(rand() * levels) / levels : rand()));
  const y = Float64Array.from(prob, (p) => (rand() < p ? 1 : 0));
  return { y, prob };
}

describe("binary metrics fast paths", () => {
  const cases = {
    "distinct scores": sample(5000, 1),
    "heavily tied scores": sample(5000, 2, 7),
    "one class only": { y: new Float64Array(50), prob: sample(50, 3).prob },
    "nothing predicted positive": { y: sample(200, 4).y, prob: new Float64Array(200).fill(0.1) },
  };
  for (const [name, { y, prob }] of Object.entries(cases)) {
    it(`equal the metric-by-metric values to the bit: ${name}`, () => {
      expect(binaryMetrics(y, prob)).toEqual(reference(y, prob));
      expect(binaryMetrics(y, prob, 0.3)).toEqual(reference(y, prob, 0.3));
    });
  }

  it("fall back to the general path for NaN scores and for labels other than 0/1", () => {
    const { y, prob } = sample(300, 5);
    prob[17] = NaN;
    expect(rocAucScore(y, prob)).toBe(reference(y, prob).roc_auc);
    const odd = Float64Array.from(y);
    odd[3] = 2;
    expect(() => binaryMetrics(odd, sample(300, 6).prob)).toThrow(/average "binary" needs 0\/1 labels/);
  });
});
