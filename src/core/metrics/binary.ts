import { accuracy, applyThreshold, f1Score, logLoss, precisionScore, recallScore } from "./classification";
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
