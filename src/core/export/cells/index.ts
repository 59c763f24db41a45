// The generator of each cell kind the exporter writes as Python; kinds not listed here are
// exported as a markdown cell saying so.
import type { CellKindId } from "../../notebook/types";
import type { CellGenerator } from "../types";
import { allocateGenerator } from "./allocate";
import { chartGenerator } from "./chart";
import { dataGenerator } from "./data";
import { evaluateGenerator } from "./evaluate";
import { forecastGenerator } from "./forecast";
import { modelGenerator } from "./model";
import { noteGenerator } from "./note";
import { preprocessGenerator } from "./preprocess";

/** Python generators by cell kind (partial: cluster, rfm, clv and basket are not exported yet). */
export const generators: Partial<Record<CellKindId, CellGenerator>> = {
  data: dataGenerator,
  preprocess: preprocessGenerator,
  model: modelGenerator,
  evaluate: evaluateGenerator,
  forecast: forecastGenerator,
  allocate: allocateGenerator,
  chart: chartGenerator,
  note: noteGenerator,
};
