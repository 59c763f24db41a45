/**
 * The one contract between the UI (main thread) and the compute worker.
 *
 * A handful of generic methods dispatch on cell kind inside the worker (as TF.js routes every op
 * through one runKernel), so new cell kinds never widen this API. Only plain data crosses:
 * JSON-like values, typed arrays, and handles. Tables, models and tensors stay in the worker.
 * The worker's implementation is declared `satisfies ComputeApi` (workers/compute-api.ts).
 */
import type { Json, JsonObject } from "../core/json";
import type { ColumnType, Table } from "../core/frame/table";
import type { RowFilter } from "../core/frame/row-index";
import type { BackendChoice, CellKindId, NotebookDocument } from "../core/notebook/types";

/** A TF.js backend the worker can run on. */
export type BackendName = "webgpu" | "webgl" | "wasm" | "cpu";

/** One backend the worker tried while choosing, and what happened. */
export interface BackendProbe {
  readonly backend: BackendName;
  readonly ok: boolean;
  /** Why it was or was not used, e.g. "software adapter (swiftshader): not a GPU". */
  readonly note: string;
}

/** The backend in use and why it was picked. */
export interface BackendInfo {
  readonly backend: BackendName;
  /** One sentence for the UI, e.g. "WebGPU skipped: software adapter; using WASM (SIMD)". */
  readonly reason: string;
  readonly probes: readonly BackendProbe[];
}

/** Opaque id of an output kept in the worker. */
export type HandleId = string;

/** Starts (or restarts) the worker's compute backend. */
export interface InitRequest {
  readonly backend: BackendChoice;
  /** The page's base URL: the worker resolves shipped sample data against it. */
  readonly baseUrl: string;
}

/** Runs one cell on inputs already in the worker. */
export interface RunCellRequest {
  readonly cellId: string;
  readonly version: number;
  readonly kind: CellKindId;
  readonly params: JsonObject;
  /** Input port -> handle of the upstream cell's output. */
  readonly inputs: Readonly<Record<string, HandleId>>;
  /** Input port -> id of the upstream cell, for labels. */
  readonly inputCells?: Readonly<Record<string, string>>;
  readonly seed: number;
}

/** What the UI learns about a finished cell; the table itself stays behind `handle`. */
export interface RunCellResult {
  readonly handle: HandleId;
  readonly nRows: number;
  readonly columns: readonly { readonly name: string; readonly type: ColumnType }[];
  readonly summary: JsonObject;
  /** Names of the further tables (charts, profiles) readable through `read`. */
  readonly extras: readonly string[];
  /** Worker-side milliseconds. */
  readonly ms: number;
  readonly backend: BackendName;
}

/** Reads part of an output table (or one of its extras) for previews and charts. */
export interface ReadRequest {
  readonly handle: HandleId;
  /** An extra's name; the main table when absent. */
  readonly extra?: string;
  readonly offset?: number;
  /** Maximum rows (default 200). */
  readonly limit?: number;
  readonly columns?: readonly string[];
  /** Sort rows by this column before slicing. */
  readonly sortBy?: { readonly column: string; readonly descending: boolean };
  /** Keep only rows passing every filter (before sorting and slicing). */
  readonly filters?: readonly RowFilter[];
  /** Keep only rows with this text (case-insensitive) in some text column. */
  readonly search?: string;
}

/** A slice of a table plus the total row count. */
export interface ReadResult {
  readonly table: Table;
  /** Rows after filters and search: what offsets index into. */
  readonly totalRows: number;
  /** Rows of the whole table, before filters and search. */
  readonly sourceRows?: number;
}

/** Progress of a running cell. */
export interface Progress {
  readonly cellId: string;
  readonly fraction: number;
  readonly message?: string;
}

/** Memory figures from the worker, for leak tests and the status bar. */
export interface WorkerStats {
  readonly numTensors: number;
  readonly tensorBytes: number;
  readonly handles: number;
}

/** The worker's API. */
export interface ComputeApi {
  /** Picks the backend (probing for `auto`) and loads what it needs. */
  init(request: InitRequest): Promise<BackendInfo>;
  /**
   * Makes a user file available to data cells under `name`: a Blob (a dropped File: only a
   * reference crosses, the worker reads the bytes), bytes (transferred, not copied) or a
   * same-origin URL.
   */
  bindFile(name: string, source: { readonly url: string } | { readonly bytes: ArrayBuffer } | { readonly blob: Blob }): Promise<{ bytes: number }>;
  /** Runs a cell; progress arrives through the (comlink-proxied) callback. */
  runCell(request: RunCellRequest, onProgress?: (progress: Progress) => void): Promise<RunCellResult>;
  /** Reads rows of an output. */
  read(request: ReadRequest): Promise<ReadResult>;
  /** An output table as CSV text. */
  exportCsv(handle: HandleId, extra?: string): Promise<string>;
  /** A model cell's trained model as model-file text (JSON), to save and use in another notebook. */
  exportModel(handle: HandleId): Promise<string>;
  /** Drops the stored copy of a model cell's trained model, so its next run trains afresh. */
  forgetModel(handle: HandleId): Promise<void>;
  /** Frees outputs (tables, models, tensors). */
  release(handles: readonly HandleId[]): Promise<void>;
  /** Aborts the run of `cellId` (or every run when absent). */
  cancel(cellId?: string): Promise<void>;
  /** Tensor and handle counts. */
  stats(): Promise<WorkerStats>;
  /** The notebook as a Jupyter notebook (.ipynb JSON) reproducing its steps in Python. */
  exportIpynb(document: NotebookDocument): Promise<string>;
  /**
   * Testing aid: raises an uncaught error in the worker, as a crash would, or (`"gpu-device"`)
   * destroys the WebGPU device as a GPU reset would. The page must recover either way.
   */
  crash(how?: "error" | "gpu-device"): Promise<void>;
}

/** Values allowed across the boundary; a compile-time test checks the contract against it. */
export type Wire = Json | undefined | ArrayBufferView | ArrayBuffer | readonly Wire[] | { readonly [key: string]: Wire };
