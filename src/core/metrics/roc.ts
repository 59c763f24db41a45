import { checkSameLength } from "./check";
import { scoreRuns, visitScoreRuns } from "./score-runs";

/** A ROC curve: false and true positive rates as the threshold falls through the scores. */
export interface RocCurve {
  readonly fpr: Float64Array;
  readonly tpr: Float64Array;
  /** Score thresholds, decreasing; the first is max(score) + 1 (sklearn 1.2; later versions use Infinity) so the curve starts at (0, 0). */
  readonly thresholds: Float64Array;
}

/**
 * ROC curve of 0/1 labels against scores, as sklearn.metrics.roc_curve: one point per distinct
 * score (tied scores move both rates at once, a diagonal segment), and with `dropIntermediate`
 * (the default) points on a straight segment removed. Rates are NaN when a class is absent.
 */
export function rocCurve(yTrue: Float64Array, score: Float64Array, opts: { dropIntermediate?: boolean } = {}): RocCurve {
  checkSameLength(yTrue, score, "rocCurve");
  const { tps, fps, thresholds: thr } = scoreRuns(yTrue, score);
  let keep = tps.map((_, i) => i);
  if (opts.dropIntermediate ?? true) {
    // sklearn keeps the ends and every point where either rate's second difference is non-zero.
    keep = keep.filter(
      (i) => i === 0 || i === tps.length - 1 || fps[i - 1] - 2 * fps[i] + fps[i + 1] !== 0 || tps[i - 1] - 2 * tps[i] + tps[i + 1] !== 0,
    );
  }
  const m = keep.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const thresholds = new Float64Array(m);
  const pos = tps.length ? tps[tps.length - 1] : 0;
  const neg = fps.length ? fps[fps.length - 1] : 0;
  thresholds[0] = thr.length ? thr[0] + 1 : Infinity;
  fpr[0] = neg ? 0 : NaN;
  tpr[0] = pos ? 0 : NaN;
  keep.forEach((i, k) => {
    fpr[k + 1] = fps[i] / neg;
    tpr[k + 1] = tps[i] / pos;
    thresholds[k + 1] = thr[i];
  });
  return { fpr, tpr, thresholds };
}

/**
 * Area under the ROC curve by the trapezoid rule over the curve above, so ties count half, as in
 * sklearn.metrics.roc_auc_score. NaN when only one class is present (sklearn raises).
 */
export function rocAucScore(yTrue: Float64Array, score: Float64Array): number {
  checkSameLength(yTrue, score, "rocAucScore");
  let finite = true;
  for (let i = 0; i < score.length && finite; i++) finite = !Number.isNaN(score[i]);
  if (finite) return rocAucFromRuns(yTrue, score);
  const { fpr, tpr } = rocCurve(yTrue, score, { dropIntermediate: false });
  if (Number.isNaN(fpr[0]) || Number.isNaN(tpr[0])) return NaN;
  let area = 0;
  for (let i = 1; i < fpr.length; i++) area += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
  return area;
}

/**
 * The same trapezoid sum, point by point as the curve would list them, without building the curve
 * (on a million rows the arrays cost more than the sum): the same operations in the same order, so
 * the same value to the bit. The positive and negative counts are only known after the sort, so
 * the points are kept as counts and divided afterwards.
 */
function rocAucFromRuns(yTrue: Float64Array, score: Float64Array): number {
  let n = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === 1) n++;
  const pos = n;
  const neg = yTrue.length - n;
  if (!pos || !neg) return NaN;
  let area = 0;
  let prevF = 0;
  let prevT = 0;
  visitScoreRuns(yTrue, score, (tp, fp) => {
    const f = fp / neg;
    const t = tp / pos;
    area += ((f - prevF) * (t + prevT)) / 2;
    prevF = f;
    prevT = t;
  });
  return area;
}
