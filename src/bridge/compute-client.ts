/**
 * Starts the compute worker and wraps it with comlink. The only main-thread module that knows
 * about comlink and the worker's URL.
 */
import { proxy, releaseProxy, transfer, wrap, type Remote } from "comlink";
import workerUrl from "../../workers/compute.worker.ts?worker&url";
import type { ComputeApi, Progress, RunCellRequest, RunCellResult } from "./api";

/** A running worker and its typed remote. */
export interface ComputeClient {
  readonly api: Remote<ComputeApi>;
  /** Runs a cell with a progress callback (proxied across the boundary). */
  runCell(request: RunCellRequest, onProgress: (p: Progress) => void): Promise<RunCellResult>;
  /** Hands a user file's bytes to the worker without copying them. */
  bindBytes(name: string, bytes: ArrayBuffer): Promise<void>;
  /** Hands a user file (Blob) to the worker: only a reference crosses; the worker reads it. */
  bindBlob(name: string, blob: Blob): Promise<void>;
  /** Ends the worker at once (hard cancel, or recovery after a crash). */
  terminate(): void;
}

/**
 * Starts the worker from a blob: URL that imports the bundled module. A worker created this way
 * inherits the page's Content-Security-Policy (one loaded from a URL would not; DESIGN.md 8), so
 * the page's connect-src 'self' also binds the worker.
 */
export function startComputeWorker(onCrash: (message: string) => void): ComputeClient {
  const moduleUrl = new URL(workerUrl, document.baseURI).href;
  const blob = new Blob([`import ${JSON.stringify(moduleUrl)};`], { type: "text/javascript" });
  const blobUrl = URL.createObjectURL(blob);
  const worker = new Worker(blobUrl, { type: "module", name: "sales-notebook-compute" });
  URL.revokeObjectURL(blobUrl);
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    onCrash(event.message || "the compute worker stopped unexpectedly");
  });
  worker.addEventListener("messageerror", () => onCrash("a message from the compute worker could not be read"));
  const api = wrap<ComputeApi>(worker);
  return {
    api,
    runCell: (request, onProgress) => api.runCell(request, proxy(onProgress)),
    async bindBytes(name, bytes) {
      await api.bindFile(name, transfer({ bytes }, [bytes]));
    },
    async bindBlob(name, blob) {
      await api.bindFile(name, { blob });
    },
    terminate() {
      api[releaseProxy]();
      worker.terminate();
    },
  };
}
