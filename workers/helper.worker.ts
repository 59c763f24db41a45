// A helper thread of the compute worker: runs jobs (core's threads/kernels.ts) on memory it shares
// with the compute worker (helper-pool.ts) and hands each result back.
import { installNetworkGuard } from "./network-guard";
import { runJob, type JobKind, type JobOf } from "../src/core/threads/kernels";

installNetworkGuard(self as unknown as Parameters<typeof installNetworkGuard>[0]);

self.onmessage = (event: MessageEvent<{ id: number; kind: JobKind; job: JobOf<JobKind> }>) => {
  const { id, kind, job } = event.data;
  try {
    const result = runJob(kind, job);
    // Typed arrays in private memory (the result, or arrays in it, as a split CSV read's columns)
    // are moved, not copied; numbers, strings and plain objects are cloned.
    (self as unknown as Worker).postMessage({ id, result }, [...privateBuffers(result, 3, new Set())]);
  } catch (error) {
    (self as unknown as Worker).postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};

/** The private ArrayBuffers under typed arrays in `value`, looking `depth` levels into small arrays and objects. */
function privateBuffers(value: unknown, depth: number, found: Set<ArrayBuffer>): Set<ArrayBuffer> {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (depth > 0 && Array.isArray(value)) {
    // Long arrays are values (a text column's strings), not containers worth walking.
    if (value.length <= 1024) for (const item of value) privateBuffers(item, depth - 1, found);
  } else if (depth > 0 && typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) privateBuffers(item, depth - 1, found);
  }
  return found;
}
