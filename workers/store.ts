// Outputs kept in the worker behind handle ids; only summaries and slices cross to the UI.
import type { CellOutput } from "../src/core/cells/types";
import type { HandleId } from "../src/bridge/api";

const outputs = new Map<HandleId, CellOutput>();
// Row orders (sort indexes, filtered row lists) per handle, so scrolling never re-sorts. Freed
// with the handle; each handle keeps a few, the oldest dropped first.
const rowIndexes = new Map<HandleId, Map<string, Int32Array>>();
const INDEXES_PER_HANDLE = 6;
let counter = 0;

/** Keeps an output and returns its new handle. */
export function put(cellId: string, output: CellOutput): HandleId {
  const handle = `${cellId}#${++counter}`;
  outputs.set(handle, output);
  return handle;
}

/** The output behind `handle`; throws a message the UI can show when it is gone. */
export function get(handle: HandleId): CellOutput {
  const output = outputs.get(handle);
  if (!output) throw new Error(`Output ${handle} is no longer in the worker; run the upstream cell again`);
  return output;
}

/** Frees outputs and the tensors of their models. */
export function release(handles: readonly HandleId[]): void {
  for (const handle of handles) {
    outputs.get(handle)?.model?.dispose();
    outputs.delete(handle);
    rowIndexes.delete(handle);
  }
}

/** How many outputs are held. */
export function size(): number {
  return outputs.size;
}

/** A row order for `handle` under `key`, computed once by `make` and cached until the handle is released. */
export function rowIndex(handle: HandleId, key: string, make: () => Int32Array): Int32Array {
  let cache = rowIndexes.get(handle);
  if (!cache) rowIndexes.set(handle, (cache = new Map()));
  let index = cache.get(key);
  if (!index) {
    index = make();
    if (cache.size >= INDEXES_PER_HANDLE) cache.delete(cache.keys().next().value!);
    cache.set(key, index);
  }
  return index;
}

/** Outputs added on demand to a kept output (e.g. danfo's describe table), under `name`. */
export function addExtra(handle: HandleId, name: string, table: NonNullable<CellOutput["extras"]>[string]): void {
  const output = get(handle);
  outputs.set(handle, { ...output, extras: { ...output.extras, [name]: table } });
}
