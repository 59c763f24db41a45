import { cellKinds } from "../../cells/registry";
import type { NoteParams } from "../../cells/note";
import type { CellGenerator } from "../types";

/** A note becomes a markdown cell holding its text as written (Jupyter renders the Markdown). */
export const noteGenerator: CellGenerator = (cell) => {
  const p = cellKinds.note.parse(cell.params) as NoteParams;
  return { cells: [{ type: "markdown", source: p.markdown }], helpers: [] };
};
