import { throwIfCancelled, type CancelSignal } from "../cells/types";
import { TableError } from "../frame/table";
import { pickAssigner, type Assigner } from "./kmeans-assign";
import { kmeansPlusPlus, sqDist } from "./kmeans-init";
import type { HelperThreads } from "../threads/helper-threads";
import type { KMeansArena } from "./kmeans-wasm";

/** Options of a k-means fit (names and defaults follow scikit-learn's KMeans where they exist). */
export interface KMeansOptions {
  readonly k: number;
  /** Restarts from different k-means++ seeds; the lowest inertia wins. Default 4. */
  readonly nInit?: number;
  /** Lloyd iterations per restart at most. Default 300. */
  readonly maxIter?: number;
  /** Converged when Σ‖Δcentre‖² ≤ tol × mean per-feature variance (sklearn's rule). Default 1e-4. */
  readonly tol?: number;
  readonly seed?: number;
  /** Explicit starting centres (k×p row-major), one per restart; replaces k-means++ (for exact checks). */
  readonly init?: readonly Float64Array[];
  /** Where the assignment step runs (see kmeans-assign.ts). Default "auto". */
  readonly engine?: "auto" | "js" | "tfjs";
  readonly signal?: CancelSignal;
  /** Called after each restart with (restart index, restarts). */
  readonly onRestart?: (done: number, total: number) => void;
  /** Helper threads for the k-means++ passes; `x` must then be in their shared memory. */
  readonly threads?: HelperThreads;
  /**
   * A WebAssembly arena whose rows are `x` (kmeans-wasm.ts; shared when `threads` are given): the
   * k-means++ scoring then runs there, with the same results.
   */
  readonly arena?: KMeansArena;
}

/** The best restart of a k-means fit. */
export interface KMeansFit {
  readonly k: number;
  /** k×p row-major centres, in the units of the data given. */
  readonly centres: Float64Array;
  /** Cluster of each row. */
  readonly labels: Int32Array;
  /** Σ squared distance of each row to its centre. */
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Inertia of every restart, in order (how stable the solution is). */
  readonly restartInertias: readonly number[];
}

/**
 * k-means by Lloyd's algorithm with k-means++ starts and restarts, as scikit-learn's
 * KMeans(algorithm="lloyd"): same convergence rule, same final re-assignment, same inertia, so
 * from the same starting centres it reaches the same answer. `x` is row-major n×p float64.
 */
export async function fitKMeans(x: Float64Array, n: number, p: number, options: KMeansOptions): Promise<KMeansFit> {
  const { k, maxIter = 300, tol = 1e-4, seed = 0, init, engine = "auto", signal } = options;
  const nInit = init ? init.length : (options.nInit ?? 4);
  if (!(k >= 1) || !Number.isInteger(k)) throw new TableError(`k must be a positive integer; got ${k}`);
  if (n < k) throw new TableError(`k-means needs at least k = ${k} complete rows; found ${n}`);
  const tolAbs = tol > 0 ? tol * meanVariance(x, n, p) : 0;
  const assigner = pickAssigner(engine, x, n, p, k);
  let best: Omit<KMeansFit, "restartInertias"> | undefined;
  const restartInertias: number[] = [];
  try {
    for (let r = 0; r < nInit; r++) {
      throwIfCancelled(signal ?? { aborted: false });
      // k-means++ already knows each row's nearest start centre (exactly, in float64), which is
      // the first assignment; explicit starts get theirs from the assigner.
      const seeded = init
        ? { centres: Float64Array.from(init[r]), labels: undefined }
        : await kmeansPlusPlus(x, n, p, k, (seed + r * 7919) >>> 0, options.threads, options.arena);
      if (seeded.centres.length !== k * p) throw new TableError(`Initial centres must be ${k}×${p}`);
      const fit = await lloyd(x, n, p, k, seeded.centres, seeded.labels, maxIter, tolAbs, assigner, signal);
      restartInertias.push(fit.inertia);
      if (!best || fit.inertia < best.inertia) best = fit;
      options.onRestart?.(r + 1, nInit);
    }
  } finally {
    assigner.dispose();
  }
  return { ...best!, restartInertias };
}

/**
 * Lloyd iterations from `start`. `startLabels`, when given, is the nearest start centre of every
 * row (ties to the lower index, as the assigners break them), used in place of the first assignment.
 *
 * With the float64 assigner, each iteration is one pass over the rows that assigns and sums the
 * new centres together (`Assigner.assignAndSum`); the TF.js assigner assigns on its backend and
 * the sums take a second pass. Either way the sums are taken in row order, so both give the same
 * centres from the same labels.
 */
