import type { Table } from "../frame/table";
import { featureColumns } from "./design-matrix";
import type { LinearPredictorFit } from "./types";

/**
 * η = intercept + Σ βⱼ xⱼ for every row of `table` (NaN where a feature is missing), in float64.
 * Prediction is O(n·p), so it stays in JS: exact, and no tensors to keep alive in the model.
 */
export function linearPredictor(fit: Pick<LinearPredictorFit, "features" | "intercept" | "coefficients">, table: Table): Float64Array {
  const cols = featureColumns(table, fit.features).map((c) => c.values);
  const beta = fit.coefficients.map((c) => c.estimate);
  const out = new Float64Array(table.nRows).fill(fit.intercept.estimate);
  for (let j = 0; j < cols.length; j++) {
    const col = cols[j];
    const b = beta[j];
    for (let i = 0; i < out.length; i++) out[i] += b * col[i];
  }
  return out;
}

/** The logistic function 1 / (1 + e^−η), written to stay finite for large |η|. */
export function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}
