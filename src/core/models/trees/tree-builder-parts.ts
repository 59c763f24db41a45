/**
 * Bookkeeping for grow-tree.ts: the growing node arrays, the frontier's per-node state and
 * per-split feature sampling.
 */
import type { HistogramPool } from "./histogram";
import type { BestSplit, NodeSums } from "./split-search";
import type { Tree } from "./tree";

/** Node arrays that grow as the tree does, frozen into typed arrays at the end. */
export class NodeArrays {
  private readonly feature: number[] = [];
  private readonly threshold: number[] = [];
  private readonly binCut: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  private readonly value: number[] = [];
  private readonly count: number[] = [];
  private readonly segStart: number[] = [];
  private readonly segEnd: number[] = [];
  private nLeaves = 0;

  /** Adds a node (a leaf until split) and returns its id. */
  add(value: number, count: number): number {
    this.feature.push(-1); this.threshold.push(NaN); this.binCut.push(-1);
    this.left.push(-1); this.right.push(-1); this.value.push(value); this.count.push(count);
    this.segStart.push(-1); this.segEnd.push(-1);
    return this.feature.length - 1;
  }

  /** Makes node `id` internal. */
  split(id: number, feature: number, threshold: number, binCut: number, left: number, right: number): void {
    this.feature[id] = feature; this.threshold[id] = threshold; this.binCut[id] = binCut;
    this.left[id] = left; this.right[id] = right;
  }

  /** Marks node `id` a leaf owning rows idx[start, end). */
  leaf(id: number, start: number, end: number): void {
    this.segStart[id] = start; this.segEnd[id] = end;
    this.nLeaves++;
  }

  /** The frozen tree. */
  finish(depth: number): Tree {
    return {
      feature: Int32Array.from(this.feature), threshold: Float64Array.from(this.threshold),
      binCut: Int32Array.from(this.binCut), left: Int32Array.from(this.left), right: Int32Array.from(this.right),
      value: Float64Array.from(this.value), count: Int32Array.from(this.count), nLeaves: this.nLeaves, depth,
    };
  }

  /** Segment starts per node (−1 for internal nodes). */
  segStartArray(): Int32Array { return Int32Array.from(this.segStart); }
  /** Segment ends per node (−1 for internal nodes). */
  segEndArray(): Int32Array { return Int32Array.from(this.segEnd); }
}

/** A node waiting on the frontier: its rows, sums, features to try, histogram and best split. */
export class FrontierNode {
  hist: Float64Array | null = null;
  /** Which features `hist` holds. */
  has: Uint8Array | null = null;
  best: BestSplit | null = null;
  constructor(
    readonly id: number, readonly start: number, readonly end: number, readonly depth: number,
    readonly sums: NodeSums,
    /** Features to search; null when the node cannot split (it will be a leaf). */
    readonly features: Int32Array | null,
  ) {}

  /** Returns the histogram to the pool. */
  release(pool: HistogramPool): void {
    if (this.hist) pool.give(this.hist);
    this.hist = null;
    this.has = null;
  }
}

const allFeatures = new Map<number, Int32Array>();

/** k of p features drawn without replacement (partial Fisher-Yates); all p, in order, when k ≥ p. */
export function sampleFeatures(p: number, k: number, random: () => number): Int32Array {
  if (k >= p) {
    let all = allFeatures.get(p);
    if (!all) allFeatures.set(p, (all = Int32Array.from({ length: p }, (_, j) => j)));
    return all;
  }
  const perm = Int32Array.from({ length: p }, (_, j) => j);
  for (let a = 0; a < k; a++) {
    const b = a + Math.floor(random() * (p - a));
    const tmp = perm[a]; perm[a] = perm[b]; perm[b] = tmp;
  }
  // Ascending order keeps tie-breaking between features deterministic and seed-independent.
  return perm.subarray(0, k).sort();
}
