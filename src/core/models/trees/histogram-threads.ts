/**
 * Building a node's histograms on several threads. The binned codes, gradients, hessians and row
 * order live in shared memory; each helper thread takes a contiguous range of features and the
 * calling thread the first range. Each feature's histogram is still summed by one thread in row
 * order, so the result is the same to the bit as on one thread, whatever the thread count.
 */
import type { HelperThreads } from "../../threads/helper-threads";
import { accumulateColumns, accumulateRootSums } from "./histogram";
import { accumulateWasm, type HistogramArena, type WasmHistograms } from "./histogram-wasm";

/** One helper's share of a node: features [from, to) of rows idx[start, end). */
export interface HistogramJob {
  /** Feature-major bin codes, codes[j * n + i]. */
  readonly codes: Uint8Array;
  readonly n: number;
  readonly offsets: Int32Array;
  /** Histogram length (3 numbers per bin, every feature). */
  readonly size: number;
  /** Hessians, or null with unit weights. */
  readonly w: Float64Array | null;
  readonly s: Float64Array;
  readonly idx: Uint32Array;
  readonly start: number;
  readonly end: number;
  readonly from: number;
  readonly to: number;
  /** A boosting round's root (every row, unit weights): gradient sums only (accumulateRootSums). */
  readonly root: boolean;
  /** The WebAssembly kernels' memory and this thread's scratch, when the arrays above lie there. */
  readonly wasm: WasmHistograms | null;
}

/** Computes a job: what a helper thread does. */
export function runHistogramJob(job: HistogramJob): Float64Array {
  const h = new Float64Array(job.size);
  runHistogramInto(h, job);
  return h;
}

function runHistogramInto(h: Float64Array, job: HistogramJob): void {
  if (job.wasm) accumulateWasm(job.wasm, h, job.offsets, job.codes, job.n, job.w, job.s, job.idx, job.start, job.end, job.from, job.to, job.root);
  else if (job.root) accumulateRootSums(h, job.offsets, job.codes, job.n, job.s, job.from, job.to);
  else accumulateColumns(h, job.offsets, job.codes, job.n, job.w, job.s, job.idx, job.start, job.end, null, job.from, job.to);
}

/**
 * Below this many rows a node is built on the calling thread alone: handing out a job and
 * collecting its result costs a message round trip (tens of microseconds).
 */
export const PARALLEL_MIN_ROWS = 16_384;

/**
 * Adds every feature's histogram of rows idx[start, end) into h, the caller taking the first
 * share of the features and each helper one of the rest. The arrays must be in `threads.shared` memory,
 * or all in `arena` (shared), whose WebAssembly kernels then build every share.
 */
export async function accumulateOnThreads(
  threads: HelperThreads, h: Float64Array, offsets: Int32Array, codes: Uint8Array, n: number, p: number,
  w: Float64Array | null, s: Float64Array, idx: Uint32Array, start: number, end: number, root = false,
  arena?: HistogramArena,
): Promise<void> {
  const parts = Math.min(p, threads.helpers + 1);
  const cut = (k: number) => Math.round((k * p) / parts);
  const jobs: HistogramJob[] = [];
  for (let k = 1; k < parts; k++) {
    jobs.push({ codes, n, offsets, size: h.length, w, s, idx, start, end, from: cut(k), to: cut(k + 1), root, wasm: arena?.thread(k) ?? null });
  }
  // A helper that fails costs only speed: its share is then built here.
  const pending = threads.run("histogram", jobs).catch(() => null);
  const own = arena?.thread(0) ?? null;
  runHistogramInto(h, { codes, n, offsets, size: h.length, w, s, idx, start, end, from: 0, to: cut(1), root, wasm: own });
  // A failed helper's share is built here, with this thread's scratch.
  const results = (await pending) ?? jobs.map((job) => runHistogramJob({ ...job, wasm: own }));
  jobs.forEach((job, q) => {
    const out = results[q];
    const last = job.to < p ? offsets[job.to] : h.length;
    for (let b = offsets[job.from]; b < last; b++) h[b] += out[b];
  });
}
