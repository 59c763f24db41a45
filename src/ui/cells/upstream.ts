import type { CellSpec } from "../../core/notebook/types";
import type { ColumnType } from "../../core/frame/table";
import type { NotebookState } from "../../state/notebook.svelte";

/** Columns of the output bound to `port` (empty until that cell has run). */
export function upstreamColumns(
  notebook: NotebookState,
  cell: CellSpec,
  port = "data",
): readonly { name: string; type: ColumnType }[] {
  const id = cell.inputs[port];
  return (id && notebook.runs.get(id)?.result?.columns) || [];
}

/** Ids of cells above `cell` that can feed it. */
export function candidateInputs(notebook: NotebookState, cell: CellSpec): string[] {
  const index = notebook.doc.cells.findIndex((c) => c.id === cell.id);
  return notebook.doc.cells.slice(0, index).filter((c) => c.kind !== "note").map((c) => c.id);
}
