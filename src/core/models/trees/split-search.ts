/**
 * The best split of one node over one feature's bins: a left-to-right scan of cumulative sums,
 * either over a dense histogram (large nodes) or over the few bins a small node touches (so a
 * 3-row node does not pay for 255 empty bins).
 */
import type { BinnedMatrix } from "./binning";
import type { Criterion } from "./criteria";
import type { RowStats } from "./histogram";

/** A node's totals [count, W, S]. */
export interface NodeSums {
  c: number;
  W: number;
  S: number;
}

/** Limits a split must respect. */
export interface SplitLimits {
  readonly minSamplesLeaf: number;
  /** Least W per child (boosting: min hessian; CART: 0). */
  readonly minWeightLeaf: number;
  /** A split needs gain strictly above this (−Infinity: any valid split, as CART does). */
  readonly minGain: number;
}

/** The best split found so far; feature −1 when none. */
export interface BestSplit {
  feature: number;
  /** Highest non-empty bin going left. */
  bin: number;
  /** Lowest non-empty bin going right. */
  nextBin: number;
  gain: number;
  left: NodeSums;
}

/** A fresh "no split yet" record. */
export function noSplit(minGain: number): BestSplit {
  return { feature: -1, bin: -1, nextBin: -1, gain: minGain, left: { c: 0, W: 0, S: 0 } };
}

function consider(
  best: BestSplit, j: number, bin: number, nextBin: number, cL: number, WL: number, SL: number,
  node: NodeSums, parentScore: number, crit: Criterion, lim: SplitLimits,
): void {
  const cR = node.c - cL;
  const WR = node.W - WL;
  if (cL < lim.minSamplesLeaf || cR < lim.minSamplesLeaf || WL < lim.minWeightLeaf || WR < lim.minWeightLeaf) return;
  const gain = crit.score(WL, SL) + crit.score(WR, node.S - SL) - parentScore;
  // Strictly greater: the first (lowest feature, lowest bin) of equal gains wins, deterministically.
  if (gain > best.gain) {
    best.feature = j; best.bin = bin; best.nextBin = nextBin; best.gain = gain;
    best.left.c = cL; best.left.W = WL; best.left.S = SL;
  }
}

/** Scans feature j's dense histogram block (3 numbers per bin from `off`). */
export function scanDense(
  h: Float64Array, off: number, nb: number, j: number, node: NodeSums, parentScore: number,
  crit: Criterion, lim: SplitLimits, best: BestSplit,
): void {
  let cL = 0, WL = 0, SL = 0, last = -1;
  for (let b = 0; b < nb; b++) {
    const k = off + 3 * b;
    const c = h[k];
    if (c === 0) continue;
    if (last >= 0) consider(best, j, last, b, cL, WL, SL, node, parentScore, crit, lim);
    cL += c; WL += h[k + 1]; SL += h[k + 2];
    last = b;
  }
}

/** Scratch buffers for scanSparse (one set per tree grower). */
export interface SparseScratch {
  /** 3·255 zeroed sums, reset after each use. */
  readonly sums: Float64Array;
  readonly touched: Int32Array;
}

/** Scans feature j over the rows idx[start, end) without a dense histogram. */
export function scanSparse(
  bm: BinnedMatrix, j: number, stats: RowStats, idx: Uint32Array, start: number, end: number,
  node: NodeSums, parentScore: number, crit: Criterion, lim: SplitLimits, best: BestSplit, scratch: SparseScratch,
): void {
  const { sums, touched } = scratch;
  const { codes, n } = bm;
  const base = j * n;
  let t = 0;
  for (let k = start; k < end; k++) {
    const i = idx[k];
    const b = codes[base + i];
    const o = 3 * b;
    if (sums[o] === 0) touched[t++] = b;
    sums[o] += 1; sums[o + 1] += stats.w[i]; sums[o + 2] += stats.s[i];
  }
  const bins = touched.subarray(0, t).sort();
  let cL = 0, WL = 0, SL = 0;
  for (let q = 0; q < t; q++) {
    const o = 3 * bins[q];
    if (q > 0) consider(best, j, bins[q - 1], bins[q], cL, WL, SL, node, parentScore, crit, lim);
    cL += sums[o]; WL += sums[o + 1]; SL += sums[o + 2];
    sums[o] = 0; sums[o + 1] = 0; sums[o + 2] = 0;
  }
}
