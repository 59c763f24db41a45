import type { FittedMethod } from "./fit-method";

/** Accuracy over rolling-origin folds (errors pooled over all folds and steps). */
export interface Backtest {
  /** Periods forecast per fold. */
  readonly holdout: number;
  /** Folds that could be run (a fold is dropped when its training part is too short). */
  readonly folds: number;
  readonly mae: number;
  readonly rmse: number;
  /** Mean absolute percentage error in %, over actuals ≠ 0; null when all are 0. */
  readonly mape: number | null;
  /** Symmetric MAPE in % (200·|e|/(|a|+|f|)), skipping steps where both are 0. */
  readonly smape: number | null;
  /** MAE scaled by the in-sample MAE of the seasonal naive (lag m, or 1) on each fold's training data. */
  readonly mase: number | null;
}

/**
 * Rolling-origin evaluation (Tashman 2000) with non-overlapping windows: fold i trains on all but
 * the last (folds − i)·holdout periods and forecasts the next `holdout`. `fit` gives the model
 * for a training history (it throws when the history is too short; such folds are skipped).
 * Returns null when no fold could run.
 */
export function rollingOrigin(y: Float64Array, m: number, holdout: number, folds: number, fit: (train: Float64Array) => FittedMethod): Backtest | null {
  const errors: number[] = [];
  const actuals: number[] = [];
  const preds: number[] = [];
  const scaled: number[] = [];
  let ran = 0;
  for (let i = 0; i < folds; i++) {
    const end = y.length - (folds - i) * holdout;
    if (end < 1 || holdout < 1) continue;
    const train = y.subarray(0, end);
    let model: FittedMethod;
    try {
      model = fit(train);
    } catch {
      continue;
    }
    const f = model.forecast(holdout, [0.9]).point;
    const scale = naiveScale(train, m);
    ran++;
    for (let h = 0; h < holdout; h++) {
      const e = y[end + h] - f[h];
      errors.push(e);
      actuals.push(y[end + h]);
      preds.push(f[h]);
      scaled.push(scale > 0 ? Math.abs(e) / scale : NaN);
    }
  }
  if (!ran) return null;
  return { holdout, folds: ran, ...accuracy(errors, actuals, preds, scaled) };
}

function accuracy(errors: number[], actuals: number[], preds: number[], scaled: number[]) {
  const n = errors.length;
  let abs = 0, sq = 0, pct = 0, nPct = 0, sym = 0, nSym = 0, sc = 0, nSc = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.abs(errors[i]);
    abs += e;
    sq += e * e;
    // Zero sales periods are common in sparse groups; they make a percentage error infinite.
    if (actuals[i] !== 0) {
      pct += e / Math.abs(actuals[i]);
      nPct++;
    }
    const denom = Math.abs(actuals[i]) + Math.abs(preds[i]);
    if (denom > 0) {
      sym += (2 * e) / denom;
      nSym++;
    }
    if (Number.isFinite(scaled[i])) {
      sc += scaled[i];
      nSc++;
    }
  }
  return {
    mae: abs / n,
    rmse: Math.sqrt(sq / n),
    mape: nPct ? (100 * pct) / nPct : null,
    smape: nSym ? (100 * sym) / nSym : null,
    mase: nSc ? sc / nSc : null,
  };
}

function naiveScale(train: Float64Array, m: number): number {
  const lag = m > 1 && train.length > m ? m : 1;
  let s = 0;
  let k = 0;
  for (let t = lag; t < train.length; t++, k++) s += Math.abs(train[t] - train[t - lag]);
  return k ? s / k : NaN;
}
