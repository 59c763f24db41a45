import type { NotebookDocument } from "./types";
import { migrate } from "./migrate";
import { NotebookError, validateNotebook } from "./validate";

/** Largest notebook text accepted, in characters (5 MB): notebooks hold no data, only cells. */
export const MAX_NOTEBOOK_CHARS = 5 * 1024 * 1024;

/**
 * Turns a parsed value of any supported version into a current, validated notebook
 * (migrate, then validate). Use it for values that did not come from text, e.g. storage.
 * @throws NotebookError naming the bad field.
 */
export function loadNotebook(value: unknown): NotebookDocument {
  return validateNotebook(migrate(value));
}

// JSON.parse says "at position N" (V8) or nothing at all for truncated input; we turn that into
// a line and column, since the user is looking at the file in an editor, not at an offset.
function jsonError(text: string, err: unknown): NotebookError {
  const raw = err instanceof Error ? err.message : String(err);
  const match = /position (\d+)/.exec(raw);
  const position = match ? Number(match[1]) : text.length;
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  const reason = raw.replace(/\s*(in JSON )?at position \d+.*$/s, "");
  return new NotebookError("", `not valid JSON at line ${line}, column ${column} (position ${position}): ${reason}`);
}

/**
 * Reads a notebook file: checks its size, parses the JSON, migrates older versions and
 * validates the structure, filling defaults.
 * @throws NotebookError for text over 5 MB, invalid JSON (with its line, column and position),
 *   a foreign or newer file, or a malformed field (its path is in `error.path`).
 */
export function parseNotebook(text: string): NotebookDocument {
  if (text.length > MAX_NOTEBOOK_CHARS) {
    const mb = (text.length / (1024 * 1024)).toFixed(1);
    throw new NotebookError("", `the notebook is ${mb} MB; files over 5 MB are refused (notebooks hold cells, not data)`);
  }
  // Editors on Windows like to prepend a byte-order mark, which JSON.parse rejects.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    throw jsonError(body, err);
  }
  return loadNotebook(value);
}

/**
 * Writes a notebook as 2-space JSON with a trailing newline. Keys come out in a fixed order
 * (format, version, title, settings, cells; id, kind, title, inputs, params per cell), so the
 * same document always gives the same text and saved files diff cleanly.
 */
export function serializeNotebook(doc: NotebookDocument): string {
  const { backend, seed, autorun } = doc.settings;
  const canonical = {
    format: doc.format,
    version: doc.version,
    title: doc.title,
    settings: { backend, seed, autorun },
    cells: doc.cells.map((c) => ({
      id: c.id,
      kind: c.kind,
      ...(c.title === undefined ? {} : { title: c.title }),
      inputs: c.inputs,
      params: c.params,
    })),
  };
  return `${JSON.stringify(canonical, null, 2)}\n`;
}
