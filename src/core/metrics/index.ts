export {
  meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError, r2Score, regressionMetrics, rootMeanSquaredError,
} from "./regression";
export type { RegressionMetrics } from "./regression";
export {
  accuracy, applyThreshold, confusionMatrix, f1Score, logLoss, precisionScore, recallScore,
} from "./classification";
export type { Average, AverageOptions, ConfusionMatrix } from "./classification";
export { rocAucScore, rocCurve } from "./roc";
export type { RocCurve } from "./roc";
export { binaryMetrics } from "./binary";
export type { BinaryMetrics } from "./binary";
