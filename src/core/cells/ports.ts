import type { CellKindId } from "../notebook/types";

/**
 * The input ports of each cell kind. Kept apart from the kinds' implementations so the UI and the
 * scheduler on the main thread can know the graph without loading TF.js or HiGHS (which stay in
 * the worker). A test checks that every kind declares exactly these ports.
 */
export const CELL_PORTS: { readonly [K in CellKindId]: { readonly inputs: readonly string[]; readonly optionalInputs: readonly string[] } } = {
  data: { inputs: [], optionalInputs: [] },
  preprocess: { inputs: ["data"], optionalInputs: ["right"] },
  model: { inputs: ["data"], optionalInputs: [] },
  cluster: { inputs: ["data"], optionalInputs: [] },
  evaluate: { inputs: ["model"], optionalInputs: ["compare"] },
  rfm: { inputs: ["data"], optionalInputs: [] },
  clv: { inputs: ["data"], optionalInputs: [] },
  basket: { inputs: ["data"], optionalInputs: [] },
  forecast: { inputs: ["data"], optionalInputs: [] },
  allocate: { inputs: ["data"], optionalInputs: [] },
  chart: { inputs: ["data"], optionalInputs: [] },
  note: { inputs: [], optionalInputs: [] },
};

/** The ports a cell of `kind` must have bound. */
export function requiredInputs(kind: CellKindId): readonly string[] {
  return CELL_PORTS[kind].inputs;
}
