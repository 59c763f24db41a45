// Preprocessing steps: pure (table, options) => {table, fitted}, fitted on the training rows.
export { SPLIT_COLUMN, StepError, fitRows, mulberry32, quantileSorted, sortedPresent, type StepResult } from "./types";
export { impute, parseImpute, IMPUTE_STRATEGIES, type ImputeOptions } from "./impute";
export { onehot, parseOneHot, MAX_CATEGORIES, type OneHotOptions } from "./onehot";
export { scale, parseScale, SCALE_METHODS, type ScaleOptions } from "./scale";
export { split, parseSplit, type SplitOptions } from "./split";
