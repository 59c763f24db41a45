/**
 * Helper threads for the compute worker (core's `HelperThreads`): Web Workers that read and write
 * the compute worker's arrays through SharedArrayBuffers, running the jobs listed in core's
 * threads/kernels.ts (boosting's histograms, partitions and score passes; k-means++ passes). They
 * exist only where the page is cross-origin isolated (SharedArrayBuffer needs COOP/COEP headers:
 * scripts/serve.mjs sends them; a static host that does not gets the single-threaded paths, with
 * the same results) and the machine has more than one core. Started when the compute worker is
 * initialised (`startHelperThreads`) and kept; a helper that fails takes the pool out of use.
 */
import type { HelperThreads } from "../src/core/threads/helper-threads";
import type { JobKind, JobOf, ResultOf } from "../src/core/threads/kernels";
import helperUrl from "./helper.worker.ts?worker&url";

/** At most this many helpers (besides the compute worker itself). */
const MAX_HELPERS = 3;

type Reply = { id: number; result?: unknown; error?: string };

class WorkerHelperThreads implements HelperThreads {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve(result: unknown): void; reject(e: Error): void }>();
  private nextId = 0;
  broken: string | null = null;

  constructor(readonly helpers: number) {}

  /** Starts every helper now, so that the first heavy cell does not wait for them to load. */
  start(): void {
    for (let k = 0; k < this.helpers; k++) this.worker(k);
  }

  shared(bytes: number): ArrayBufferLike {
    return new SharedArrayBuffer(bytes);
  }

  run<K extends JobKind>(kind: K, jobs: readonly JobOf<K>[]): Promise<ResultOf<K>[]> {
    if (this.broken) return Promise.reject(new Error(`a helper thread failed: ${this.broken}`));
    if (jobs.length > this.helpers) return Promise.reject(new Error(`${jobs.length} jobs for ${this.helpers} helper threads`));
    return Promise.all(jobs.map((job, k) => this.send(this.worker(k), kind, job) as Promise<ResultOf<K>>));
  }

  private send(worker: Worker, kind: JobKind, job: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, kind, job });
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

  private settle({ id, result, error }: Reply): void {
    const waiter = this.waiting.get(id);
    if (!waiter) return;
    this.waiting.delete(id);
    if (error === undefined) waiter.resolve(result);
    else waiter.reject(new Error(`a helper thread failed: ${error}`));
  }

  private fail(why: string): void {
    this.broken = why;
    for (const waiter of this.waiting.values()) waiter.reject(new Error(`a helper thread failed: ${why}`));
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
    return new Worker(blobUrl, { type: "module", name: "sales-notebook-helper" });
  } finally {
    URL.revokeObjectURL(blobUrl);
  }
}

let pool: WorkerHelperThreads | undefined;

/** The helper threads, or undefined where shared memory or a second core is missing (or a helper failed). */
export function helperThreads(): HelperThreads | undefined {
  if (pool) return pool.broken ? undefined : pool;
  const cores = typeof navigator === "undefined" ? 1 : navigator.hardwareConcurrency || 1;
  if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer === "undefined" || cores < 2) return undefined;
  pool = new WorkerHelperThreads(Math.min(MAX_HELPERS, cores - 1));
  return pool;
}

/**
 * Starts the helpers ahead of use (the compute worker does this once its backend is chosen): a
 * helper takes a worker start-up and a module load, which the first k-means++ pass or boosting
 * histogram would otherwise wait for. `kmeans_1Mx8`'s cluster cell, in fresh pages: about 20 ms
 * less (371 and 362 ms against 391 and 382, alternated runs of five).
 */
export function startHelperThreads(): void {
  helperThreads();
  pool?.start();
}
