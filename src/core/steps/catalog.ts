/**
 * The list of step operations with a template for each: the UI offers these in its "add step"
 * menu (the user completes the column names in the JSON editor), and the docs list the same set.
 * Plain data, so the UI may import it without pulling in any step implementation.
 */
import type { JsonObject } from "../json";

/** Every step operation, in the order the menu shows them. */
export type StepOp =
  | "select" | "drop" | "filter" | "drop_missing" | "impute" | "onehot" | "ordinal" | "scale" | "log1p" | "clip" | "bin"
  | "date_parts" | "time_bucket" | "derive" | "aggregate" | "join" | "split" | "kfold" | "select_features";

/** Steps that learn from the training rows; the split step must run before the first of them. */
export const FITTED_OPS: ReadonlySet<StepOp> = new Set(["impute", "onehot", "ordinal", "scale", "clip", "bin", "kfold", "select_features"]);

/** A template per op: a valid-looking step with placeholder column names, and a one-line description. */
export const STEP_TEMPLATES: Readonly<Record<StepOp, { readonly title: string; readonly step: JsonObject }>> = {
  select: { title: "Keep columns", step: { op: "select", columns: ["COLUMN"] } },
  drop: { title: "Drop columns", step: { op: "drop", columns: ["COLUMN"] } },
  filter: { title: "Filter rows", step: { op: "filter", where: [{ column: "COLUMN", op: ">", value: 0 }], match: "all" } },
  drop_missing: { title: "Drop rows with missing values", step: { op: "drop_missing", columns: [], how: "any" } },
  impute: { title: "Fill missing values", step: { op: "impute", columns: ["COLUMN"], strategy: "median" } },
  onehot: { title: "One-hot encode", step: { op: "onehot", columns: ["COLUMN"] } },
  ordinal: { title: "Ordinal encode", step: { op: "ordinal", columns: ["COLUMN"], unknown: "missing" } },
  scale: { title: "Scale", step: { op: "scale", columns: ["COLUMN"], method: "standard" } },
  log1p: { title: "log(1 + x)", step: { op: "log1p", columns: ["COLUMN"] } },
  clip: { title: "Clip outliers at quantiles", step: { op: "clip", columns: ["COLUMN"], lower: 0.01, upper: 0.99 } },
  bin: { title: "Bin numbers", step: { op: "bin", columns: ["COLUMN"], method: "quantile", bins: 5, labels: "index" } },
  date_parts: { title: "Date parts", step: { op: "date_parts", column: "DATE_COLUMN", parts: ["year", "quarter", "month", "dayofweek"] } },
  time_bucket: { title: "Bucket dates", step: { op: "time_bucket", column: "DATE_COLUMN", unit: "month" } },
  derive: { title: "Derive a column", step: { op: "derive", name: "NEW_COLUMN", expr: "COLUMN * 2" } },
  aggregate: { title: "Group and aggregate", step: { op: "aggregate", by: ["COLUMN"], aggregations: [{ column: "AMOUNT", fn: "sum" }, { fn: "count" }] } },
  join: { title: "Join the right input", step: { op: "join", on: ["KEY"], how: "left" } },
  split: { title: "Train/test split", step: { op: "split", test: 0.2 } },
  kfold: { title: "k-fold assignment", step: { op: "kfold", k: 5 } },
  select_features: { title: "Select features", step: { op: "select_features", method: "f_classif", target: "TARGET", k: 10 } },
};
