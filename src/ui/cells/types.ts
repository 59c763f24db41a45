import type { CellSpec } from "../../core/notebook/types";
import type { NotebookState, RunState } from "../../state/notebook.svelte";

/** What every cell component receives. */
export interface CellProps {
  readonly cell: CellSpec;
  readonly run: RunState | undefined;
  readonly notebook: NotebookState;
}
