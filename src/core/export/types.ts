import type { CellSpec, NotebookDocument } from "../notebook/types";

/** One cell of the exported notebook, before it becomes nbformat JSON. */
export interface ExportedCell {
  readonly type: "code" | "markdown";
  readonly source: string;
}

/** The Python helper blocks a generator needs (each is emitted once, in the helpers cell). */
export type HelperName = "common" | "split" | "steps" | "metrics" | "model" | "forecast" | "allocate";

/** What a generator knows about the notebook while it writes one cell. */
export interface ExportContext {
  readonly doc: NotebookDocument;
  /** The Python variable holding a cell's output table (a pandas DataFrame), by cell id. */
  varOf(id: string): string;
  /** The kind of the cell with this id (undefined when no such cell exists). */
  kindOf(id: string): string | undefined;
}

/** What a generator returns: the cells to write and the helpers they call. */
export interface GeneratedCell {
  readonly cells: readonly ExportedCell[];
  readonly helpers: readonly HelperName[];
}

/**
 * Writes one notebook cell as Python. Throws {@link NotExported} listing every parameter it cannot
 * reproduce faithfully, so the notebook says so instead of running different code.
 */
export type CellGenerator = (cell: CellSpec, ctx: ExportContext) => GeneratedCell;

/** A cell (or a part of it) this exporter does not reproduce; `reasons` are shown to the analyst. */
export class NotExported extends Error {
  override readonly name = "NotExported";
  constructor(readonly reasons: readonly string[]) {
    super(reasons.join("; "));
  }
}

/** Throws NotExported when any reason was collected. */
export function refuseIf(reasons: readonly string[]): void {
  if (reasons.length) throw new NotExported(reasons);
}
