import type { CellKind } from "./types";
import type { CellKindId } from "../notebook/types";
import { dataCell } from "./data";
import { preprocessCell } from "./preprocess";
import { modelCell } from "./model";
import { evaluateCell } from "./evaluate";
import { clusterCell } from "./cluster";
import { rfmCell } from "./rfm";
import { clvCell } from "./clv";
import { basketCell } from "./basket";
import { forecastCell } from "./forecast";
import { allocateCell } from "./allocate";
import { chartCell } from "./chart";
import { noteCell } from "./note";

/** Every cell kind, by id: the one place a new kind is registered (plus its UI component). */
export const cellKinds: { readonly [K in CellKindId]: CellKind<any> } = {
  data: dataCell,
  preprocess: preprocessCell,
  model: modelCell,
  cluster: clusterCell,
  evaluate: evaluateCell,
  rfm: rfmCell,
  clv: clvCell,
  basket: basketCell,
  forecast: forecastCell,
  allocate: allocateCell,
  chart: chartCell,
  note: noteCell,
};
