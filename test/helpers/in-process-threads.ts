// Helper threads for core tests: each job runs the helper worker's own kernel (core's
// threads/kernels.ts) in this process, a turn of the event loop later (as a worker's reply would
// come), over SharedArrayBuffers. The real Web Workers run end to end (test/e2e/runner.e2e.test.ts).
import { expect } from "vitest";
import type { HelperThreads } from "../../src/core/threads/helper-threads";
import { runJob, type JobKind, type JobOf, type ResultOf } from "../../src/core/threads/kernels";

/** `failing`: every run rejects, as when a helper worker has died. */
export function inProcessThreads(helpers: number, failing = false): HelperThreads & { jobs: number } {
  const threads = {
    helpers,
    jobs: 0,
    shared: (bytes: number) => new SharedArrayBuffer(bytes),
    async run<K extends JobKind>(kind: K, jobs: readonly JobOf<K>[]): Promise<ResultOf<K>[]> {
      expect(jobs.length).toBeLessThanOrEqual(helpers);
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (failing) throw new Error("a helper thread failed: it stopped unexpectedly");
      for (const job of jobs) {
        // What a worker can see of the big arrays: shared memory, never a private copy.
        for (const value of Object.values(job as object)) {
          if (ArrayBuffer.isView(value) && value.byteLength >= 4096) expect(value.buffer).toBeInstanceOf(SharedArrayBuffer);
        }
      }
      threads.jobs += jobs.length;
      return jobs.map((job) => runJob(kind, job));
    },
  };
  return threads;
}
