/**
 * The open notebook: its document (what is saved), the runs of its cells (never saved), the
 * worker and the backend. A thin adapter between the pure core (document, scheduler) and the
 * worker; components read its fields and call its methods.
 */
import { Scheduler, type CellRunState } from "../core/graph";
import { requiredInputs } from "../core/cells/ports";
import type { BackendChoice, CellId, CellKindId, CellSpec, NotebookDocument } from "../core/notebook/types";
import type { JsonObject } from "../core/json";
import type { BackendInfo, RunCellResult } from "../bridge/api";
import { startComputeWorker, type ComputeClient } from "../bridge/compute-client";
import { newCell } from "./new-cell";
import { saveFile, saveNotebook } from "./library";

export type RunState = CellRunState<RunCellResult>;
export type WorkerStatus = "starting" | "ready" | "restarting" | "failed";

export class NotebookState {
  /** The document; replaced (never mutated) on every edit so the scheduler can diff it. */
  doc = $state.raw<NotebookDocument>(undefined as unknown as NotebookDocument);
  /** Per-cell run state from the scheduler. */
  runs = $state.raw<ReadonlyMap<CellId, RunState>>(new Map());
  backend = $state.raw<BackendInfo | null>(null);
  workerStatus = $state<WorkerStatus>("starting");
  /** A notice for the whole notebook (worker crash, backend fallback). Plain text. */
  notice = $state<string | null>(null);
  /** Names of user files bound in the worker. */
  files = $state.raw<ReadonlySet<string>>(new Set());

  /** Whether an undo / redo step exists (for the toolbar). */
  canUndo = $state(false);
  canRedo = $state(false);

  /** The notebook's id in the library (IndexedDB). */
  readonly id: string;
  #persist: boolean;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #undo: NotebookDocument[] = [];
  #redo: NotebookDocument[] = [];
  #client: ComputeClient | undefined;
  #scheduler: Scheduler<RunCellResult> | undefined;
  #ready: Promise<void> = Promise.resolve();
  /**
   * User files (Blobs, i.e. the dropped Files, or same-origin URLs), kept so a restarted worker
   * gets them again. Blobs, not bytes: the page never copies or serialises the data itself.
   */
  #fileBindings = new Map<string, { blob: Blob } | { url: string }>();
  /** Set after a crash when the notebook's forced backend would not start again: this session runs on `auto`. */
  #fallbackBackend: "auto" | undefined;

  /**
   * @param doc the document to open
   * @param options.id its id in the library; options.files data files restored with it;
   *   options.persist false keeps it out of the library (automation runs)
   */
  constructor(doc: NotebookDocument, options: { id: string; files?: ReadonlyMap<string, Blob>; persist?: boolean }) {
    this.doc = doc;
    this.id = options.id;
    this.#persist = options.persist ?? true;
    for (const [name, blob] of options.files ?? []) this.#fileBindings.set(name, { blob });
    this.files = new Set(options.files?.keys() ?? []);
  }

