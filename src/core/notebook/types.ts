import type { JsonObject } from "../json";

/** A cell's id, unique within a notebook (letters, digits, `_` and `-`). */
export type CellId = string;

/** The kinds of cell the notebook knows; each has one file in core/cells and one component in ui/cells. */
export const CELL_KINDS = [
  "data", "preprocess", "model", "cluster", "evaluate", "forecast", "rfm", "clv", "basket", "allocate", "chart", "note",
] as const;
export type CellKindId = (typeof CELL_KINDS)[number];

/** One cell as persisted: what it is, what it reads, and its parameters. Runs are never persisted. */
export interface CellSpec {
  readonly id: CellId;
  readonly kind: CellKindId;
  /** Optional display title. */
  readonly title?: string;
  /** Input port name -> id of the upstream cell whose output it reads. */
  readonly inputs: Readonly<Record<string, CellId>>;
  /** Plain JSON parameters, validated by the cell kind's `parse`. */
  readonly params: JsonObject;
}

/** Which compute backend to use: `auto` probes the fastest real one. */
export type BackendChoice = "auto" | "webgpu" | "webgl" | "wasm" | "cpu";

/** Notebook-wide settings. */
export interface NotebookSettings {
  readonly backend: BackendChoice;
  /** Seed for everything random unless a cell sets its own. */
  readonly seed: number;
  /** Re-run downstream cells as soon as a cell is edited. */
  readonly autorun: boolean;
}

/** The notebook document: the product's file format (docs/notebook-format.md). */
export interface NotebookDocument {
  readonly format: "sales-notebook";
  readonly version: 1;
  readonly title: string;
  readonly settings: NotebookSettings;
  readonly cells: readonly CellSpec[];
}
