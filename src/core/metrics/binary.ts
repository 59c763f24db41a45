import { accuracy, applyThreshold, f1Score, logLoss, precisionScore, recallScore } from "./classification";
import { checkSameLength } from "./check";
import { rocAucScore } from "./roc";

/** The binary classification metrics a model cell reports. */
export interface BinaryMetrics {
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly roc_auc: number;
  readonly log_loss: number;
}

/** All binary metrics of P(y = 1) against 0/1 labels; class metrics use prob ≥ threshold. */
export function binaryMetrics(yTrue: Float64Array, prob: Float64Array, threshold = 0.5): BinaryMetrics {
  checkSameLength(yTrue, prob, "binaryMetrics");
  const counts = confusionCounts(yTrue, prob, threshold);
  if (counts) {
    // The class metrics from one count of the four cells, with the formulas (and zero-division
    // rule) of precisionScore, recallScore and f1Score, so the same values.
    const { tp, fp, fn, tn } = counts;
    const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
    return {
      accuracy: (tp + tn) / yTrue.length,
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
      f1: ratio(2 * tp, 2 * tp + fp + fn),
      roc_auc: rocAucScore(yTrue, prob),
      log_loss: logLoss(yTrue, prob),
    };
  }
  const pred = applyThreshold(prob, threshold);
  return {
    accuracy: accuracy(yTrue, pred),
    precision: precisionScore(yTrue, pred),
    recall: recallScore(yTrue, pred),
    f1: f1Score(yTrue, pred),
    roc_auc: rocAucScore(yTrue, prob),
    log_loss: logLoss(yTrue, prob),
  };
}

/** True/false positives and negatives at prob ≥ threshold; undefined when a label is not 0 or 1. */
function confusionCounts(yTrue: Float64Array, prob: Float64Array, threshold: number) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i];
    const predicted = prob[i] >= threshold;
    if (y === 1) {
      if (predicted) tp++;
      else fn++;
    } else if (y === 0) {
      if (predicted) fp++;
      else tn++;
    } else {
      return undefined;
    }
  }
  return { tp, fp, fn, tn };
}
