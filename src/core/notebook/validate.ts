import type { JsonObject } from "../json";
import { CELL_KINDS, type BackendChoice, type CellKindId, type CellSpec, type NotebookDocument, type NotebookSettings } from "./types";

/** The `format` tag every notebook file carries, so we never mistake another JSON file for one. */
export const NOTEBOOK_FORMAT = "sales-notebook";
/** The format version this build writes; older files are migrated up to it (migrate.ts). */
export const NOTEBOOK_VERSION = 1;
/** Most cells a notebook may hold: far above real use, low enough to keep planning instant. */
export const MAX_CELLS = 500;
/** What a cell id looks like: it is used in file names, CLI flags and error messages. */
export const CELL_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** The backends a notebook may ask for. */
export const BACKEND_CHOICES: readonly BackendChoice[] = ["auto", "webgpu", "webgl", "wasm", "cpu"];
/** Settings used for any field a file leaves out. */
export const DEFAULT_SETTINGS: NotebookSettings = { backend: "auto", seed: 42, autorun: true };
/** Title used when a file has none. */
export const DEFAULT_TITLE = "Untitled";

// Params are user JSON; a bound on nesting keeps a hostile file from overflowing the stack.
const MAX_PARAM_DEPTH = 64;

/**
 * A notebook file that cannot be opened. `path` names the offending field, e.g.
 * "cells[3].inputs.data" ("" for the document as a whole); the message starts with it.
 */
export class NotebookError extends Error {
  override readonly name = "NotebookError";
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(path ? `${path}: ${message}` : message);
  }
}

type Obj = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object") return "an object";
  return typeof value === "number" || typeof value === "boolean" ? String(value) : typeof value;
}

/**
 * Checks that `value` is a notebook at all (an object with our `format` tag and a version this
 * build can read) and returns it with its version. Shared by migrate() and validateNotebook(), so
 * both refuse a foreign or too-new file with the same message before looking at anything else.
 */
export function readHeader(value: unknown): { readonly doc: Obj; readonly version: number } {
  if (!isObject(value)) throw new NotebookError("", `a notebook must be a JSON object, got ${describe(value)}`);
  if (value.format !== NOTEBOOK_FORMAT) {
    const got = value.format === undefined ? "no format field" : `format ${describe(value.format)}`;
    throw new NotebookError("format", `must be "${NOTEBOOK_FORMAT}" (got ${got}); this is not a Sales Notebook file`);
  }
  const version = value.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new NotebookError("version", `must be a whole number from 1 (got ${describe(version)})`);
  }
  if (version > NOTEBOOK_VERSION) {
    throw new NotebookError(
      "version",
      `this notebook was made by a newer version of Sales Notebook (format version ${version}; ` +
        `this app reads up to version ${NOTEBOOK_VERSION}). Update the app to open it`,
    );
  }
  return { doc: value, version };
}

function readSettings(value: unknown): NotebookSettings {
  if (value === undefined) return DEFAULT_SETTINGS;
  if (!isObject(value)) throw new NotebookError("settings", `must be an object, got ${describe(value)}`);
  const backend = value.backend ?? DEFAULT_SETTINGS.backend;
  if (typeof backend !== "string" || !(BACKEND_CHOICES as readonly string[]).includes(backend)) {
    throw new NotebookError("settings.backend", `must be one of ${BACKEND_CHOICES.join(", ")} (got ${describe(backend)})`);
  }
  const seed = value.seed ?? DEFAULT_SETTINGS.seed;
  if (typeof seed !== "number" || !Number.isSafeInteger(seed)) {
    throw new NotebookError("settings.seed", `must be a whole number (got ${describe(seed)})`);
  }
  const autorun = value.autorun ?? DEFAULT_SETTINGS.autorun;
  if (typeof autorun !== "boolean") {
    throw new NotebookError("settings.autorun", `must be true or false (got ${describe(autorun)})`);
  }
  return { backend: backend as BackendChoice, seed, autorun };
}

