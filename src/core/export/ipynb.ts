/**
 * Exports a notebook document as a Jupyter notebook whose cells redo the same steps with pandas,
 * scikit-learn, statsmodels and scipy (docs/export-ipynb.md). Pure: it reads the document only,
 * never data or results. What it cannot reproduce faithfully becomes a markdown cell that says
 * exactly what is missing, never code that would compute something else.
 */
import { CELL_PORTS } from "../cells/ports";
import { cellKinds } from "../cells/registry";
import type { CellSpec, NotebookDocument } from "../notebook/types";
import { generators } from "./cells";
import { notebookJson } from "./nbformat";
import { PY_HELPERS } from "./py";
import { identifiers, pyStr } from "./python";
import { NotExported, type ExportContext, type ExportedCell, type HelperName } from "./types";

/** Options of {@link notebookToIpynb}. */
export interface IpynbOptions {
  /** Path per data source name (default: `data/<name>.csv` for samples, the file name for files). */
  readonly dataPaths?: Readonly<Record<string, string>>;
  /** The export date shown in the header, e.g. "2025-03-14" (default: today, UTC). */
  readonly exportedAt?: string;
}

const IMPORTS = `import csv
import decimal
import json
import math

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import optimize, stats
from sklearn import metrics
from sklearn.linear_model import LogisticRegression

try:
    import matplotlib.pyplot as plt
except ImportError:  # charts are skipped; every figure is still computed and printed
    plt = None`;

const HELPER_ORDER: readonly HelperName[] = ["common", "split", "steps", "metrics", "model", "forecast", "allocate"];

/** The markdown that replaces a cell the exporter does not reproduce. */
function notExportedCell(cell: CellSpec, reasons: readonly string[]): ExportedCell {
  const list = reasons.map((r) => `- ${r}`).join("\n");
  return { type: "markdown", source: `**Not exported: cell \`${cell.id}\` (${cell.kind}${cell.title ? `, "${cell.title}"` : ""}).**\n\n${list}` };
}

/** The DATA dict: every data cell's source name mapped to its path. */
function dataDict(doc: NotebookDocument, paths: Readonly<Record<string, string>>): string {
  const entries = new Map<string, string>();
  for (const c of doc.cells) {
    const src = (c.kind === "data" ? c.params.source : undefined) as { type?: string; name?: string } | undefined;
    if (!src || typeof src.name !== "string") continue;
    entries.set(src.name, paths[src.name] ?? (src.type === "sample" ? `data/${src.name}.csv` : src.name));
  }
  return `DATA = {\n${[...entries].map(([k, v]) => `    ${pyStr(k)}: ${pyStr(v)},`).join("\n")}\n}`;
}

/** Writes `doc` as nbformat 4.5 JSON text (Python 3 kernel). */
export function notebookToIpynb(doc: NotebookDocument, options: IpynbOptions = {}): string {
  const names = identifiers(doc.cells.map((c) => c.id));
  const kinds = new Map(doc.cells.map((c) => [c.id, c.kind as string]));
  const ctx: ExportContext = { doc, varOf: (id) => names.get(id) ?? id, kindOf: (id) => kinds.get(id) };
  const exported = new Set<string>();
  const helpers = new Set<HelperName>();
  const body: ExportedCell[] = [];
  for (const spec of doc.cells) {
    const optional = CELL_PORTS[spec.kind]?.optionalInputs ?? [];
    const unexported = Object.entries(spec.inputs).filter(([, id]) => !exported.has(id));
    // An optional input (a comparison model) that is not exported is left out, with a note;
    // a required one means the cell cannot be reproduced.
    const dropped = unexported.filter(([port]) => optional.includes(port));
    const missing = unexported.filter(([port]) => !optional.includes(port));
    const cell = dropped.length
      ? { ...spec, inputs: Object.fromEntries(Object.entries(spec.inputs).filter(([port]) => !dropped.some(([p]) => p === port))) }
      : spec;
    const generate = generators[cell.kind];
    try {
      if (!generate || !(cell.kind in cellKinds)) throw new NotExported([`cells of kind \`${cell.kind}\` are not exported yet`]);
      if (missing.length) {
        throw new NotExported(missing.map(([port, id]) => `its input \`${port}\` reads cell \`${id}\`, which is not exported (or comes later)`));
      }
      const out = generate(cell, ctx);
      if (dropped.length) {
        const why = dropped.map(([port, id]) => `input \`${port}\` (cell \`${id}\`, not exported)`).join(", ");
        body.push({ type: "markdown", source: `Cell \`${cell.id}\` is exported without its optional ${why}.` });
      }
      body.push(...out.cells);
      out.helpers.forEach((h) => helpers.add(h));
      exported.add(cell.id);
    } catch (e) {
      // A parameter the app itself rejects is reported the same way: the app would not run it either.
      body.push(notExportedCell(cell, e instanceof NotExported ? e.reasons : [`its parameters are invalid: ${(e as Error).message}`]));
    }
  }
  const date = options.exportedAt ?? new Date().toISOString().slice(0, 10);
  const header: ExportedCell = {
    type: "markdown",
    source:
      `# ${doc.title}\n\nExported from **Sales Notebook** on ${date}. Each code cell redoes one cell of the app with pandas, ` +
      "scikit-learn, statsmodels and scipy, and prints what the app's summary shows. Variables are named after the cells' ids. " +
      "Set the paths in `DATA` to your files before running.",
  };
  const setup = `${IMPORTS}\n\n${dataDict(doc, options.dataPaths ?? {})}\nRESULTS = {}  # key figures per cell, printed as JSON at the end`;
  const used = HELPER_ORDER.filter((h) => helpers.has(h));
  const helperCell: ExportedCell[] = used.length
    ? [{ type: "code", source: `# Helpers that reproduce the app's exact rules (split, encodings, forecasts, allocation).\n${used.map((h) => PY_HELPERS[h].trim()).join("\n\n\n")}` }]
    : [];
  const last: ExportedCell = {
    type: "code",
    source: '# Key figures of every cell as one JSON line.\nprint(json.dumps(RESULTS, default=lambda o: o.item() if hasattr(o, "item") else str(o)))',
  };
  return notebookJson([header, { type: "code", source: setup }, ...helperCell, ...body, last], doc.title);
}
