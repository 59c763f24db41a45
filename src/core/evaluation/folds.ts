import { mulberry32, shuffledIndices } from "../random";

/** One cross-validation fold: positions (into the rows given) to train on and to test on. */
export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** Options shared by the fold makers. */
export interface FoldOptions {
  /** Shuffle before splitting (seeded); without it folds are contiguous, as scikit-learn's default. */
  readonly shuffle?: boolean;
  readonly seed?: number;
}

/**
 * k-fold splits of n rows, as sklearn.model_selection.KFold: the first n mod k folds get one row
 * more. Without shuffle the folds are contiguous blocks, exactly sklearn's.
 */
export function kFold(n: number, k: number, opts: FoldOptions = {}): Fold[] {
  checkFolds(n, k);
  const order = opts.shuffle ? permutation(n, opts.seed ?? 0) : Int32Array.from({ length: n }, (_, i) => i);
  const assign = new Int32Array(n);
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    for (let i = start; i < start + size; i++) assign[order[i]] = f;
    start += size;
  }
  return foldsFrom(assign, k);
}

/**
 * Stratified k-fold, as sklearn.model_selection.StratifiedKFold: classes are numbered in order of
 * first appearance, the sorted labels are dealt round-robin to fix how many of each class every
 * fold gets, and then each class's rows (in order, or seeded-shuffled) fill the folds in turn.
 * Without shuffle the folds are exactly sklearn's.
 */
export function stratifiedKFold(y: ArrayLike<number>, k: number, opts: FoldOptions = {}): Fold[] {
  const n = y.length;
  checkFolds(n, k);
  const code = new Map<number, number>();
  const yc = Int32Array.from({ length: n }, (_, i) => {
    if (!code.has(y[i])) code.set(y[i], code.size);
    return code.get(y[i])!;
  });
  const classes = code.size;
  const counts = new Int32Array(classes);
  for (const c of yc) counts[c]++;
  for (let c = 0; c < classes; c++) if (counts[c] < k) warnSmallClass(c, counts[c], k);
  // allocation[f][c] = how many rows of class c fold f gets: bincount of sorted labels [f::k].
  const sorted = Int32Array.from(yc).sort();
  const allocation = Array.from({ length: k }, () => new Int32Array(classes));
  for (let i = 0; i < n; i++) allocation[i % k][sorted[i]]++;
  const rand = mulberry32(opts.seed ?? 0);
  const assign = new Int32Array(n);
  for (let c = 0; c < classes; c++) {
    const foldsForClass: number[] = [];
    for (let f = 0; f < k; f++) for (let m = 0; m < allocation[f][c]; m++) foldsForClass.push(f);
    if (opts.shuffle) {
      for (let i = foldsForClass.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [foldsForClass[i], foldsForClass[j]] = [foldsForClass[j], foldsForClass[i]];
      }
    }
    let next = 0;
    for (let i = 0; i < n; i++) if (yc[i] === c) assign[i] = foldsForClass[next++];
  }
  return foldsFrom(assign, k);
}

/** Thrown for impossible fold requests; the message says what to change. */
export class FoldError extends Error {
  override readonly name = "FoldError";
}

function checkFolds(n: number, k: number): void {
  if (!Number.isInteger(k) || k < 2) throw new FoldError(`Cross-validation needs at least 2 folds; got ${k}`);
  if (n < k) throw new FoldError(`Cannot make ${k} folds from ${n} rows`);
}

function warnSmallClass(c: number, count: number, k: number): void {
  throw new FoldError(`A class has only ${count} rows, fewer than the ${k} folds; use fewer folds or non-stratified folds (class #${c})`);
}

function foldsFrom(assign: Int32Array, k: number): Fold[] {
  return Array.from({ length: k }, (_, f) => {
    const test: number[] = [];
    const train: number[] = [];
    assign.forEach((a, i) => (a === f ? test : train).push(i));
    return { train: Int32Array.from(train), test: Int32Array.from(test) };
  });
}

function permutation(n: number, seed: number): Int32Array {
  return shuffledIndices(n, mulberry32(seed));
}
