/**
 * Helper threads for the compute worker's histogram building (core's `HistogramThreads`): Web
 * Workers that read the fit's arrays from SharedArrayBuffers. They exist only where the page is
 * cross-origin isolated (SharedArrayBuffer needs COOP/COEP headers: scripts/serve.mjs sends them;
 * a static host that does not gets the single-threaded path, same trees) and the machine has more
 * than one core. Started on first use and kept; a helper that fails takes the pool out of use.
 */
import type { HistogramJob, HistogramThreads } from "../src/core/models/trees/histogram-threads";
import helperUrl from "./histogram.worker.ts?worker&url";

/** At most this many helpers (besides the compute worker itself). */
const MAX_HELPERS = 3;

type Reply = { id: number; h?: Float64Array; error?: string };

class WorkerHistogramThreads implements HistogramThreads {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve(h: Float64Array): void; reject(e: Error): void }>();
  private nextId = 0;
  broken: string | null = null;

  constructor(readonly helpers: number) {}

  shared(bytes: number): ArrayBufferLike {
    return new SharedArrayBuffer(bytes);
  }

  run(jobs: readonly HistogramJob[]): Promise<Float64Array[]> {
    if (this.broken) return Promise.reject(new Error(`a histogram thread failed: ${this.broken}`));
    return Promise.all(jobs.map((job, k) => this.send(this.worker(k), job)));
  }

  private send(worker: Worker, job: HistogramJob): Promise<Float64Array> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  private worker(k: number): Worker {
    while (this.workers.length <= k) {
      const worker = startHelper();
      worker.onmessage = (event: MessageEvent<Reply>) => this.settle(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        this.fail(event.message || "it stopped unexpectedly");
      };
      this.workers.push(worker);
    }
    return this.workers[k];
  }

  private settle({ id, h, error }: Reply): void {
    const waiter = this.waiting.get(id);
    if (!waiter) return;
    this.waiting.delete(id);
    if (h) waiter.resolve(h);
    else waiter.reject(new Error(`a histogram thread failed: ${error}`));
  }

  private fail(why: string): void {
    this.broken = why;
    for (const waiter of this.waiting.values()) waiter.reject(new Error(`a histogram thread failed: ${why}`));
    this.waiting.clear();
    for (const worker of this.workers) worker.terminate();
    this.workers.length = 0;
  }
}

/**
 * Starts a helper from a blob: URL that imports the bundled module, as the page starts the compute
 * worker: a blob worker inherits its creator's Content-Security-Policy (DESIGN.md 8). The helper
 * also installs the network guard itself.
 */
function startHelper(): Worker {
  const moduleUrl = new URL(helperUrl, self.location.href).href;
  const blobUrl = URL.createObjectURL(new Blob([`import ${JSON.stringify(moduleUrl)};`], { type: "text/javascript" }));
  try {
    return new Worker(blobUrl, { type: "module", name: "sales-notebook-histograms" });
  } finally {
    URL.revokeObjectURL(blobUrl);
  }
}

let pool: WorkerHistogramThreads | undefined;

/** The helper threads, or undefined where shared memory or a second core is missing (or a helper failed). */
export function histogramThreads(): HistogramThreads | undefined {
  if (pool) return pool.broken ? undefined : pool;
  const cores = typeof navigator === "undefined" ? 1 : navigator.hardwareConcurrency || 1;
  if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer === "undefined" || cores < 2) return undefined;
  pool = new WorkerHistogramThreads(Math.min(MAX_HELPERS, cores - 1));
  return pool;
}