async function lloyd(
  x: Float64Array, n: number, p: number, k: number, start: Float64Array, startLabels: Int32Array | undefined,
  maxIter: number, tolAbs: number, assigner: Assigner, signal?: CancelSignal,
): Promise<Omit<KMeansFit, "restartInertias">> {
  let centres = start;
  const labels = startLabels ?? new Int32Array(n);
  let assigned = startLabels !== undefined;
  const fused = assigner.assignAndSum;
  /** The previous iteration's labels, for the convergence test when the assigner does not count changes. */
  const previous = fused ? undefined : new Int32Array(n).fill(-1);
  const sums = new Float64Array(k * p);
  const counts = new Float64Array(k);
  let iterations = 0;
  let converged = false;
  let strict = false;
  /** Σ squared distance of each row to its centre, as the last fused pass measured it (NaN: not known). */
  let distances = NaN;
  while (iterations < maxIter) {
    throwIfCancelled(signal ?? { aborted: false });
    sums.fill(0);
    counts.fill(0);
    let changed: number;
    if (fused && !assigned) {
      const pass = fused(centres, labels, sums, counts);
      // The first iteration has no previous labels: every row counts as changed, as sklearn's.
      changed = iterations === 0 ? n : pass.changed;
      distances = pass.distances;
    } else {
      if (!assigned) await assigner.assign(centres, labels);
      changed = sumClusters(x, n, p, labels, sums, counts, previous);
      distances = NaN;
    }
    assigned = false;
    const { next, emptied } = centresFrom(x, n, p, k, sums, counts, labels, centres);
    let shift = 0;
    for (let i = 0; i < k * p; i++) shift += (next[i] - centres[i]) ** 2;
    centres = next;
    iterations++;
    if (changed === 0) {
      strict = converged = true;
      // Unchanged labels give the centres they were assigned to, bit for bit (the same rows summed
      // in the same order), so the pass that assigned them also measured the inertia, unless an
      // empty cluster was re-seeded.
      if (emptied) distances = NaN;
      break;
    }
    if (shift <= tolAbs) {
      converged = true;
      break;
    }
  }
  // As sklearn: unless the labels stopped changing, re-assign so labels match the final centres.
  if (!strict) await assigner.assign(centres, labels);
  let inertia = strict ? distances : NaN;
  if (Number.isNaN(inertia)) {
    inertia = 0;
    for (let i = 0, o = 0; i < n; i++, o += p) inertia += sqDist(x, o, centres, labels[i] * p, p);
  }
  return { k, centres, labels, inertia, iterations, converged };
}

/**
 * Adds each row to its cluster's sums and counts (row order). When `previous` is given, also counts
 * the rows whose label differs from it and copies the labels into it (for the convergence test);
 * returns that count (n without `previous`).
 */
function sumClusters(
  x: Float64Array, n: number, p: number, labels: Int32Array, sums: Float64Array, counts: Float64Array, previous: Int32Array | undefined,
): number {
  let changed = 0;
  for (let i = 0, o = 0; i < n; i++, o += p) {
    const c = labels[i];
    const b = c * p;
    counts[c]++;
    if (previous && previous[i] !== c) {
      changed++;
      previous[i] = c;
    }
    for (let j = 0; j < p; j++) sums[b + j] += x[o + j];
  }
  return previous ? changed : n;
}

/**
 * Means of the rows in each cluster (float64) from their sums and counts. An empty cluster takes
 * the row farthest from its centre in `old` (`emptied` says whether that happened).
 */
function centresFrom(
  x: Float64Array, n: number, p: number, k: number, sums: Float64Array, counts: Float64Array, labels: Int32Array, old: Float64Array,
): { next: Float64Array; emptied: boolean } {
  const next = new Float64Array(k * p);
  let emptied = false;
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) {
      for (let j = 0; j < p; j++) next[c * p + j] = sums[c * p + j] / counts[c];
      continue;
    }
    emptied = true;
    let far = 0;
    let farD = -1;
    for (let i = 0; i < n; i++) {
      const d = sqDist(x, i * p, old, labels[i] * p, p);
      if (d > farD) [far, farD] = [i, d];
    }
    next.set(x.subarray(far * p, far * p + p), c * p);
  }
  return { next, emptied };
}

/** Mean of the per-feature population variances (sklearn scales tol by it). */
function meanVariance(x: Float64Array, n: number, p: number): number {
  let total = 0;
  for (let j = 0; j < p; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += x[i * p + j];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x[i * p + j] - m) ** 2;
    total += v / n;
  }
  return p ? total / p : 0;
}
