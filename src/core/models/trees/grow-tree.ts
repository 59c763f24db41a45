/**
 * Grows one histogram-based tree: CART (depth-first, no leaf limit) or best-first under a leaf
 * budget (boosting, as LightGBM / HistGradientBoosting). Rows live in one index array that is
 * partitioned in place, so each node owns a contiguous segment (as scikit-learn's builder does).
 */
import type { BinnedMatrix } from "./binning";
import type { Criterion } from "./criteria";
import { accumulateRootSums, accumulateRows, copyCounts, histogramLayout, HistogramPool, subtractFeature, type RowStats } from "./histogram";
import { accumulateOnThreads, PARALLEL_MIN_ROWS } from "./histogram-threads";
import { accumulateWasm, type HistogramArena } from "./histogram-wasm";
import type { HelperThreads } from "../../threads/helper-threads";
import { noSplit, scanDense, scanSparse, type BestSplit, type NodeSums, type SplitLimits } from "./split-search";
import type { Tree } from "./tree";
import { FrontierNode, NodeArrays, sampleFeatures } from "./tree-builder-parts";
import { PARALLEL_PARTITION_MIN_ROWS, partitionOnThreads, partitionRows } from "./partition";

/** The unused second scratch array of a one-thread build. */
const spareNone = new Uint32Array(0);

/** Below this many rows a node scans the bins it touches instead of keeping a dense histogram. */
const DENSE_MIN_ROWS = 256;

/** How to grow a tree. */
export interface GrowOptions extends SplitLimits {
  readonly criterion: Criterion;
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  /** Leaf budget; Infinity grows depth-first until the other limits stop it. */
  readonly maxLeafNodes: number;
  /** Features drawn per split (p: all, no randomness used). */
  readonly maxFeatures: number;
  readonly random: () => number;
  /**
   * Helper threads for large nodes' histograms and partitions (boosting). The binned matrix's
   * codes and the stats' arrays must then be in `threads.shared` memory; the trees are the same
   * either way.
   */
  readonly threads?: HelperThreads;
  /** Where to keep the row order (at least rows.length long; in shared memory with threads); the result's idx is a view of it. */
  readonly rowBuffer?: Uint32Array;
  /**
   * Scratch for partitioning (each at least rows.length long; in shared memory with threads), so
   * that a run of trees allocates it once.
   */
  readonly partitionBuffers?: readonly [Uint32Array, Uint32Array];
  /**
   * `binCountHistogram` of the whole matrix, when the rows are all of them and the weights unit
   * (boosting with squared error): the root then starts from these counts and only sums gradients.
   */
  readonly rootCounts?: Float64Array;
  /**
   * WebAssembly histogram kernels (histogram-wasm.ts): used when the codes, the stats' arrays and
   * the row buffer all lie in this arena (shared memory with threads), with a scratch area for
   * the caller and each helper.
   */
  readonly arena?: HistogramArena;
}

/** A grown tree, with the row order its leaves' segments refer to. */
export interface GrownTree {
  readonly tree: Tree;
  /** Rows, partitioned so that leaf k's rows are idx[segStart[k], segEnd[k]). */
  readonly idx: Uint32Array;
  readonly segStart: Int32Array;
  readonly segEnd: Int32Array;
}

/**
 * Grows a tree on `rows` of the binned matrix. `target` (CART only) lets pure nodes stop early;
 * `importance` (length p) accumulates each split's gain.
 */
