/**
 * Helper threads that share memory with the compute worker. Core code hands them jobs of a named
 * kind (kernels.ts lists the kinds and the function a helper runs for each); the arrays a job
 * reads live in `shared` memory, so only their references travel. The worker side implements
 * this with Web Workers over SharedArrayBuffer (workers/helper-pool.ts); where the page is not
 * cross-origin isolated there are no helpers and callers compute on their own thread.
 */
import type { JobKind, JobOf, ResultOf } from "./kernels";

export interface HelperThreads {
  /** How many helper threads run jobs besides the caller (at least 1). */
  readonly helpers: number;
  /** Memory the helpers can read and write (a SharedArrayBuffer in the app). */
  shared(bytes: number): ArrayBufferLike;
  /** Runs job k on helper k (at most `helpers` jobs); resolves with each job's result, in order. */
  run<K extends JobKind>(kind: K, jobs: readonly JobOf<K>[]): Promise<ResultOf<K>[]>;
}
