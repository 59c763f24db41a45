// Time-series forecasting: bucketing by calendar period, simple honest methods, holdout selection.
export * from "./periods";
export * from "./row-filter";
export * from "./bucket";
export * from "./least-squares";
export * from "./distributions";
export * from "./methods";
export * from "./select-method";