  /** Stops the worker and the scheduler (when another notebook is opened). */
  dispose(): void {
    clearTimeout(this.#saveTimer);
    this.#scheduler?.dispose();
    this.#client?.terminate();
  }

  /** Starts (or restarts) the worker on the notebook's backend setting; autoruns if set. */
  start(): Promise<void> {
    this.#ready = this.#boot();
    return this.#ready;
  }

  /** Resolves when the worker is up. */
  whenReady(): Promise<void> {
    return this.#ready;
  }

  async #boot(): Promise<void> {
    this.#scheduler?.dispose();
    this.#client?.terminate();
    this.backend = null;
    const client = startComputeWorker((message) => void this.#recover(message));
    this.#client = client;
    try {
      this.backend = await client.api.init({ backend: this.#fallbackBackend ?? this.doc.settings.backend, baseUrl: document.baseURI });
      for (const [name, binding] of this.#fileBindings) {
        if ("blob" in binding) await client.bindBlob(name, binding.blob);
        else await client.api.bindFile(name, binding);
      }
      this.workerStatus = "ready";
    } catch (error) {
      this.workerStatus = "failed";
      this.notice = `The compute worker could not start: ${(error as Error).message}`;
      throw error;
    }
    this.#scheduler = new Scheduler<RunCellResult>(
      {
        execute: (cell, inputs, _signal, onProgress) =>
          client.runCell(
            {
              cellId: cell.id,
              version: 0,
              kind: cell.kind,
              params: cell.params,
              inputs: Object.fromEntries(Object.entries(inputs).map(([port, r]) => [port, r.handle])),
              inputCells: cell.inputs,
              seed: typeof cell.params.seed === "number" ? cell.params.seed : this.doc.settings.seed,
            },
            (p) => onProgress(p.fraction, p.message),
          ),
        release: (result) => void client.api.release([result.handle]).catch(() => undefined),
      },
      (states) => (this.runs = states),
      { requiredInputs: (cell) => requiredInputs(cell.kind) },
    );
    this.#scheduler.setCells(this.doc.cells);
    if (this.doc.settings.autorun) void this.runAll();
  }

  /** After a crash: say so, start a new worker and re-run what was lost. No edit is lost. */
  async #recover(message: string): Promise<void> {
    if (this.workerStatus === "restarting") return;
    this.workerStatus = "restarting";
    const lost = [...this.runs.values()].some((r) => r.status !== "idle");
    this.notice = `The compute worker stopped (${message}). It was restarted${lost ? " and the notebook re-run" : ""}; no edit was lost.`;
    const notice = this.notice;
    const restarted = await this.start().then(() => true, () => false);
    if (!restarted && this.doc.settings.backend !== "auto" && !this.#fallbackBackend) {
      // The forced backend would not come back (e.g. the GPU is gone): carry on with the best one that starts.
      this.#fallbackBackend = "auto";
      await this.start().catch(() => undefined);
      this.notice = `${notice} The ${this.doc.settings.backend} backend would not start again, so this session runs on ${this.backend?.backend ?? "another backend"}.`;
    }
    // Re-run what had run before, even with autorun off: results were lost, not edits.
    if (lost && !this.doc.settings.autorun) await this.runAll();
  }

  /** Testing and diagnostics aid: makes the worker crash as an out-of-memory kill would. */
  simulateWorkerCrash(how?: "error" | "gpu-device"): void {
    void this.#client?.api.crash(how).catch(() => undefined);
  }

  /** Runs every cell that is not done. */
  async runAll(): Promise<void> {
    await this.#ready;
    await this.#scheduler?.runAll();
  }

  /** Runs one cell (and any upstream cell that is not done). */
  async run(id: CellId): Promise<void> {
    await this.#ready;
    await this.#scheduler?.run(id);
  }

  /** Trains a model cell afresh: drops its stored fit, then runs it (and its dependants) again. */
  async retrain(id: CellId): Promise<void> {
    await this.#ready;
    const handle = this.runs.get(id)?.result?.handle;
    if (handle) await this.#client?.api.forgetModel(handle).catch(() => undefined);
    this.#scheduler?.invalidate([id]);
    if (this.doc.settings.autorun) await this.runAll();
    else await this.run(id);
  }

  /** Cancels a running cell, or everything. */
  cancel(id?: CellId): void {
    this.#scheduler?.cancel(id);
    void this.#client?.api.cancel(id);
  }

  /** Replaces the whole document (open file, automation). */
  load(doc: NotebookDocument): void {
    const backendChanged = doc.settings.backend !== this.doc.settings.backend;
    this.#commit(doc);
    if (backendChanged) void this.start();
    else {
      this.#scheduler?.setCells(doc.cells);
      if (doc.settings.autorun) void this.runAll();
    }
  }

  /** Edits one cell's parameters (or title/inputs); downstream cells go stale and autorun. */
  updateCell(id: CellId, patch: { params?: JsonObject; title?: string; inputs?: Record<string, CellId> }): void {
    this.#setCells(this.doc.cells.map((c) => (c.id === id ? { ...c, ...patch } : c)));
  }

  addCell(kind: CellKindId, afterId?: CellId): CellId {
    const index = afterId ? this.doc.cells.findIndex((c) => c.id === afterId) + 1 : this.doc.cells.length;
    const cell = newCell(kind, this.doc.cells, index);
    const cells = [...this.doc.cells];
    cells.splice(index, 0, cell);
    this.#setCells(cells);
    return cell.id;
  }

  deleteCell(id: CellId): void {
    this.#setCells(this.doc.cells.filter((c) => c.id !== id));
  }

  moveCell(id: CellId, delta: -1 | 1): void {
    const cells = [...this.doc.cells];
    const i = cells.findIndex((c) => c.id === id);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= cells.length) return;
    [cells[i], cells[j]] = [cells[j], cells[i]];
    this.#setCells(cells);
  }

