/**
 * A fitted tree as flat typed arrays (one entry per node), and prediction on raw values or on
 * binned codes. Internal nodes send x ≤ threshold left; leaves have feature −1.
 */
import type { BinnedMatrix } from "./binning";

/** A fitted decision tree. */
export interface Tree {
  /** Split feature (index into the model's features), −1 for a leaf. */
  readonly feature: Int32Array;
  /** Real-valued threshold: x ≤ threshold goes left. */
  readonly threshold: Float64Array;
  /** The same split on bin codes: bin ≤ binCut goes left (for data binned by the training mapper). */
  readonly binCut: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Node value: mean / P(class 1) for CART, the (unscaled) Newton step for boosting. */
  readonly value: Float64Array;
  /** Training rows reaching the node. */
  readonly count: Int32Array;
  readonly nLeaves: number;
  readonly depth: number;
}

/** The part of a tree prediction needs (what a saved model keeps). */
export type PredictTree = Pick<Tree, "feature" | "threshold" | "left" | "right" | "value">;

/** The leaf row r of a row-major n×p matrix reaches. */
export function leafOfRow(tree: PredictTree, x: Float64Array, p: number, r: number): number {
  const { feature, threshold, left, right } = tree;
  let node = 0;
  while (feature[node] >= 0) node = x[r * p + feature[node]] <= threshold[node] ? left[node] : right[node];
  return node;
}

/** The leaf row i of a binned matrix reaches. */
export function leafOfBinnedRow(tree: Tree, bm: BinnedMatrix, i: number): number {
  const { feature, binCut, left, right } = tree;
  const { codes, n } = bm;
  let node = 0;
  while (feature[node] >= 0) node = codes[feature[node] * n + i] <= binCut[node] ? left[node] : right[node];
  return node;
}

/**
 * Feature columns of a table as one row-major matrix; rows with any NaN get NaN predictions
 * from the callers (a tree cannot route a missing value it never saw in training).
 */
export function rowMajor(cols: readonly Float64Array[], nRows: number): { x: Float64Array; complete: Uint8Array } {
  const p = cols.length;
  const x = new Float64Array(nRows * p);
  const complete = new Uint8Array(nRows).fill(1);
  for (let j = 0; j < p; j++) {
    const c = cols[j];
    for (let r = 0; r < nRows; r++) {
      const v = c[r];
      x[r * p + j] = v;
      if (Number.isNaN(v)) complete[r] = 0;
    }
  }
  return { x, complete };
}

/** JSON-friendly size figures of a tree. */
export function treeShape(tree: Tree): { nodes: number; leaves: number; depth: number } {
  return { nodes: tree.feature.length, leaves: tree.nLeaves, depth: tree.depth };
}
