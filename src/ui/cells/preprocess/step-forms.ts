/**
 * What the preprocess form shows for each step op: its title, a one-line description and its
 * fields (which control, which column types fit, when a field applies), and how a new step starts.
 * Pure TypeScript (no Svelte, no DOM). The main thread must not import src/core/steps (the step
 * implementations belong in the worker), so the op list and the choice lists repeat the steps'
 * own constants; test/core/steps/step-forms.test.ts keeps them equal.
 */
import type { Json, JsonObject } from "../../../core/json";
import type { ColumnType } from "../../../core/frame/table";

/** A column as the form knows it (from the upstream cell's last run). */
export interface ColumnInfo {
  readonly name: string;
  readonly type: ColumnType;
}

/** A choice in a select or a set of checkboxes. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

interface FieldBase {
  /** The step's JSON key this field edits. */
  readonly key: string;
  readonly label: string;
  readonly hint?: string;
  /** Shown only when this holds for the current step (or list item). */
  readonly when?: (obj: JsonObject) => boolean;
}

/**
 * One control. `columns` / `column` pick from the upstream table (`port` "right" for the join's
 * right input), narrowed to `types` when given; `scalar(s)` read numbers as numbers (or, with
 * `typeFrom`, as the type of the column that key names); `rows` edits a list of small objects.
 */
export type FieldSpec =
  | (FieldBase & { readonly kind: "columns"; readonly types?: readonly ColumnType[]; readonly port?: "data" | "right" })
  | (FieldBase & { readonly kind: "column"; readonly types?: readonly ColumnType[]; readonly optional?: boolean; readonly noneLabel?: string; readonly port?: "data" | "right" })
  | (FieldBase & { readonly kind: "number"; readonly min?: number; readonly max?: number; readonly step?: number; readonly optional?: boolean; readonly placeholder?: string })
  | (FieldBase & { readonly kind: "enum"; readonly options: readonly Choice[]; readonly set?: (obj: JsonObject, value: string) => JsonObject; readonly get?: (obj: JsonObject) => string })
  | (FieldBase & { readonly kind: "flags"; readonly options: readonly Choice[] })
  | (FieldBase & { readonly kind: "boolean" })
  | (FieldBase & { readonly kind: "text" | "date" | "expr"; readonly placeholder?: string })
  | (FieldBase & { readonly kind: "scalar" | "scalars"; readonly typeFrom?: string; readonly placeholder?: string })
  | (FieldBase & { readonly kind: "json"; readonly placeholder?: string })
  | (FieldBase & { readonly kind: "rows"; readonly item: readonly FieldSpec[]; readonly itemLabel: string; readonly newItem: (columns: readonly ColumnInfo[]) => JsonObject });

/** The form of one op. */
export interface StepForm {
  /** As in the catalog's templates, e.g. "Fill missing values". */
  readonly title: string;
  readonly description: string;
  readonly fields: readonly FieldSpec[];
  /** The values a new step starts with, given the upstream columns (may be empty). */
  readonly init: (columns: readonly ColumnInfo[]) => JsonObject;
}

const choices = (values: readonly string[], labels: Readonly<Record<string, string>> = {}): Choice[] =>
  values.map((value) => ({ value, label: labels[value] ?? value }));

const NUMERIC: readonly ColumnType[] = ["number", "boolean"];
const DATES: readonly ColumnType[] = ["date"];
/** Column names of these types, in table order. */
const ofType = (columns: readonly ColumnInfo[], types?: readonly ColumnType[]) => columns.filter((c) => !types || types.includes(c.type)).map((c) => c.name);
/** The first column of these types as a one-item list ([] when there is none). */
const firstOf = (columns: readonly ColumnInfo[], types?: readonly ColumnType[]) => ofType(columns, types).slice(0, 1);
/** A column reference in the expression language: bare when it is a plain name, else [bracketed]. */
export const exprColumn = (name: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `[${name}]`);

/** Enum lists, equal to the step modules' constants (the test checks). */
export const FORM_ENUMS = {
  impute: ["mean", "median", "most_frequent", "constant"],
  scale: ["standard", "minmax", "robust"],
  bin: ["uniform", "quantile"],
  dateParts: ["year", "quarter", "month", "day", "week", "dayofweek", "days_since"],
  timeUnits: ["day", "week", "month", "quarter", "year"],
  aggregate: ["sum", "mean", "median", "count", "distinct", "min", "max", "first", "last"],
  conditions: ["==", "!=", "<", "<=", ">", ">=", "in", "not_in", "contains", "is_missing", "not_missing", "between"],
  selectFeatures: ["variance", "f_classif", "f_regression", "mutual_info"],
} as const;

const LIST_OPS = new Set(["in", "not_in", "between"]);
const NO_VALUE_OPS = new Set(["is_missing", "not_missing"]);