export async function growTree(
  bm: BinnedMatrix, stats: RowStats, rows: Uint32Array, opts: GrowOptions,
  importance: Float64Array, target?: Float64Array,
): Promise<GrownTree> {
  const { p } = bm;
  const { nBins } = bm.mapper;
  const { offsets, size } = histogramLayout(nBins);
  const pool = new HistogramPool(size);
  const scratch = { sums: new Float64Array(3 * 256), touched: new Int32Array(256) };
  const threads = opts.threads;
  // Boosting hands in one row buffer for all its trees: a shared buffer per tree would pile up
  // until a collection, which shared memory does not hasten.
  const idx = opts.rowBuffer ? opts.rowBuffer.subarray(0, rows.length)
    : threads ? new Uint32Array(threads.shared(4 * rows.length)) : new Uint32Array(rows.length);
  idx.set(rows);
  // Ascending rows make every later segment ascending too (see partition).
  if (!isAscending(idx)) idx.sort();
  const [spare, spareRight] = opts.partitionBuffers
    ?? (threads ? [new Uint32Array(threads.shared(4 * idx.length)), new Uint32Array(threads.shared(4 * idx.length))] : [new Uint32Array(idx.length), spareNone]);
  const a = opts.arena;
  const arena = a && a.holds(bm.codes) && a.holds(stats.s) && (stats.unitWeights || a.holds(stats.w)) && a.holds(idx) ? a : undefined;
  const wasm = arena?.thread(0);
  // Partitions run as WebAssembly too when the scratch arrays are in the arena.
  const partitionArena = arena && arena.holds(spare) && (spareRight.length === 0 || arena.holds(spareRight)) ? arena : undefined;
  const partition = (s: number, e: number, j: number, cut: number): Promise<number> | number =>
    threads && e - s >= PARALLEL_PARTITION_MIN_ROWS
      ? partitionOnThreads(threads, bm.codes, bm.n, j, cut, idx, s, e, spare, spareRight, partitionArena)
      : partitionRows(bm.codes, bm.n, j, cut, idx, s, e, spare, partitionArena?.thread(0) ?? null);
  const nodes = new NodeArrays();
  const crit = opts.criterion;

  const canSplit = (c: number, depth: number, s: number, e: number) => {
    if (depth >= opts.maxDepth || c < opts.minSamplesSplit || c < 2 * opts.minSamplesLeaf) return false;
    if (!target) return true;
    const y0 = target[idx[s]];
    for (let k = s + 1; k < e; k++) if (target[idx[k]] !== y0) return true;
    return false;
  };
  const makeNode = (s: number, e: number, depth: number, sums: NodeSums): FrontierNode => {
    const id = nodes.add(crit.leaf(sums.W, sums.S), sums.c);
    const splittable = canSplit(sums.c, depth, s, e);
    return new FrontierNode(id, s, e, depth, sums, splittable ? sampleFeatures(p, opts.maxFeatures, opts.random) : null);
  };
  // The root is every row of the matrix in order (idx ascending, distinct, first 0 and last n − 1).
  const rootIsAllRows = opts.rootCounts !== undefined && stats.unitWeights === true && idx.length === bm.n && idx[0] === 0 && idx[bm.n - 1] === bm.n - 1;
  const build = async (h: Float64Array, node: FrontierNode, fs: Int32Array) => {
    if (rootIsAllRows && node.start === 0 && node.end === bm.n && fs.length === p) {
      h.set(opts.rootCounts!);
      if (threads && bm.n >= PARALLEL_MIN_ROWS) await accumulateOnThreads(threads, h, offsets, bm.codes, bm.n, p, null, stats.s, idx, 0, bm.n, true, arena);
      else if (wasm) accumulateWasm(wasm, h, offsets, bm.codes, bm.n, null, stats.s, idx, 0, bm.n, 0, p, true);
      else accumulateRootSums(h, offsets, bm.codes, bm.n, stats.s, 0, p);
      return;
    }
    if (!threads || fs.length < p || node.end - node.start < PARALLEL_MIN_ROWS) {
      accumulateRows(h, offsets, bm, fs, stats, idx, node.start, node.end, wasm);
      return;
    }
    const w = stats.unitWeights ? null : stats.w;
    await accumulateOnThreads(threads, h, offsets, bm.codes, bm.n, p, w, stats.s, idx, node.start, node.end, false, arena);
    if (stats.unitWeights) copyCounts(h, offsets, nBins, fs);
  };
  const scan = (node: FrontierNode): BestSplit => {
    const best = noSplit(opts.minGain);
    if (!node.features) return best;
    const parentScore = crit.score(node.sums.W, node.sums.S);
    for (const j of node.features) {
      if (node.hist) scanDense(node.hist, offsets[j], nBins[j], j, node.sums, parentScore, crit, opts, best);
      else scanSparse(bm, j, stats, idx, node.start, node.end, node.sums, parentScore, crit, opts, best, scratch);
    }
    return best;
  };
  const dense = async (node: FrontierNode, needed: Int32Array) => {
    node.hist = pool.take();
    node.has = new Uint8Array(p);
    await build(node.hist, node, needed);
    for (const j of needed) node.has[j] = 1;
  };

  const rootSums: NodeSums = { c: idx.length, W: 0, S: 0 };
  if (stats.unitWeights) {
    // Every w is 1, so their sum is the count, exactly: a million-row boosting root reads no w.
    rootSums.W = idx.length;
    // All rows in order (a boosting round): the same adds without reading the row list.
    if (rootIsAllRows) for (let i = 0; i < idx.length; i++) rootSums.S += stats.s[i];
    else for (let k = 0; k < idx.length; k++) rootSums.S += stats.s[idx[k]];
  } else {
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      rootSums.W += stats.w[i];
      rootSums.S += stats.s[i];
    }
  }
  const root = makeNode(0, idx.length, 0, rootSums);
  if (root.features && root.sums.c >= DENSE_MIN_ROWS) await dense(root, root.features);
  root.best = scan(root);

  const frontier: FrontierNode[] = [root];
  const bestFirst = Number.isFinite(opts.maxLeafNodes);
  let leaves = 1;
  let depth = 0;
  while (frontier.length > 0) {
    let at = frontier.length - 1;
    if (bestFirst) for (let k = 0; k < frontier.length; k++) if (frontier[k].best!.gain > frontier[at].best!.gain) at = k;
    const node = frontier[at];
    frontier.splice(at, 1);
    const best = node.best!;
    if (best.feature < 0 || leaves >= opts.maxLeafNodes) {
      nodes.leaf(node.id, node.start, node.end);
      depth = Math.max(depth, node.depth);
      node.release(pool);
      continue;
    }
    const j = best.feature;
    const mid = await partition(node.start, node.end, j, best.bin);
    const t = bm.mapper.thresholds[j];
    const v = bm.mapper.values[j];
    // With one bin per distinct value, cut midway between the neighbouring values present in
    // this node, as exact CART does; otherwise at the bin edge.
    let threshold = v ? v[best.bin] + (v[best.nextBin] - v[best.bin]) / 2 : t[best.bin];
    // Neighbouring doubles: the midpoint rounds to the right-hand value, which must go right.
    if (v && threshold >= v[best.nextBin]) threshold = v[best.bin];
    let binCut = best.bin;
    if (v) while (binCut + 1 < best.nextBin && v[binCut + 1] <= threshold) binCut++;
    importance[j] += best.gain;
    leaves++;
    const L = makeNode(node.start, mid, node.depth + 1, { ...best.left });
    const R = makeNode(mid, node.end, node.depth + 1, { c: node.sums.c - best.left.c, W: node.sums.W - best.left.W, S: node.sums.S - best.left.S });
    nodes.split(node.id, j, threshold, binCut, L.id, R.id);
    const [small, large] = L.sums.c <= R.sums.c ? [L, R] : [R, L];
    if (node.hist && large.features && large.sums.c >= DENSE_MIN_ROWS) {
      const fromParent = large.features.filter((f) => node.has![f]);
      await dense(small, union(small.features, fromParent, p));
      large.hist = pool.take();
      large.has = new Uint8Array(p);
      for (const f of fromParent) subtractFeature(large.hist, node.hist, small.hist!, offsets[f], 3 * nBins[f]);
      const direct = large.features.filter((f) => !node.has![f]);
      if (direct.length > 0) await build(large.hist, large, direct);
      for (const f of large.features) large.has[f] = 1;
      if (!small.features || small.sums.c < DENSE_MIN_ROWS) { small.best = scan(small); small.release(pool); }
    } else {
      for (const child of [small, large]) if (child.features && child.sums.c >= DENSE_MIN_ROWS) await dense(child, child.features);
    }
    node.release(pool);
    for (const child of [L, R]) {
      child.best ??= scan(child);
      frontier.push(child);
    }
  }
  return { tree: nodes.finish(depth), idx, segStart: nodes.segStartArray(), segEnd: nodes.segEndArray() };
}

function isAscending(a: Uint32Array): boolean {
  for (let k = 1; k < a.length; k++) if (a[k] < a[k - 1]) return false;
  return true;
}

/** Sorted union of two feature lists (the first may be null). */
function union(a: Int32Array | null, b: Int32Array, p: number): Int32Array {
  const mark = new Uint8Array(p);
  for (const f of a ?? []) mark[f] = 1;
  for (const f of b) mark[f] = 1;
  return Int32Array.from(mark.keys()).filter((f) => mark[f] === 1);
}
