import type { CancelSignal } from "../cells/types";
import type { CellId, CellSpec } from "../notebook/types";
import { downstreamOf, plan, sameDefinition, upstreamOf, type RequiredInputs } from "./plan";

/** Where a cell's run stands. "stale": its result (still shown) predates an edit upstream or of itself. */
export type CellStatus = "idle" | "queued" | "running" | "done" | "stale" | "error";

/** What the UI shows for one cell. Never persisted; replaced (not mutated) on every change. */
export interface CellRunState<R> {
  readonly status: CellStatus;
  /** Bumped by every edit, run and cancel of the cell; a result from an older version is dropped. */
  readonly version: number;
  /** The latest successful result, kept visible while stale, queued or re-running. */
  readonly result?: R;
  readonly error?: string;
  /** How long the run that produced `result` or `error` took. */
  readonly ms?: number;
  /** Progress in [0, 1] of the current run. */
  readonly progress?: number;
  readonly message?: string;
}

/** Runs one cell; in the app it forwards to the compute worker, in tests it is a fake. */
export interface Executor<R> {
  /** Computes `cell` from its upstream results. Long runs check `signal.aborted` and throw. */
  execute(
    cell: CellSpec,
    inputs: Readonly<Record<string, R>>,
    signal: CancelSignal,
    onProgress: (fraction: number, message?: string) => void,
  ): Promise<R>;
  /** Frees a result (e.g. worker handles) that was replaced, superseded or whose cell was deleted. */
  release?(result: R): void;
}

/** Options of a Scheduler. */
export interface SchedulerOptions {
  /** Input ports each cell must have bound, usually from the cell-kind registry. */
  readonly requiredInputs?: RequiredInputs;
  /** Clock for `ms`; inject performance.now for sub-millisecond timings. */
  readonly now?: () => number;
}

interface Entry<R> {
  spec: CellSpec;
  version: number;
  state: CellRunState<R>;
  held?: { readonly value: R }; // boxed: R itself may be undefined
  run?: { readonly version: number; readonly signal: { aborted: boolean } };
  beforeQueued?: CellRunState<R>; // what cancel() puts back
}

const isBusy = (s: CellStatus) => s === "queued" || s === "running";

/**
 * Runs notebook cells in dependency order on one executor, one cell at a time.
 *
 * How it works, after observablehq/runtime:
 * 1. setCells() plans the graph (order + per-cell problems) and works out what an edit
 *    invalidates: the changed cells and everything downstream. Each gets a new version.
 * 2. run()/runAll() put cells in a queue (status "queued") and kick the queue.
 * 3. #kick() starts the earliest queued cell in plan order, but only when no execution is
 *    outstanding: the worker is single-threaded, so one call at a time is all it can do anyway.
 * 4. #start() checks the cell's inputs again (an upstream cell may have failed meanwhile),
 *    bumps its version, remembers it, and calls the executor.
 * 5. #settle() compares the remembered version with the cell's version now. If an edit, cancel,
 *    removal or dispose bumped it meanwhile, the result is stale ("variable_stale"): released
 *    and never shown. Otherwise it becomes the cell's result (releasing the old one) or its
 *    error (failing everything downstream). Then it kicks the queue again.
 * Cancelling therefore never needs the worker's cooperation to be correct; the abort signal only
 * saves the worker work. Results are released once nothing can still be reading them.
 */
export class Scheduler<R> {
  readonly #executor: Executor<R>;
  readonly #onChange: (states: ReadonlyMap<CellId, CellRunState<R>>) => void;
  readonly #requiredInputs: RequiredInputs | undefined;
  readonly #now: () => number;
  #cells: readonly CellSpec[] = [];
  #entries = new Map<CellId, Entry<R>>();
  #order: CellId[] = [];
  #problems: ReadonlyMap<CellId, string> = new Map();
  #queue = new Set<CellId>();
  #inFlight = false;
  #deferred: R[] = [];
  #waiters: { ids: readonly CellId[]; resolve: () => void }[] = [];
  #snapshot: ReadonlyMap<CellId, CellRunState<R>> = new Map();
  #disposed = false;

