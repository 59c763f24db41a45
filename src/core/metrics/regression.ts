import { checkSameLength } from "./check";

/**
 * Regression metrics with scikit-learn's definitions (sklearn.metrics), on clean Float64Arrays:
 * callers drop missing rows first. Empty input gives NaN.
 */

/** Mean squared error. */
export function meanSquaredError(yTrue: Float64Array, yPred: Float64Array): number {
  checkSameLength(yTrue, yPred, "meanSquaredError");
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += (yTrue[i] - yPred[i]) ** 2;
  return s / yTrue.length;
}

/** Root mean squared error, in the target's units. */
export function rootMeanSquaredError(yTrue: Float64Array, yPred: Float64Array): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred));
}

/** Mean absolute error. */
export function meanAbsoluteError(yTrue: Float64Array, yPred: Float64Array): number {
  checkSameLength(yTrue, yPred, "meanAbsoluteError");
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yTrue[i] - yPred[i]);
  return s / yTrue.length;
}

/**
 * Mean absolute percentage error as a fraction (0.1 = 10%), like sklearn: each error is divided
 * by max(|y|, machine epsilon), so a zero actual gives a huge term rather than Infinity.
 */
export function meanAbsolutePercentageError(yTrue: Float64Array, yPred: Float64Array): number {
  checkSameLength(yTrue, yPred, "meanAbsolutePercentageError");
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yTrue[i] - yPred[i]) / Math.max(Math.abs(yTrue[i]), Number.EPSILON);
  return s / yTrue.length;
}

/**
 * Coefficient of determination 1 − SS_res / SS_tot. For a constant target sklearn returns 1 when
 * the predictions are perfect and 0 otherwise (never ±Infinity); so does this.
 */
export function r2Score(yTrue: Float64Array, yPred: Float64Array): number {
  checkSameLength(yTrue, yPred, "r2Score");
  const n = yTrue.length;
  if (n === 0) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i];
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += (yTrue[i] - yPred[i]) ** 2;
    ssTot += (yTrue[i] - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/** The regression metrics a model cell reports. */
export interface RegressionMetrics {
  readonly mse: number;
  readonly rmse: number;
  readonly mae: number;
  readonly mape: number;
  readonly r2: number;
}

/** All regression metrics at once. */
export function regressionMetrics(yTrue: Float64Array, yPred: Float64Array): RegressionMetrics {
  const mse = meanSquaredError(yTrue, yPred);
  return {
    mse,
    rmse: Math.sqrt(mse),
    mae: meanAbsoluteError(yTrue, yPred),
    mape: meanAbsolutePercentageError(yTrue, yPred),
    r2: r2Score(yTrue, yPred),
  };
}
