/**
 * Cumulative true and false positives at each distinct score, scores falling: the points both the
 * ROC and the precision-recall curve are made of (sklearn's `_binary_clf_curve`). Tied scores form
 * one point, after the last row of their run.
 */
export interface ScoreRuns {
  readonly tps: number[];
  readonly fps: number[];
  /** The score of each point, decreasing. */
  readonly thresholds: number[];
}

export function scoreRuns(yTrue: Float64Array, score: Float64Array): ScoreRuns {
  const n = yTrue.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  const tps: number[] = [];
  const fps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  for (let k = 0; k < n; k++) {
    tp += yTrue[order[k]] === 1 ? 1 : 0;
    if (k === n - 1 || score[order[k + 1]] !== score[order[k]]) {
      tps.push(tp);
      fps.push(k + 1 - tp);
      thresholds.push(score[order[k]]);
    }
  }
  return { tps, fps, thresholds };
}
