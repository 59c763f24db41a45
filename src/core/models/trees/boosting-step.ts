/**
 * The row passes between two boosting rounds: the new tree's leaf values join the raw scores, then
 * the gradients (and hessians) are taken at the new scores, with the loss in the same pass.
 *
 * Each row is first marked with its leaf (`leafOf`, one byte a row for up to 255 leaves: small
 * enough to stay in cache, while the leaves' rows are scattered over the matrix). Then one pass in
 * row order reads raw, writes raw + its leaf's value into `next`, and takes the gradients there.
 * Adding in leaf order instead touched every row's score out of order: 15 against about 3 ms a
 * round on 1M rows in Node.
 *
 * With helper threads (their arrays in shared memory) both passes are split between the compute
 * worker and the helpers. No share writes what another reads, so a failed helper's share is run
 * again here. The loss is summed per block of STEP_BLOCK rows and the blocks added in order, so it
 * is the same on any number of threads.
 */
import type { HelperThreads } from "../../threads/helper-threads";
import type { JobKind, JobOf, ResultOf } from "../../threads/kernels";
import { lossNamed, type LossName } from "./boosting-losses";

/** Rows per block of loss sums (ranges handed to threads are whole blocks). */
export const STEP_BLOCK = 16_384;

/** Below this many rows both passes run on the calling thread alone. */
const PARALLEL_STEP_MIN_ROWS = 4 * STEP_BLOCK;

/** Each row's leaf number: bytes for up to 255 leaves. */
export type LeafMarks = Uint8Array | Uint16Array | Uint32Array;

/** Leaves as segments of the row order: leaf l holds rows idx[start[l], end[l]) and adds value[l]. */
export interface LeafSegments {
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly value: Float64Array;
}

/** Leaf marks for a fit with at most `maxLeaves` leaves, in `memory` (shared with threads). */
export function leafMarks(n: number, maxLeaves: number, memory?: (bytes: number) => ArrayBufferLike): LeafMarks {
  const bytes = maxLeaves <= 0xff ? 1 : maxLeaves <= 0xffff ? 2 : 4;
  const buffer = memory ? memory(bytes * n) : new ArrayBuffer(bytes * n);
  return bytes === 1 ? new Uint8Array(buffer) : bytes === 2 ? new Uint16Array(buffer) : new Uint32Array(buffer);
}

/** Marks the rows at positions [from, to) of idx with their leaf's number. */
export interface MarkJob {
  readonly idx: Uint32Array;
  readonly leafOf: LeafMarks;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly from: number;
  readonly to: number;
}

export function runMarkJob(job: MarkJob): number {
  const { idx, leafOf, start, end, from, to } = job;
  for (let l = 0; l < start.length; l++) {
    const a = Math.max(from, start[l]), b = Math.min(to, end[l]);
    for (let q = a; q < b; q++) leafOf[idx[q]] = l;
  }
  return 0;
}

/**
 * Rows [from, to): with `leafValue`, next = raw + leafValue[leafOf[row]] and the gradients at
 * next; without, the gradients at raw (next is not written).
 */
export interface StepJob {
  readonly loss: LossName;
  readonly y: Float64Array;
  readonly raw: Float64Array;
  readonly next: Float64Array;
  readonly g: Float64Array;
  readonly h: Float64Array;
  readonly leafOf: LeafMarks;
  readonly leafValue: Float64Array | null;
  readonly from: number;
  readonly to: number;
}

/** Runs a step job; returns the loss terms' sum per block of the range. */
export function runStepJob(job: StepJob): Float64Array {
  const { y, raw, next, g, h, leafOf, leafValue } = job;
  const loss = lossNamed(job.loss);
  const sums = new Float64Array(Math.ceil((job.to - job.from) / STEP_BLOCK));
  for (let b0 = job.from, s = 0; b0 < job.to; b0 += STEP_BLOCK, s++) {
    const b1 = Math.min(job.to, b0 + STEP_BLOCK);
    if (leafValue) for (let i = b0; i < b1; i++) next[i] = raw[i] + leafValue[leafOf[i]];
    sums[s] = loss.gradients(y, leafValue ? next : raw, g, h, b0, b1);
  }
  return sums;
}

/** Splits [0, total) into `parts` ranges whose edges are multiples of `unit`. */
function ranges(total: number, parts: number, unit: number): [number, number][] {
  const units = Math.ceil(total / unit);
  const edge = (q: number) => Math.min(total, Math.round((q * units) / parts) * unit);
  return Array.from({ length: parts }, (_, q) => [edge(q), edge(q + 1)]);
}

/** The arrays of a fit's steps (in shared memory with threads). */
export interface StepArrays {
  readonly loss: LossName;
  readonly y: Float64Array;
  readonly g: Float64Array;
  readonly h: Float64Array;
  readonly leafOf: LeafMarks;
}

/**
 * One step: with a tree (its row order and leaves), next := raw + each row's leaf value, then the
 * gradients and hessians at next; without, the gradients at raw. Returns the mean loss there.
 */
export async function boostingStep(
  threads: HelperThreads | undefined, arrays: StepArrays, raw: Float64Array, next: Float64Array,
  tree: { idx: Uint32Array; leaves: LeafSegments } | null,
): Promise<number> {
  const n = arrays.y.length;
  const parts = threads && n >= PARALLEL_STEP_MIN_ROWS ? threads.helpers + 1 : 1;
  if (tree) {
    const { idx, leaves } = tree;
    const marks = ranges(idx.length, parts, 1).map(([from, to]): MarkJob => ({ idx, leafOf: arrays.leafOf, start: leaves.start, end: leaves.end, from, to }));
    await onThreads(threads, "boostingMarks", marks, runMarkJob);
  }
  const leafValue = tree ? tree.leaves.value : null;
  const steps = ranges(n, parts, STEP_BLOCK).map(([from, to]): StepJob => ({ ...arrays, raw, next, leafValue, from, to }));
  const sums = await onThreads(threads, "boostingStep", steps, runStepJob);
  let total = 0;
  for (const part of sums) for (const s of part) total += s;
  return lossNamed(arrays.loss).mean(total, n);
}

/**
 * Runs jobs[0] here and the rest on the helpers; a failed helper's jobs are run here (every job
 * of a step can run twice: none writes what another reads).
 */
async function onThreads<K extends JobKind>(
  threads: HelperThreads | undefined, kind: K, jobs: JobOf<K>[], run: (job: JobOf<K>) => ResultOf<K>,
): Promise<ResultOf<K>[]> {
  const rest = jobs.slice(1);
  const pending = rest.length > 0 ? threads!.run(kind, rest).catch(() => null) : Promise.resolve([]);
  const own = run(jobs[0]);
  return [own, ...((await pending) ?? rest.map(run))];
}
