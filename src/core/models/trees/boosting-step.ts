/**
 * The row passes between two boosting rounds: the new tree's leaf values join the raw scores, then
 * the gradients (and hessians) are taken at the new scores, with the loss in the same pass. With
 * helper threads (their arrays in shared memory) both passes are split between the compute worker
 * and the helpers. The loss is summed per block of STEP_BLOCK rows and the blocks added in order,
 * so it is the same on any number of threads; each row's score and gradient do not depend on the
 * split at all.
 */
import type { HelperThreads } from "../../threads/helper-threads";
import { lossNamed, type LossName } from "./boosting-losses";

/** Rows per block of loss sums (ranges handed to threads are whole blocks). */
export const STEP_BLOCK = 16_384;

/** Below this many rows both passes run on the calling thread alone. */
const PARALLEL_STEP_MIN_ROWS = 4 * STEP_BLOCK;

/** Leaves as segments of the row order: leaf l adds value[l] to rows idx[start[l], end[l]). */
export interface LeafSegments {
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly value: Float64Array;
}

/**
 * For the rows at positions [from, to) of idx: next = raw + their leaf's value. Written to a second
 * array rather than added in place, so that running a share again gives the same scores.
 */
export interface LeafJob {
  readonly raw: Float64Array;
  readonly next: Float64Array;
  readonly idx: Uint32Array;
  readonly leaves: LeafSegments;
  readonly from: number;
  readonly to: number;
}

export function runLeafJob(job: LeafJob): number {
  const { raw, next, idx, leaves, from, to } = job;
  for (let l = 0; l < leaves.value.length; l++) {
    const v = leaves.value[l];
    const a = Math.max(from, leaves.start[l]), b = Math.min(to, leaves.end[l]);
    for (let q = a; q < b; q++) {
      const i = idx[q];
      next[i] = raw[i] + v;
    }
  }
  return 0;
}

/** Gradients (and hessians) and loss terms of rows [from, to). */
export interface GradientJob {
  readonly loss: LossName;
  readonly y: Float64Array;
  readonly raw: Float64Array;
  readonly g: Float64Array;
  readonly h: Float64Array;
  readonly from: number;
  readonly to: number;
}

/** Runs a gradient job; returns the loss terms' sum per block of the range. */
export function runGradientJob(job: GradientJob): Float64Array {
  const loss = lossNamed(job.loss);
  const sums = new Float64Array(Math.ceil((job.to - job.from) / STEP_BLOCK));
  for (let b0 = job.from, s = 0; b0 < job.to; b0 += STEP_BLOCK, s++) {
    sums[s] = loss.gradients(job.y, job.raw, job.g, job.h, b0, Math.min(job.to, b0 + STEP_BLOCK));
  }
  return sums;
}

/** Splits [0, total) into `parts` ranges whose edges are multiples of `unit`. */
function ranges(total: number, parts: number, unit: number): [number, number][] {
  const units = Math.ceil(total / unit);
  const edge = (q: number) => Math.min(total, Math.round((q * units) / parts) * unit);
  return Array.from({ length: parts }, (_, q) => [edge(q), edge(q + 1)]);
}

/** How many threads a pass over n rows uses. */
function partsFor(threads: HelperThreads | undefined, n: number): number {
  return threads && n >= PARALLEL_STEP_MIN_ROWS ? threads.helpers + 1 : 1;
}

/** next := raw plus each row's leaf value (the leaves cover every row of idx once). */
export async function applyLeaves(
  threads: HelperThreads | undefined, raw: Float64Array, next: Float64Array, idx: Uint32Array, leaves: LeafSegments,
): Promise<void> {
  const [own, ...rest] = ranges(idx.length, partsFor(threads, idx.length), 1).map(([from, to]): LeafJob => ({ raw, next, idx, leaves, from, to }));
  // A helper that fails costs only speed: its share is then run here.
  const pending = rest.length > 0 ? threads!.run("boostingLeaves", rest).catch(() => null) : Promise.resolve([]);
  runLeafJob(own);
  if ((await pending) === null) rest.forEach(runLeafJob);
}

/**
 * Gradients and hessians of every row at the current raw scores into g and h; returns the mean
 * loss there. A gradient job only writes its own rows, so a failed helper's share is rerun here.
 */
export async function gradientPass(
  threads: HelperThreads | undefined, loss: LossName, y: Float64Array, raw: Float64Array, g: Float64Array, h: Float64Array,
): Promise<number> {
  const n = y.length;
  const [own, ...rest] = ranges(n, partsFor(threads, n), STEP_BLOCK).map(([from, to]): GradientJob => ({ loss, y, raw, g, h, from, to }));
  const pending = rest.length > 0 ? threads!.run("boostingGradients", rest).catch(() => null) : Promise.resolve([]);
  const sums = [runGradientJob(own), ...((await pending) ?? rest.map(runGradientJob))];
  let total = 0;
  for (const part of sums) for (const s of part) total += s;
  return lossNamed(loss).mean(total, n);
}
