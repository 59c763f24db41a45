// A helper thread of the compute worker: builds its share of a node's histograms from memory it
// shares with the compute worker (histogram-pool.ts), and hands the result back.
import { installNetworkGuard } from "./network-guard";
import { runHistogramJob, type HistogramJob } from "../src/core/models/trees/histogram-threads";

installNetworkGuard(self as unknown as Parameters<typeof installNetworkGuard>[0]);

self.onmessage = (event: MessageEvent<{ id: number; job: HistogramJob }>) => {
  const { id, job } = event.data;
  try {
    const h = runHistogramJob(job);
    (self as unknown as Worker).postMessage({ id, h }, [h.buffer]);
  } catch (error) {
    (self as unknown as Worker).postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