// Params cross the worker boundary and are written back to disk, so they must be plain JSON:
// validateNotebook() also receives values that never went through JSON.parse.
function checkJson(value: unknown, path: string, depth: number): void {
  if (depth > MAX_PARAM_DEPTH) throw new NotebookError(path, `is nested more than ${MAX_PARAM_DEPTH} levels deep`);
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new NotebookError(path, "must be a finite number");
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkJson(item, `${path}[${i}]`, depth + 1));
    return;
  }
  const proto = typeof value === "object" ? Object.getPrototypeOf(value) : undefined;
  if (proto !== Object.prototype && proto !== null) throw new NotebookError(path, `must be plain JSON, got ${describe(value)}`);
  for (const [key, item] of Object.entries(value as Obj)) checkJson(item, `${path}.${key}`, depth + 1);
}

function readInputs(value: unknown, path: string): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  if (!isObject(value)) throw new NotebookError(path, `must be an object mapping input names to cell ids, got ${describe(value)}`);
  for (const [port, source] of Object.entries(value)) {
    if (port === "") throw new NotebookError(path, "input names must not be empty");
    if (typeof source !== "string" || source === "") {
      throw new NotebookError(`${path}.${port}`, `must be the id of an upstream cell (got ${describe(source)})`);
    }
  }
  // fromEntries defines own properties, so a port named "__proto__" cannot reach the prototype.
  return Object.fromEntries(Object.entries(value)) as Record<string, string>;
}

function readCell(value: unknown, path: string): CellSpec {
  if (!isObject(value)) throw new NotebookError(path, `must be an object, got ${describe(value)}`);
  const { id, kind, title } = value;
  if (typeof id !== "string" || !CELL_ID_PATTERN.test(id)) {
    throw new NotebookError(
      `${path}.id`,
      `must start with a letter and use only letters, digits, "_" and "-", at most 64 characters (got ${describe(id)})`,
    );
  }
  if (typeof kind !== "string" || !(CELL_KINDS as readonly string[]).includes(kind)) {
    throw new NotebookError(`${path}.kind`, `must be one of ${CELL_KINDS.join(", ")} (got ${describe(kind)})`);
  }
  if (title !== undefined && typeof title !== "string") {
    throw new NotebookError(`${path}.title`, `must be a string (got ${describe(title)})`);
  }
  const inputs = readInputs(value.inputs, `${path}.inputs`);
  const params = value.params ?? {};
  if (!isObject(params)) throw new NotebookError(`${path}.params`, `must be an object, got ${describe(params)}`);
  checkJson(params, `${path}.params`, 0);
  const cell = { id, kind: kind as CellKindId, inputs, params: params as JsonObject };
  return title === undefined ? cell : { ...cell, title };
}

/**
 * Checks a parsed value against the current document format and returns a well-typed notebook
 * with defaults filled in (title "Untitled", settings auto/42/true, inputs {}, params {}).
 * Only structure is checked: duplicate ids, dangling inputs and cycles are per-cell problems that
 * plan() reports, so such a notebook still opens. Unknown fields are ignored and not kept.
 * Older versions must go through migrate() first (loadNotebook() does both).
 * @throws NotebookError naming the first bad field.
 */
export function validateNotebook(value: unknown): NotebookDocument {
  const { doc, version } = readHeader(value);
  if (version !== NOTEBOOK_VERSION) {
    throw new NotebookError("version", `format version ${version} must be migrated to ${NOTEBOOK_VERSION} first (use loadNotebook)`);
  }
  const title = doc.title ?? DEFAULT_TITLE;
  if (typeof title !== "string") throw new NotebookError("title", `must be a string (got ${describe(title)})`);
  const settings = readSettings(doc.settings);
  if (!Array.isArray(doc.cells)) throw new NotebookError("cells", `must be a list of cells (got ${describe(doc.cells)})`);
  if (doc.cells.length > MAX_CELLS) {
    throw new NotebookError("cells", `has ${doc.cells.length} cells; a notebook may hold at most ${MAX_CELLS}`);
  }
  const cells = doc.cells.map((cell, i) => readCell(cell, `cells[${i}]`));
  return { format: NOTEBOOK_FORMAT, version: NOTEBOOK_VERSION, title: title.trim() === "" ? DEFAULT_TITLE : title, settings, cells };
}
