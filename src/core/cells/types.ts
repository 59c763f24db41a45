import type { Json, JsonObject } from "../json";
import type { Table } from "../frame/table";
import type { ChunkSource } from "../frame/read-stream";
import type { CellKindId } from "../notebook/types";
import type { ModelRecord, ModelStore } from "../models/model-record";
import type { HelperThreads } from "../threads/helper-threads";

/** Where a data cell's bytes come from: a CSV shipped with the app, or a file the user supplied. */
export type DataSource =
  | { readonly type: "sample"; readonly name: string }
  | { readonly type: "file"; readonly name: string };

/** A fitted model kept in the worker (never crosses the boundary). */
export interface FittedModel {
  /** e.g. "linear", "logistic". */
  readonly algorithm: string;
  readonly task: "regression" | "classification";
  /** Feature columns the model was trained on, in order. */
  readonly features: readonly string[];
  readonly target: string;
  /** Point predictions (regression) or P(class = 1) (binary classification) for every row. */
  predict(table: Table): Promise<Float64Array>;
  /** The model as a record, for a model file. */
  record(): Promise<ModelRecord>;
  /** Its key in the run context's model store, when it is stored there. */
  readonly storeKey?: string;
  /** Frees tensors held by the model. */
  dispose(): void;
}

/** HiGHS's answer to an LP/MILP, reduced to what the allocation needs. */
export interface LpSolution {
  /** "Optimal", "Infeasible", "Unbounded", ... as HiGHS names it. */
  readonly status: string;
  readonly objective: number;
  /** Primal value per column (variable) name. */
  readonly primal: Readonly<Record<string, number>>;
  /** Dual value (shadow price) per row (constraint) name. */
  readonly dual: Readonly<Record<string, number>>;
}

/** What a cell produces. The table flows downstream; the summary is shown and written by the runner. */
export interface CellOutput {
  readonly table: Table;
  /** Small JSON: metrics, fitted parameters, totals. Rendered as text, never as HTML. */
  readonly summary: JsonObject;
  /** Further named tables for charts and inspection (e.g. "history", "coefficients"). */
  readonly extras?: Readonly<Record<string, Table>>;
  /** The fitted model of a model cell. */
  readonly model?: FittedModel;
}

/** The part of an AbortSignal the core needs (AbortSignal is a DOM/Node type, not ES2022). */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** What the environment (worker, Node test) gives a running cell. */
export interface RunContext {
  /** Seed for anything random in this run. */
  readonly seed: number;
  /** Aborted when the user cancels or the run is superseded; long loops check it and throw. */
  readonly signal: CancelSignal;
  /** Input port -> id of the upstream cell (for labels such as "win" vs "win_gb"); absent in tests. */
  readonly inputCells?: Readonly<Record<string, string>>;
  /** Reports progress in [0, 1], throttled by the receiver. */
  progress(fraction: number, message?: string): void;
  /** The bytes of a data source. */
  readSource(source: DataSource): Promise<Uint8Array>;
  /**
   * The data source as a re-openable stream of chunks (decompressed), so a data cell parses while
   * it reads and never holds the whole file; absent in plain tests (`readSource` is used then).
   */
  openSource?(source: DataSource): Promise<ChunkSource>;
  /** Solves a problem in CPLEX LP format with HiGHS. */
  solveLp(lp: string, options?: Readonly<Record<string, Json>>): Promise<LpSolution>;
  /** Where model cells keep trained models across reloads (IndexedDB in the worker); none in plain tests. */
  readonly models?: ModelStore;
  /** The TF.js backend in use, recorded with trained models. */
  readonly backend?: string;
  /** Helper threads sharing memory, where the browser allows them (threads/helper-threads.ts). */
  readonly threads?: HelperThreads;
}

/** Thrown by `parse` when a parameter is wrong; `path` names the field, e.g. "steps[2].columns". */
export class ParamError extends Error {
  override readonly name = "ParamError";
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/** Thrown when a run is cancelled. */
export class CancelledError extends Error {
  override readonly name = "CancelledError";
  constructor() {
    super("Cancelled");
  }
}

/** Throws CancelledError when the signal is aborted; call it inside long loops. */
export function throwIfCancelled(signal: CancelSignal): void {
  if (signal.aborted) throw new CancelledError();
}

/**
 * A cell kind: the "kernel config" of a cell. One file per kind in core/cells, collected in
 * registry.ts. `inputs` names the ports the cell reads (each bound to an upstream cell id).
 */
export interface CellKind<P = unknown> {
  readonly id: CellKindId;
  readonly title: string;
  /** Required input ports, e.g. ["data"]. */
  readonly inputs: readonly string[];
  /** Optional input ports (a cell may leave them unbound). */
  readonly optionalInputs?: readonly string[];
  /** Validates raw JSON parameters, filling defaults; throws ParamError naming the bad field. */
  parse(params: unknown): P;
  /** Computes the cell's output from its inputs' outputs. */
  run(inputs: Readonly<Record<string, CellOutput>>, params: P, ctx: RunContext): Promise<CellOutput>;
}
