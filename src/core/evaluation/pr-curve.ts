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
  const n = yTrue.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  const tps: number[] = [];
  const fps: number[] = [];
  const thr: number[] = [];
  let tp = 0;
  for (let k = 0; k < n; k++) {
    tp += yTrue[order[k]] === 1 ? 1 : 0;
    if (k === n - 1 || score[order[k + 1]] !== score[order[k]]) {
      tps.push(tp);
      fps.push(k + 1 - tp);
      thr.push(score[order[k]]);
    }
  }
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