/** A condition's value reshaped for its new operator: a list for in / not_in / between, none for missing checks. */
function withConditionOp(cond: JsonObject, op: string): JsonObject {
  const { value, ...rest } = cond;
  if (NO_VALUE_OPS.has(op)) return { ...rest, op };
  if (LIST_OPS.has(op)) return { ...rest, op, value: Array.isArray(value) ? value : value === undefined ? [] : [value] };
  return { ...rest, op, value: Array.isArray(value) ? (value[0] ?? "") : (value ?? "") };
}

const isExprFilter = (step: JsonObject) => step.expr !== undefined;
const isVariance = (step: JsonObject) => step.method === "variance";
const columnsField = (label: string, types?: readonly ColumnType[], hint?: string): FieldSpec => ({ kind: "columns", key: "columns", label, types, hint });
const seedField: FieldSpec = { kind: "number", key: "seed", label: "Seed", min: 0, step: 1, optional: true, placeholder: "notebook seed", hint: "empty = the notebook's seed" };
const stratifyField: FieldSpec = { kind: "column", key: "stratify", label: "Stratify by", optional: true, hint: "keeps each class's share" };

/** Every op, in the catalog's (and the menu's) order. */
export const STEP_OPS = [
  "select", "drop", "filter", "drop_missing", "impute", "onehot", "ordinal", "scale", "log1p", "clip", "bin",
  "date_parts", "time_bucket", "derive", "aggregate", "join", "split", "kfold", "select_features",
] as const;

/** A step operation the form knows. */
export type StepOp = (typeof STEP_OPS)[number];

