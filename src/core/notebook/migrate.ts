import { NOTEBOOK_VERSION, NotebookError, readHeader } from "./validate";

/**
 * Upgrades a document of one format version to the next. It receives the whole document as
 * plain JSON (not yet validated beyond its header) and must return a new object, never mutate.
 */
export type Migration = (doc: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/**
 * The migration chain, keyed by the version a step upgrades *from*. Version 1 is the only
 * format so far, so the chain is empty. To introduce version 2: add `1: fromV1` here, bump
 * NOTEBOOK_VERSION in validate.ts and the `version` type in types.ts, and describe the change
 * in docs/notebook-format.md. Steps stay forever, so a file of any age opens.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/**
 * Brings a parsed notebook up to NOTEBOOK_VERSION by running each step of the chain in turn.
 * A current document is returned as is (same object). Structure is not validated here; pass
 * the result to validateNotebook().
 * @throws NotebookError when `value` is not a notebook, or was made by a newer version of the app.
 */
export function migrate(value: unknown): unknown {
  const { doc, version } = readHeader(value);
  let current: Readonly<Record<string, unknown>> = doc;
  for (let from = version; from < NOTEBOOK_VERSION; from++) {
    const step = MIGRATIONS[from];
    // A gap in the chain is a bug in this build, not in the user's file; say so plainly.
    if (!step) throw new NotebookError("version", `no migration from format version ${from} to ${from + 1}`);
    current = { ...step(current), version: from + 1 };
  }
  return current;
}
