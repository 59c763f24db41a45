import { sortNumbers } from "../frame/column-stats";

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
  let finite = true;
  for (let i = 0; i < n && finite; i++) finite = !Number.isNaN(score[i]);
  if (finite) return scoreRunsSorted(yTrue, score);
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

/**
 * The same runs without an index sort: the positives' and the negatives' scores are sorted apart
 * (a numeric typed-array sort, far quicker than sorting a million indices with a comparator), then
 * merged from the top, one point per distinct score. Only the counts at the end of each run of tied
 * scores are reported, so the order within a run never mattered. Scores must not be NaN.
 */
function scoreRunsSorted(yTrue: Float64Array, score: Float64Array): ScoreRuns {
  const tps: number[] = [];
  const fps: number[] = [];
  const thresholds: number[] = [];
  visitScoreRuns(yTrue, score, (tp, fp, threshold) => {
    tps.push(tp);
    fps.push(fp);
    thresholds.push(threshold);
  });
  return { tps, fps, thresholds };
}

/**
 * Calls `visit(tp, fp, score)` for each run of tied scores, scores falling, as scoreRuns lists
 * them, without building the lists (ROC AUC needs only a running sum). Scores must not be NaN.
 * Returns the positives and negatives counted.
 */
export function visitScoreRuns(
  yTrue: Float64Array, score: Float64Array, visit: (tp: number, fp: number, threshold: number) => void,
): { readonly positives: number; readonly negatives: number } {
  const n = yTrue.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) if (yTrue[i] === 1) nPos++;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(n - nPos);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (yTrue[i] === 1) pos[a++] = score[i];
    else neg[b++] = score[i];
  }
  sortNumbers(pos);
  sortNumbers(neg);
  let a = pos.length - 1;
  let b = neg.length - 1;
  while (a >= 0 || b >= 0) {
    const v = a < 0 ? neg[b] : b < 0 ? pos[a] : Math.max(pos[a], neg[b]);
    while (a >= 0 && pos[a] === v) a--;
    while (b >= 0 && neg[b] === v) b--;
    visit(pos.length - 1 - a, neg.length - 1 - b, v);
  }
  return { positives: pos.length, negatives: neg.length };
}
