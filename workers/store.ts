// Outputs kept in the worker behind handle ids; only summaries and slices cross to the UI.
import type { CellOutput } from "../src/core/cells/types";
import type { HandleId } from "../src/bridge/api";

const outputs = new Map<HandleId, CellOutput>();
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
  }
}

/** How many outputs are held. */
export function size(): number {
  return outputs.size;
}