  /** @param onChange receives a fresh, immutable map of all states after every change. */
  constructor(
    executor: Executor<R>,
    onChange: (states: ReadonlyMap<CellId, CellRunState<R>>) => void,
    options: SchedulerOptions = {},
  ) {
    this.#executor = executor;
    this.#onChange = onChange;
    this.#requiredInputs = options.requiredInputs;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Replaces the cell specs. Cells whose kind, inputs or params changed, cells added or removed,
   * and cells whose plan problem changed are the seeds; they and everything downstream become
   * "stale" (keeping their result) or "idle" (if they have none), get a new version and lose any
   * queued or running run. Cells with a plan problem become "error" with it. Removed cells'
   * results are released.
   */
  setCells(cells: readonly CellSpec[]): void {
    if (this.#disposed) return;
    const next = plan(cells, this.#requiredInputs);
    const seeds = new Set<CellId>();
    const specs = new Map<CellId, CellSpec>();
    for (const cell of cells) if (!specs.has(cell.id)) specs.set(cell.id, cell);
    for (const [id, entry] of this.#entries) {
      if (specs.has(id)) continue;
      seeds.add(id);
      this.#invalidate(id, entry);
      this.#drop(entry);
      this.#entries.delete(id);
    }
    for (const [id, spec] of specs) {
      const entry = this.#entries.get(id);
      if (!entry) {
        seeds.add(id);
        this.#entries.set(id, { spec, version: 0, state: { status: "idle", version: 0 } });
        continue;
      }
      // Did the cell change what it computes, or start or stop being broken?
      if (!sameDefinition(entry.spec, spec) || this.#problems.get(id) !== next.problems.get(id)) seeds.add(id);
      entry.spec = spec;
    }
    const dirty = downstreamOf(cells, seeds);
    this.#cells = cells;
    this.#order = next.order;
    this.#problems = next.problems;
    for (const id of next.order) {
      const entry = this.#entries.get(id)!;
      const problem = next.problems.get(id);
      if (!dirty.has(id)) continue;
      this.#invalidate(id, entry);
      if (problem !== undefined) {
        this.#drop(entry);
        this.#set(entry, { status: "error", error: problem });
      } else if (entry.state.status !== "idle") {
        this.#set(entry, { status: entry.held ? "stale" : "idle" });
      }
    }
    this.#emit();
  }

  /**
   * Marks `ids` and everything downstream as changed although their definitions are not (a data
   * file they read was replaced): they go stale (or idle without a result) and lose any run in
   * flight, as after an edit.
   */
  invalidate(ids: Iterable<CellId>): void {
    if (this.#disposed) return;
    for (const id of downstreamOf(this.#cells, ids)) {
      const entry = this.#entries.get(id);
      if (!entry || this.#problems.has(id)) continue;
      this.#invalidate(id, entry);
      if (entry.state.status !== "idle") this.#set(entry, { status: entry.held ? "stale" : "idle" });
    }
    this.#emit();
  }

  /** Runs every cell that is idle, stale or failed (not those with a plan problem); resolves when they settle. */
  runAll(): Promise<void> {
    const targets = this.#order.filter((id) => !this.#problems.has(id) && this.#entries.get(id)!.state.status !== "done");
    return this.#enqueue(targets);
  }

  /**
   * Runs `id`, first running any upstream cell that is not done. Cells downstream of it that were
   * done become stale, since the re-run may change what they read.
   */
  run(id: CellId): Promise<void> {
    const target = this.#entries.get(id);
    if (this.#disposed || !target || this.#problems.has(id)) return Promise.resolve();
    if (isBusy(target.state.status)) return this.#enqueue([id]); // already on its way: just wait
    for (const below of downstreamOf(this.#cells, [id])) {
      const entry = this.#entries.get(below)!;
      if (below === id) continue;
      // A run below would finish against the result we are about to replace: supersede it.
      if (entry.state.status === "running") this.#invalidate(below, entry);
      if (entry.state.status === "done" || entry.state.status === "running") {
        this.#set(entry, { status: entry.held ? "stale" : "idle" });
      }
    }
    const above = [...upstreamOf(this.#cells, id)].filter((up) => up !== id && this.#entries.get(up)?.state.status !== "done");
    return this.#enqueue([...above, id]);
  }

  /**
   * Cancels the run of `id` (or, with no id, every queued and running cell). A running cell ends
   * "error" with "Cancelled"; a queued one, and cells queued below a cancelled one, go back to
   * the status they had before they were queued.
   */
  cancel(id?: CellId): void {
    if (this.#disposed) return;
    const targets = id === undefined ? [...this.#entries.keys()] : [...downstreamOf(this.#cells, [id])];
    for (const target of targets) {
      const entry = this.#entries.get(target);
      if (!entry) continue;
      if (entry.run && (id === undefined || target === id)) {
        this.#invalidate(target, entry);
        this.#drop(entry);
        this.#set(entry, { status: "error", error: "Cancelled" });
      } else if (this.#queue.has(target)) {
        this.#dequeue(target, entry);
      }
    }
    this.#emit();
  }

  /** The current states, in document order (the map last passed to onChange). */
  states(): ReadonlyMap<CellId, CellRunState<R>> {
    return this.#snapshot;
  }

  /** Stops everything and releases every result; later calls do nothing. Pending promises resolve. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const [id, entry] of this.#entries) {
      this.#invalidate(id, entry);
      this.#drop(entry);
    }
    this.#entries.clear();
    this.#flushReleases();
    for (const waiter of this.#waiters.splice(0)) waiter.resolve();
  }

  // Queues the cells that are not already queued or running, and returns a promise that
  // resolves once none of `ids` is queued or running any more (whatever the outcome).
  #enqueue(ids: readonly CellId[]): Promise<void> {
    if (this.#disposed) return Promise.resolve();
    let queued = false;
    for (const id of ids) {
      const entry = this.#entries.get(id)!;
      if (isBusy(entry.state.status)) continue;
      entry.beforeQueued = entry.state;
      this.#set(entry, { status: "queued" });
      this.#queue.add(id);
      queued = true;
    }
    if (!queued && ids.every((id) => !isBusy(this.#entries.get(id)!.state.status))) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.#waiters.push({ ids, resolve }));
    this.#emit();
    this.#kick();
    return done;
  }

  // Starts the next queued cell unless an execution is outstanding. Called after anything that
  // queues a cell and after every execution settles, so the queue drains one cell at a time.
  // It runs synchronously: a run()/runAll() on an idle scheduler calls the executor before it
  // returns, which keeps the order of events predictable for the UI and for tests.
  #kick(): void {
    while (!this.#inFlight && !this.#disposed) {
      const id = this.#order.find((candidate) => this.#queue.has(candidate));
      if (id === undefined) return;
      this.#queue.delete(id);
      this.#start(id, this.#entries.get(id)!);
    }
  }

  #start(id: CellId, entry: Entry<R>): void {
    entry.beforeQueued = undefined;
    // Inputs are checked now rather than when queued: an upstream cell may have failed or been
    // cancelled while this one waited.
    const inputs: Record<string, R> = {};
    for (const [port, source] of Object.entries(entry.spec.inputs)) {
      const upstream = this.#entries.get(source);
      if (upstream?.state.status === "error") this.#fail(id, entry, `upstream cell '${source}' failed`);
      else if (upstream?.state.status !== "done" || !upstream.held) this.#restore(entry);
      else {
        inputs[port] = upstream.held.value;
        continue;
      }
      return this.#emit();
    }
    const version = ++entry.version;
    const signal = { aborted: false };
    entry.run = { version, signal };
    this.#set(entry, { status: "running", progress: 0 });
    this.#emit();
    const onProgress = (progress: number, message?: string) => {
      if (entry.run?.version !== version || this.#disposed) return; // progress of a superseded run
      this.#set(entry, { status: "running", progress, ...(message === undefined ? {} : { message }) });
      this.#emit();
    };
    // The executor is awaited even after its run is cancelled or superseded, so the worker never
    // gets a second call while it is still busy with the first.
    this.#inFlight = true;
    const started = this.#now();
    let pending: Promise<R>;
    try {
      pending = this.#executor.execute(entry.spec, inputs, signal, onProgress);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => this.#settle(id, entry, version, this.#now() - started, { ok: true, value }),
      (error: unknown) => this.#settle(id, entry, version, this.#now() - started, { ok: false, error }),
    );
  }

  #settle(id: CellId, entry: Entry<R>, version: number, ms: number, outcome: { ok: true; value: R } | { ok: false; error: unknown }): void {
    this.#inFlight = false;
    // Was the cell edited, cancelled or removed, or the scheduler disposed, while we waited?
    // Then this outcome belongs to nobody: release the result and show nothing.
    if (this.#disposed || this.#entries.get(id) !== entry || entry.version !== version) {
      if (outcome.ok) this.#deferred.push(outcome.value);
      this.#flushReleases();
    } else {
      entry.run = undefined;
      if (outcome.ok) {
        if (entry.held && entry.held.value !== outcome.value) this.#deferred.push(entry.held.value);
        entry.held = { value: outcome.value };
        this.#set(entry, { status: "done", ms });
      } else {
        const error = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
        this.#fail(id, entry, error, ms);
      }
      this.#emit();
    }
    this.#kick();
  }

  // Marks a cell failed and, since nothing below it can run, every cell downstream too.
  #fail(id: CellId, entry: Entry<R>, error: string, ms?: number): void {
    this.#drop(entry);
    this.#set(entry, { status: "error", error, ...(ms === undefined ? {} : { ms }) });
    for (const below of downstreamOf(this.#cells, [id])) {
      const other = this.#entries.get(below);
      if (below === id || !other || this.#problems.has(below)) continue;
      this.#queue.delete(below);
      other.beforeQueued = undefined;
      this.#drop(other);
      this.#set(other, { status: "error", error: `upstream cell '${id}' failed` });
    }
  }

  // Takes a queued cell off the queue without running it.
  #dequeue(id: CellId, entry: Entry<R>): void {
    this.#queue.delete(id);
    this.#restore(entry);
  }

  #restore(entry: Entry<R>): void {
    const { version: _version, result: _result, ...before } = entry.beforeQueued ?? entry.state;
    entry.beforeQueued = undefined;
    this.#set(entry, before);
  }

  // New version, so a run in flight is superseded; the signal lets the worker stop early.
  #invalidate(id: CellId, entry: Entry<R>): void {
    entry.version++;
    if (entry.run) entry.run.signal.aborted = true;
    entry.run = undefined;
    entry.beforeQueued = undefined;
    this.#queue.delete(id);
  }

  #drop(entry: Entry<R>): void {
    if (entry.held) this.#deferred.push(entry.held.value);
    entry.held = undefined;
  }

  // Releases wait while an execute() is outstanding: it may still be reading an upstream result
  // that an edit just removed, and a worker handle must not be freed under a running cell.
  #flushReleases(): void {
    if (this.#inFlight) return;
    for (const result of this.#deferred.splice(0)) {
      try {
        this.#executor.release?.(result);
      } catch {
        // A failed release leaks one result; it must not wedge the scheduler.
      }
    }
  }

  #set(entry: Entry<R>, fields: Omit<CellRunState<R>, "version" | "result">): void {
    entry.state = { ...fields, version: entry.version, ...(entry.held ? { result: entry.held.value } : {}) };
  }

  #emit(): void {
    if (this.#disposed) return;
    this.#flushReleases();
    const snapshot = new Map<CellId, CellRunState<R>>();
    for (const { id } of this.#cells) if (!snapshot.has(id)) snapshot.set(id, this.#entries.get(id)!.state);
    this.#snapshot = snapshot;
    this.#waiters = this.#waiters.filter((waiter) => {
      const settled = waiter.ids.every((id) => !isBusy(this.#entries.get(id)?.state.status ?? "idle"));
      if (settled) waiter.resolve();
      return !settled;
    });
    this.#onChange(this.#snapshot);
  }
}
