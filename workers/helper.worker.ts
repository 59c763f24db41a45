// A helper thread of the compute worker: runs jobs (core's threads/kernels.ts) on memory it shares
// with the compute worker (helper-pool.ts) and hands each result back.
import { installNetworkGuard } from "./network-guard";
import { runJob, type JobKind, type JobOf } from "../src/core/threads/kernels";

installNetworkGuard(self as unknown as Parameters<typeof installNetworkGuard>[0]);

self.onmessage = (event: MessageEvent<{ id: number; kind: JobKind; job: JobOf<JobKind> }>) => {
  const { id, kind, job } = event.data;
  try {
    const result = runJob(kind, job);
    // Typed-array results (private memory) are moved, not copied; numbers and plain objects are cloned.
    const transfer = ArrayBuffer.isView(result) ? [result.buffer as ArrayBuffer] : [];
    (self as unknown as Worker).postMessage({ id, result }, transfer);
  } catch (error) {
    (self as unknown as Worker).postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