/** The form of every op. */
export const STEP_FORMS: Readonly<Record<StepOp, StepForm>> = {
  select: {
    title: "Keep columns",
    description: "Keeps only the chosen columns, in that order (the split and fold columns stay).",
    fields: [columnsField("Columns to keep")],
    init: (cols) => ({ columns: ofType(cols) }),
  },
  drop: {
    title: "Drop columns",
    description: "Removes the chosen columns.",
    fields: [columnsField("Columns to drop")],
    init: () => ({ columns: [] }),
  },
  filter: {
    title: "Filter rows",
    description: "Keeps the rows that meet the conditions or the expression.",
    fields: [
      {
        kind: "enum", key: "mode", label: "Filter with",
        options: [{ value: "where", label: "conditions" }, { value: "expr", label: "an expression" }],
        get: (s) => (isExprFilter(s) ? "expr" : "where"),
        set: (s, v) => {
          const { where: _w, expr: _e, ...rest } = s;
          return v === "expr" ? { ...rest, expr: "" } : { ...rest, where: [] };
        },
      },
      { kind: "enum", key: "match", label: "Keep rows where", options: [{ value: "all", label: "all conditions hold" }, { value: "any", label: "any condition holds" }], when: (s) => !isExprFilter(s) },
      {
        kind: "rows", key: "where", label: "Conditions", itemLabel: "condition", when: (s) => !isExprFilter(s),
        item: [
          { kind: "column", key: "column", label: "Column" },
          {
            kind: "enum", key: "op", label: "Operator", set: withConditionOp,
            options: choices(FORM_ENUMS.conditions, { in: "is one of", not_in: "is none of", contains: "contains", is_missing: "is missing", not_missing: "is not missing", between: "between (inclusive)" }),
          },
          { kind: "scalar", key: "value", label: "Value", typeFrom: "column", when: (c) => !NO_VALUE_OPS.has(String(c.op)) && !LIST_OPS.has(String(c.op)) },
          { kind: "scalars", key: "value", label: "Values", typeFrom: "column", hint: "comma-separated; between: low, high", when: (c) => LIST_OPS.has(String(c.op)) },
        ],
        newItem: (cols) => ({ column: firstOf(cols)[0] ?? "", op: "not_missing" }),
      },
      { kind: "expr", key: "expr", label: "Expression", placeholder: "amount > 1000 and region == 'North'", when: isExprFilter },
    ],
    init: (cols) => ({ where: [{ column: firstOf(cols)[0] ?? "", op: "not_missing" }], match: "all" }),
  },
  drop_missing: {
    title: "Drop rows with missing values",
    description: "Drops the rows with missing values in the chosen columns (none chosen = every column).",
    fields: [
      columnsField("Columns to check", undefined, "none = every column"),
      { kind: "enum", key: "how", label: "Drop a row when", options: [{ value: "any", label: "any is missing" }, { value: "all", label: "all are missing" }] },
    ],
    init: () => ({ columns: [], how: "any" }),
  },
  impute: {
    title: "Fill missing values",
    description: "Fills missing values with a value learned on the training rows.",
    fields: [
      columnsField("Columns to fill"),
      { kind: "enum", key: "strategy", label: "Fill with", options: choices(FORM_ENUMS.impute, { most_frequent: "most frequent", constant: "a constant" }) },
      { kind: "scalar", key: "value", label: "Constant", placeholder: "0 or missing", when: (s) => s.strategy === "constant" },
    ],
    init: (cols) => ({ columns: firstOf(cols, NUMERIC), strategy: "median" }),
  },
  onehot: {
    title: "One-hot encode",
    description: "Replaces each category column by one 0/1 column per category seen in training.",
    fields: [columnsField("Columns to encode"), { kind: "boolean", key: "dropFirst", label: "Drop the first category" }],
    init: (cols) => ({ columns: firstOf(cols, ["string"]), dropFirst: false }),
  },
  ordinal: {
    title: "Ordinal encode",
    description: "Replaces each category column by the category's position (0, 1, 2...).",
    fields: [
      columnsField("Columns to encode"),
      { kind: "enum", key: "unknown", label: "Unseen categories", options: [{ value: "missing", label: "become missing" }, { value: "flag", label: "become -1" }] },
      { kind: "json", key: "order", label: "Category order per column (JSON)", placeholder: '{"stage": ["Lead", "Qualified", "Won"]}', hint: "columns not listed use their sorted categories" },
    ],
    init: (cols) => ({ columns: firstOf(cols, ["string"]), unknown: "missing" }),
  },
  scale: {
    title: "Scale",
    description: "Rescales number columns with statistics of the training rows.",
    fields: [
      columnsField("Columns to scale", NUMERIC),
      { kind: "enum", key: "method", label: "Method", options: choices(FORM_ENUMS.scale, { standard: "standard (z-score)", minmax: "min-max (0 to 1)", robust: "robust (median, IQR)" }) },
    ],
    init: (cols) => ({ columns: firstOf(cols, ["number"]), method: "standard" }),
  },
  log1p: {
    title: "log(1 + x)",
    description: "Applies ln(1 + x) to number columns, to tame long right tails.",
    fields: [columnsField("Columns to transform", NUMERIC)],
    init: (cols) => ({ columns: firstOf(cols, ["number"]) }),
  },
  clip: {
    title: "Clip outliers at quantiles",
    description: "Caps number columns at quantiles learned on the training rows.",
    fields: [
      columnsField("Columns to clip", NUMERIC),
      { kind: "number", key: "lower", label: "Lower quantile", min: 0, max: 1, step: 0.01 },
      { kind: "number", key: "upper", label: "Upper quantile", min: 0, max: 1, step: 0.01 },
    ],
    init: (cols) => ({ columns: firstOf(cols, ["number"]), lower: 0.01, upper: 0.99 }),
  },
  bin: {
    title: "Bin numbers",
    description: "Replaces number columns by the bin each value falls in.",
    fields: [
      columnsField("Columns to bin", NUMERIC),
      { kind: "enum", key: "method", label: "Bin edges", options: choices(FORM_ENUMS.bin, { uniform: "equal width", quantile: "equal counts (quantiles)" }) },
      { kind: "number", key: "bins", label: "Bins", min: 2, max: 1000, step: 1 },
      { kind: "enum", key: "labels", label: "Labels", options: [{ value: "index", label: "bin number" }, { value: "range", label: "value range" }] },
    ],
    init: (cols) => ({ columns: firstOf(cols, ["number"]), method: "quantile", bins: 5, labels: "index" }),
  },
  date_parts: {
    title: "Date parts",
    description: "Adds calendar parts of a date column as number columns (year, month...).",
    fields: [
      { kind: "column", key: "column", label: "Date column", types: DATES },
      { kind: "flags", key: "parts", label: "Parts", options: choices(FORM_ENUMS.dateParts, { dayofweek: "day of week", days_since: "days since" }) },
      { kind: "date", key: "since", label: "Days since", when: (s) => Array.isArray(s.parts) && s.parts.includes("days_since") },
      { kind: "boolean", key: "drop", label: "Drop the date column" },
    ],
    init: (cols) => ({ column: firstOf(cols, DATES)[0] ?? "", parts: ["year", "quarter", "month", "dayofweek"] }),
  },
  time_bucket: {
    title: "Bucket dates",
    description: "Rounds a date column down to the start of its day, week, month, quarter or year.",
    fields: [
      { kind: "column", key: "column", label: "Date column", types: DATES },
      { kind: "enum", key: "unit", label: "Unit", options: choices(FORM_ENUMS.timeUnits) },
      { kind: "text", key: "as", label: "New column name", placeholder: "replace the column", hint: "empty = replace the date column" },
    ],
    init: (cols) => ({ column: firstOf(cols, DATES)[0] ?? "", unit: "month" }),
  },
  derive: {
    title: "Derive a column",
    description: "Adds (or replaces) a column computed by an expression over the other columns.",
    fields: [
      { kind: "text", key: "name", label: "New column" },
      { kind: "expr", key: "expr", label: "Expression", placeholder: "amount * probability" },
    ],
    init: (cols) => {
      const n = firstOf(cols, ["number"])[0];
      return { name: "derived", expr: n ? `${exprColumn(n)} * 2` : "1" };
    },
  },
  aggregate: {
    title: "Group and aggregate",
    description: "Groups rows by key columns and computes one row of totals per group.",
    fields: [
      { kind: "columns", key: "by", label: "Group by" },
      {
        kind: "rows", key: "aggregations", label: "Aggregations", itemLabel: "aggregation",
        item: [
          { kind: "enum", key: "fn", label: "Function", options: choices(FORM_ENUMS.aggregate, { count: "count rows", distinct: "count distinct" }) },
          { kind: "column", key: "column", label: "Column", optional: true, noneLabel: "(none: count rows)" },
          { kind: "text", key: "as", label: "Output name", placeholder: "column_fn" },
        ],
        newItem: (cols) => ({ fn: "sum", column: firstOf(cols, ["number"])[0] ?? "" }),
      },
    ],
    init: (cols) => ({ by: firstOf(cols, ["string"]), aggregations: [{ fn: "count" }] }),
  },
  join: {
    title: "Join the right input",
    description: "Adds the columns of the right input to each row with matching keys.",
    fields: [
      { kind: "columns", key: "on", label: "Key columns (left)" },
      { kind: "columns", key: "rightOn", label: "Key columns (right)", port: "right", hint: "none = the same names as on the left" },
      { kind: "enum", key: "how", label: "Join kind", options: [{ value: "left", label: "left (keep every row)" }, { value: "inner", label: "inner (matched rows only)" }] },
      { kind: "text", key: "suffix", label: "Suffix for clashing names", placeholder: "_right" },
    ],
    init: (cols) => ({ on: firstOf(cols), how: "left" }),
  },
  split: {
    title: "Train/test split",
    description: "Marks rows train or test at random; fitted steps learn on the train rows only.",
    fields: [{ kind: "number", key: "test", label: "Test fraction", min: 0.01, max: 0.99, step: 0.05 }, seedField, stratifyField],
    init: () => ({ test: 0.2 }),
  },
  kfold: {
    title: "k-fold assignment",
    description: "Assigns each training row to one of k folds for cross-validation.",
    fields: [{ kind: "number", key: "k", label: "Folds (k)", min: 2, max: 100, step: 1 }, seedField, stratifyField],
    init: () => ({ k: 5 }),
  },
  select_features: {
    title: "Select features",
    description: "Keeps the features that score best against the target (or vary enough).",
    fields: [
      { kind: "enum", key: "method", label: "Score", options: choices(FORM_ENUMS.selectFeatures, { variance: "variance (no target)", f_classif: "ANOVA F (classes)", f_regression: "F (regression)", mutual_info: "mutual information" }) },
      { kind: "column", key: "target", label: "Target", when: (s) => !isVariance(s) },
      columnsField("Candidate features", NUMERIC, "none = every numeric column"),
      { kind: "number", key: "k", label: "Keep (k)", min: 1, step: 1, when: (s) => !isVariance(s) },
      { kind: "number", key: "threshold", label: "Variance threshold", min: 0, step: 0.01, when: isVariance },
    ],
    init: (cols) => ({ method: "f_classif", target: ofType(cols, NUMERIC).at(-1) ?? "", k: 10 }),
  },
};

/** The form of `op`, or undefined for an op this version does not know. */
export const formOf = (op: unknown): StepForm | undefined => (typeof op === "string" && Object.hasOwn(STEP_FORMS, op) ? STEP_FORMS[op as StepOp] : undefined);

/** A new step of `op` with sensible defaults for these upstream columns (enabled). */
export function newStep(op: StepOp, columns: readonly ColumnInfo[]): JsonObject {
  return { op, ...STEP_FORMS[op].init(columns) };
}

/** The fields that apply to `obj` now (those whose `when` holds). */
export function visibleFields(fields: readonly FieldSpec[], obj: JsonObject): FieldSpec[] {
  return fields.filter((f) => !f.when || f.when(obj));
}

/** Reads text typed for a value: a number when it looks like one (unless the column holds text), true/false for booleans. */
export function parseScalar(text: string, type?: ColumnType): Json {
  const t = text.trim();
  if (type === "string" || type === "date") return text;
  if (t !== "" && Number.isFinite(Number(t))) return Number(t);
  if (type === "boolean" && (t === "true" || t === "false")) return t === "true";
  return text;
}

/** A scalar or list value as the text the form shows. */
export function scalarText(value: Json | undefined): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map((v) => scalarText(v)).join(", ");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
