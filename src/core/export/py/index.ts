// The Python helper blocks by name, in the order the helpers cell lists them.
import type { HelperName } from "../types";
import { PY_STEPS } from "../cells/preprocess-steps";
import { PY_ALLOCATE } from "./allocate";
import { PY_COMMON } from "./common";
import { PY_FORECAST } from "./forecast";
import { PY_METRICS } from "./metrics";
import { PY_MODEL } from "./model";
import { PY_SPLIT } from "./split";

/** Helper source per name; `common` comes first because the others call it. */
export const PY_HELPERS: Readonly<Record<HelperName, string>> = {
  common: PY_COMMON,
  split: PY_SPLIT,
  steps: PY_STEPS,
  metrics: PY_METRICS,
  model: PY_MODEL,
  forecast: PY_FORECAST,
  allocate: PY_ALLOCATE,
};
