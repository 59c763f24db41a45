import { checkSameLength } from "./check";

/**
 * Classification metrics with scikit-learn's definitions. Labels are numbers (binary: 1 is the
 * positive class). Where sklearn would warn about a zero division (no predicted or no actual
 * positives) these return 0, as sklearn's `zero_division=0` does.
 */

/** How precision/recall/F1 combine classes: the positive class only, or an average over labels. */
export type Average = "binary" | "macro" | "weighted";

/** Options for precision, recall and F1. */
export interface AverageOptions {
  /** Default "binary". */
  readonly average?: Average;
  /** The positive label for "binary" (default 1). */
  readonly positive?: number;
}

/** Fraction of predictions equal to the truth. */
export function accuracy(yTrue: Float64Array, yPred: Float64Array): number {
  checkSameLength(yTrue, yPred, "accuracy");
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}

/** A confusion matrix: counts[i][j] = rows with true label labels[i] predicted as labels[j]. */
export interface ConfusionMatrix {
  /** Sorted union of the true and predicted labels. */
  readonly labels: readonly number[];
  readonly counts: readonly (readonly number[])[];
}

/** Confusion matrix over the sorted union of labels (sklearn.metrics.confusion_matrix). */
export function confusionMatrix(yTrue: Float64Array, yPred: Float64Array): ConfusionMatrix {
  checkSameLength(yTrue, yPred, "confusionMatrix");
  const seen = new Set<number>();
  for (let i = 0; i < yTrue.length; i++) seen.add(yTrue[i]);
  for (let i = 0; i < yPred.length; i++) seen.add(yPred[i]);
  const labels = [...seen].sort((a, b) => a - b);
  const counts = labels.map(() => labels.map(() => 0));
  if (labels.length === 2 && labels[0] === 0 && labels[1] === 1) {
    // Binary 0/1 (every model cell's case): the labels are their own indices.
    const flat = [0, 0, 0, 0];
    for (let i = 0; i < yTrue.length; i++) flat[2 * yTrue[i] + yPred[i]]++;
    return { labels, counts: [[flat[0], flat[1]], [flat[2], flat[3]]] };
  }
  const index = new Map(labels.map((l, i) => [l, i]));
  for (let i = 0; i < yTrue.length; i++) counts[index.get(yTrue[i])!][index.get(yPred[i])!]++;
  return { labels, counts };
}

interface ClassCounts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const scorers = {
  precision: (c: ClassCounts) => ratio(c.tp, c.tp + c.fp),
  recall: (c: ClassCounts) => ratio(c.tp, c.tp + c.fn),
  // 2PR/(P+R) written on counts, as sklearn does, so a class never predicted scores 0.
  f1: (c: ClassCounts) => ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
};

function averaged(kind: keyof typeof scorers, yTrue: Float64Array, yPred: Float64Array, opts: AverageOptions): number {
  const { average = "binary", positive = 1 } = opts;
  const { labels, counts } = confusionMatrix(yTrue, yPred);
  const perClass = (k: number): ClassCounts => {
    let predicted = 0;
    let actual = 0;
    for (let i = 0; i < labels.length; i++) {
      predicted += counts[i][k];
      actual += counts[k][i];
    }
    return { tp: counts[k][k], fp: predicted - counts[k][k], fn: actual - counts[k][k] };
  };
  if (average === "binary") {
    if (labels.some((l) => l !== 0 && l !== 1)) throw new Error(`${kind}: average "binary" needs 0/1 labels; use "macro" or "weighted"`);
    const k = labels.indexOf(positive);
    return k < 0 ? 0 : scorers[kind](perClass(k));
  }
  let sum = 0;
  let weight = 0;
  for (let k = 0; k < labels.length; k++) {
    const c = perClass(k);
    const w = average === "weighted" ? c.tp + c.fn : 1;
    sum += w * scorers[kind](c);
    weight += w;
  }
  return ratio(sum, weight);
}

/** Precision tp / (tp + fp): of the rows predicted positive, the share that are. */
export function precisionScore(yTrue: Float64Array, yPred: Float64Array, opts: AverageOptions = {}): number {
  return averaged("precision", yTrue, yPred, opts);
}

/** Recall tp / (tp + fn): of the actual positives, the share found. */
export function recallScore(yTrue: Float64Array, yPred: Float64Array, opts: AverageOptions = {}): number {
  return averaged("recall", yTrue, yPred, opts);
}

/** F1, the harmonic mean of precision and recall. */
export function f1Score(yTrue: Float64Array, yPred: Float64Array, opts: AverageOptions = {}): number {
  return averaged("f1", yTrue, yPred, opts);
}

/**
 * Mean binary cross-entropy of P(y = 1). Probabilities are clipped to [ε, 1 − ε] (ε = float64
 * machine epsilon, sklearn's "auto"), so a confident mistake costs ~36, not Infinity.
 */
export function logLoss(yTrue: Float64Array, prob: Float64Array): number {
  checkSameLength(yTrue, prob, "logLoss");
  const eps = Number.EPSILON;
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = Math.min(Math.max(prob[i], eps), 1 - eps);
    s -= yTrue[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / yTrue.length;
}

/** Labels 0/1 from probabilities: 1 where prob ≥ threshold. */
export function applyThreshold(prob: Float64Array, threshold = 0.5): Float64Array {
  const out = new Float64Array(prob.length);
  for (let i = 0; i < prob.length; i++) out[i] = prob[i] >= threshold ? 1 : 0;
  return out;
}
