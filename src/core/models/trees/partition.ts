/**
 * Splitting a node's rows between its children: rows with bin ≤ cut go left, keeping the order of
 * both sides (as scikit-learn's splitter does). Rows stay ascending in every segment, so building
 * a child's histogram walks the codes and the gradients forwards: measured in Node on a million
 * rows, about 3x faster per row than the scattered order an in-place swap partition leaves.
 *
 * Large nodes are split on helper threads when there are some: each thread takes a contiguous
 * share of the segment and writes its left and right rows to two scratch arrays (never to the
 * segment itself, so a share can be run again if its helper fails), and the caller then copies
 * the shares' left rows, then their right rows, back in share order. The result is the one-thread
 * result exactly.
 */
import type { HelperThreads } from "../../threads/helper-threads";
import { partitionWasm, type HistogramArena, type WasmHistograms } from "./histogram-wasm";

/** Below this many rows a node is split on the calling thread alone (a message round trip costs more). */
export const PARALLEL_PARTITION_MIN_ROWS = 65_536;

/**
 * Moves rows idx[s, e) with codes[j·n + row] ≤ cut to the front of the segment, in order, and the
 * others after them, in order; returns the first right-hand position. spare[s, e) holds the
 * right-hand rows meanwhile. (The left rows are written in place: a row is written no later than
 * it is read.) With `wasm`, whose arena holds codes, idx and spare, the loop runs as WebAssembly.
 */
export function partitionRows(
  codes: Uint8Array, n: number, j: number, cut: number, idx: Uint32Array, s: number, e: number, spare: Uint32Array,
  wasm: WasmHistograms | null = null,
): number {
  const lefts = runPartitionJob({ codes, n, j, cut, idx, from: s, to: e, left: idx, right: spare, wasm });
  idx.set(spare.subarray(s, e - lefts), s + lefts);
  return s + lefts;
}

/** One thread's share of a split: rows idx[from, to), left rows to left[from…], right rows to right[from…]. */
export interface PartitionJob {
  readonly codes: Uint8Array;
  readonly n: number;
  readonly j: number;
  readonly cut: number;
  readonly idx: Uint32Array;
  readonly from: number;
  readonly to: number;
  readonly left: Uint32Array;
  readonly right: Uint32Array;
  /** The WebAssembly kernels, when the arrays above lie in their arena (histogram-wasm.ts). */
  readonly wasm: WasmHistograms | null;
}

/** Runs a share (what a helper thread does); returns how many of its rows go left. */
export function runPartitionJob(job: PartitionJob): number {
  const { codes, j, cut, idx, from, to, left, right } = job;
  if (job.wasm) return partitionWasm(job.wasm, codes, job.n, j, cut, idx, from, to, left, right);
  const base = j * job.n;
  let l = from, r = from;
  // Branch-free: each row is written to both sides and only one cursor moves. Which side a row
  // takes is as unpredictable as the split, and the mispredicted branch cost twice this loop's
  // time (20 rounds of 1M × 20 in Node: 0.64 s → 0.35 s of partitioning).
  for (let k = from; k < to; k++) {
    const i = idx[k];
    const goesRight = (cut - codes[base + i]) >>> 31;
    left[l] = i;
    right[r] = i;
    l += goesRight ^ 1;
    r += goesRight;
  }
  return l - from;
}

/**
 * partitionRows on the calling thread and the helpers: the same result. idx, codes, left and
 * right (each at least idx's length) must be in `threads.shared` memory, or all in `arena`.
 */
export async function partitionOnThreads(
  threads: HelperThreads, codes: Uint8Array, n: number, j: number, cut: number,
  idx: Uint32Array, s: number, e: number, left: Uint32Array, right: Uint32Array, arena?: HistogramArena,
): Promise<number> {
  const parts = threads.helpers + 1;
  const edge = (q: number) => s + Math.round(((e - s) * q) / parts);
  const jobs: PartitionJob[] = [];
  for (let q = 0; q < parts; q++) jobs.push({ codes, n, j, cut, idx, from: edge(q), to: edge(q + 1), left, right, wasm: arena?.thread(q) ?? null });
  // A helper that fails costs only speed: its share is then run here (shares never write idx).
  const pending = threads.run("partition", jobs.slice(1)).catch(() => null);
  const own = runPartitionJob(jobs[0]);
  const counts = [own, ...((await pending) ?? jobs.slice(1).map((job) => runPartitionJob({ ...job, wasm: jobs[0].wasm })))];
  let at = s;
  jobs.forEach((job, q) => {
    idx.set(left.subarray(job.from, job.from + counts[q]), at);
    at += counts[q];
  });
  const mid = at;
  jobs.forEach((job, q) => {
    const rights = job.to - job.from - counts[q];
    idx.set(right.subarray(job.from, job.from + rights), at);
    at += rights;
  });
  return mid;
}
