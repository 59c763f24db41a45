/**
 * The nbformat 4.5 JSON shape of a notebook (https://nbformat.readthedocs.io): cells with ids and
 * `source` as a list of lines, code cells unexecuted, a python3 kernelspec.
 */
import type { ExportedCell } from "./types";

/** One nbformat cell as plain JSON. */
export type NbCell =
  | { cell_type: "markdown"; id: string; metadata: Record<string, never>; source: string[] }
  | { cell_type: "code"; id: string; metadata: Record<string, never>; source: string[]; execution_count: null; outputs: [] };

/** Text split into lines that keep their "\n" (the last one has none), as Jupyter stores it. */
export function sourceLines(text: string): string[] {
  const parts = text.split("\n");
  return parts.map((line, i) => (i < parts.length - 1 ? `${line}\n` : line)).filter((l, i, all) => !(l === "" && i === all.length - 1));
}

/** nbformat cells with unique ids (nbformat 4.5 requires them): cell-0, cell-1, ... */
export function toNbCells(cells: readonly ExportedCell[]): NbCell[] {
  return cells.map((c, i) => {
    const base = { id: `cell-${i}`, metadata: {}, source: sourceLines(c.source) };
    return c.type === "markdown" ? { cell_type: "markdown", ...base } : { cell_type: "code", ...base, execution_count: null, outputs: [] };
  });
}

/** The notebook document as JSON text (1-space indent, as Jupyter writes it, and a final newline). */
export function notebookJson(cells: readonly ExportedCell[], title: string): string {
  const nb = {
    cells: toNbCells(cells),
    metadata: {
      kernelspec: { display_name: "Python 3", language: "python", name: "python3" },
      language_info: { name: "python" },
      title,
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(nb, null, 1)}\n`;
}