  setTitle(title: string): void {
    this.#commit({ ...this.doc, title });
  }

  setAutorun(autorun: boolean): void {
    this.#commit({ ...this.doc, settings: { ...this.doc.settings, autorun } });
  }

  /** Takes back the last edit (cells, parameters, title, settings). */
  undo(): void {
    this.#step(this.#undo, this.#redo);
  }

  /** Re-applies an edit taken back by undo. */
  redo(): void {
    this.#step(this.#redo, this.#undo);
  }

  #step(from: NotebookDocument[], to: NotebookDocument[]): void {
    const doc = from.pop();
    if (!doc) return;
    to.push(this.doc);
    const backendChanged = doc.settings.backend !== this.doc.settings.backend;
    this.#commit(doc, false);
    if (backendChanged) void this.start();
    else {
      this.#scheduler?.setCells(doc.cells);
      if (doc.settings.autorun) void this.runAll();
    }
  }

  /** Switches backend: restarts the worker, so every cell runs again on the new one. */
  async setBackend(backend: BackendChoice): Promise<void> {
    this.#fallbackBackend = undefined;
    this.#commit({ ...this.doc, settings: { ...this.doc.settings, backend } });
    await this.start();
  }

  /**
   * Binds a user file (by name) in the worker; cells reading it go stale and autorun. The File is
   * stored in IndexedDB as a Blob and handed to the worker by reference: the bytes are read in
   * the worker, so even a 100 MB file costs the page no long task.
   */
  async bindFile(name: string, file: Blob): Promise<void> {
    await this.#ready;
    this.#fileBindings.set(name, { blob: file });
    if (this.#persist) {
      const problem = await saveFile(this.id, name, file);
      if (problem) this.notice = problem;
    }
    await this.#client!.bindBlob(name, file);
    this.files = new Set([...this.files, name]);
    this.#touchDataCells((source) => source.type === "file" && source.name === name);
  }

  /** Binds a file name to a same-origin URL (the headless runner serves files this way). */
  async bindUrl(name: string, url: string): Promise<void> {
    await this.#ready;
    this.#fileBindings.set(name, { url });
    await this.#client!.api.bindFile(name, { url });
    this.files = new Set([...this.files, name]);
    this.#touchDataCells((source) => source.type === "file" && source.name === name);
  }

  /** The worker API, for reading outputs. */
  get api() {
    return this.#client?.api;
  }

  /** Marks cells that read a matching source (data cells, model cells with a model file) as changed, so they and their dependants re-run. */
  #touchDataCells(match: (source: { type: string; name: string }) => boolean): void {
    const hits = this.doc.cells.filter(
      (c) => typeof c.params.source === "object" && c.params.source !== null && !Array.isArray(c.params.source) && match(c.params.source as never),
    );
    if (!hits.length) return;
    this.#scheduler?.invalidate(hits.map((c) => c.id));
    if (this.doc.settings.autorun) void this.runAll();
  }

  #setCells(cells: readonly CellSpec[]): void {
    this.#commit({ ...this.doc, cells });
    this.#scheduler?.setCells(cells);
    if (this.doc.settings.autorun) void this.runAll();
  }

  /** Makes `doc` current: records the previous one for undo and autosaves (debounced). */
  #commit(doc: NotebookDocument, record = true): void {
    if (record && doc !== this.doc) {
      this.#undo.push(this.doc);
      if (this.#undo.length > 200) this.#undo.shift();
      this.#redo = [];
    }
    this.doc = doc;
    this.canUndo = this.#undo.length > 0;
    this.canRedo = this.#redo.length > 0;
    if (!this.#persist) return;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => void this.saveNow(), 250);
  }

  /** Writes the document to the library now; reports a refusal (quota) in the notice. */
  async saveNow(): Promise<void> {
    clearTimeout(this.#saveTimer);
    if (!this.#persist) return;
    const problem = await saveNotebook(this.id, this.doc);
    if (problem) this.notice = problem;
  }
}
