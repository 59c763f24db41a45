import { scoreRuns } from "../metrics/score-runs";

/** A precision-recall curve, as sklearn.metrics.precision_recall_curve returns it. */
export interface PrCurve {
  /** Precision per threshold, then a final 1 (recall 0). */
  readonly precision: Float64Array;
  /** Recall per threshold (decreasing), then a final 0. */
  readonly recall: Float64Array;
  /** Increasing distinct scores (one fewer than the rates). */
  readonly thresholds: Float64Array;
}

/**
 * Precision and recall at every distinct score threshold, as sklearn 1.2's precision_recall_curve:
 * thresholds increase (one point per distinct score) and the curve ends at (recall 0, precision 1).
 * With no positives recall is NaN.
 */
export function precisionRecallCurve(yTrue: Float64Array, score: Float64Array): PrCurve {
  const { tps, fps, thresholds: thr } = scoreRuns(yTrue, score);
  const pos = tps.length ? tps[tps.length - 1] : 0;
  // Every distinct score is a point (sklearn ≥ 1.1 no longer stops at full recall), reversed to increasing thresholds.
  const last = tps.length - 1;
  const m = tps.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thresholds = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const src = last - i;
    const predicted = tps[src] + fps[src];
    precision[i] = predicted ? tps[src] / predicted : 0;
    recall[i] = pos ? tps[src] / pos : NaN;
    thresholds[i] = thr[src];
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds };
}

/** Average precision Σ (Rₙ − Rₙ₋₁) Pₙ, as sklearn.metrics.average_precision_score (no interpolation). */
export function averagePrecision(yTrue: Float64Array, score: Float64Array): number {
  const { precision, recall } = precisionRecallCurve(yTrue, score);
  let ap = 0;
  for (let i = 0; i < recall.length - 1; i++) ap -= (recall[i + 1] - recall[i]) * precision[i];
  return ap;
}
