import type { JsonObject } from "../core/json";
import type { BackendChoice } from "../core/notebook/types";

/**
 * The page's automation surface, used by the headless runner and the benchmark command.
 * It exists on `window.__salesNotebook` when the page is opened with `?automation=1`, and drives
 * the same state, scheduler and worker a person uses.
 */
export interface CellReport {
  readonly id: string;
  readonly kind: string;
  /** Final status: "done" or "error" (or "idle" when the cell was never reached). */
  readonly status: string;
  readonly error?: string;
  /** Milliseconds the cell's run took in the worker. */
  readonly ms?: number;
  /** The backend the worker ran the cell on. */
  readonly backend?: string;
  readonly nRows?: number;
  readonly nColumns?: number;
  /** The cell's summary: metrics, fitted parameters, totals. */
  readonly summary?: JsonObject;
}

export interface RunReport {
  readonly title: string;
  /** True when every cell ended "done". */
  readonly ok: boolean;
  readonly backend: string;
  readonly backendReason: string;
  readonly ms: number;
  readonly cells: readonly CellReport[];
}

export interface AutomationApi {
  /** Resolves once the worker is up; returns the backend in use. */
  whenReady(): Promise<{ backend: string; reason: string }>;
  /** Replaces the open notebook; rejects with the validation message when the document is bad. */
  loadNotebook(document: unknown): Promise<void>;
  /**
   * Binds a file source name to a same-origin URL (the worker fetches it on the next run) or to a
   * File the page holds (as a file picker or a drop gives it; read from disk in the worker).
   */
  bindFile(name: string, source: string | Blob): Promise<void>;
  /** Switches the compute backend (restarting the worker). */
  setBackend(choice: BackendChoice): Promise<{ backend: string; reason: string }>;
  /** Runs every cell and resolves when all have settled. */
  runAll(): Promise<RunReport>;
  /** A cell's output table as CSV text. */
  exportCsv(cellId: string): Promise<string>;
  /**
   * Makes the compute worker crash (as an out-of-memory kill would), or with `"gpu-device"` loses
   * its WebGPU device (as a GPU reset would), to exercise recovery.
   */
  crashWorker(how?: "error" | "gpu-device"): Promise<void>;
}

declare global {
  interface Window {
    __salesNotebook?: AutomationApi;
  }
}
