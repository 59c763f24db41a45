/**
 * filter: keeps the rows that satisfy conditions, written either as JSON conditions
 * `{column, op, value}` (all must hold, or any with `match: "any"`) or as an expression
 * (`expr: "amount > 1000 and region == 'North'"`). A missing value satisfies no condition except
 * `is_missing` (so `!=` and `not_in` do not keep missing rows: ask for them explicitly).
 */
import { getColumn, takeRows, type Column, type Table } from "../frame/table";
import { asObject, readEnum, readString, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import { compileExpr, ExprError, parseDateText, parseExpr, truth } from "./expr";
import { StepError, type StepResult } from "./types";

/** Condition operators. */
export const CONDITION_OPS = ["==", "!=", "<", "<=", ">", ">=", "in", "not_in", "contains", "is_missing", "not_missing", "between"] as const;

type Scalar = number | string | boolean;

/** One condition on one column. */
export interface Condition {
  readonly column: string;
  readonly op: (typeof CONDITION_OPS)[number];
  /** A scalar; a list for in / not_in; [low, high] (inclusive) for between; absent for is_missing / not_missing. */
  readonly value?: Scalar | readonly Scalar[];
}

/** Options of the filter step: conditions or an expression. */
export interface FilterOptions {
  readonly op: "filter";
  readonly where?: readonly Condition[];
  readonly match: "all" | "any";
  readonly expr?: string;
}

const isScalar = (v: unknown): v is Scalar => typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));

function parseCondition(raw: unknown, path: string): Condition {
  const obj = asObject(raw, path);
  const column = readString(obj, "column", path);
  const op = readEnum(obj, "op", path, CONDITION_OPS);
  const value = obj.value;
  if (op === "is_missing" || op === "not_missing") return { column, op };
  if (op === "in" || op === "not_in") {
    if (!Array.isArray(value) || value.length === 0 || !value.every(isScalar)) throw new ParamError(`${path}.value`, `"${op}" needs a non-empty list of values`);
    return { column, op, value };
  }
  if (op === "between") {
    if (!Array.isArray(value) || value.length !== 2 || !value.every(isScalar)) throw new ParamError(`${path}.value`, '"between" needs [low, high] (both included)');
    return { column, op, value };
  }
  if (op === "contains" && typeof value !== "string") throw new ParamError(`${path}.value`, '"contains" needs the text to look for');
  if (!isScalar(value)) throw new ParamError(`${path}.value`, `"${op}" needs a number, text or true/false`);
  return { column, op, value };
}

/** Validates filter options from JSON: `where` (one condition or a list) or `expr`, not both. */
export function parseFilter(obj: Obj, path: string): FilterOptions {
  const match = readEnum(obj, "match", path, ["all", "any"] as const, "all");
  if (obj.expr !== undefined) {
    if (obj.where !== undefined) throw new ParamError(path, 'give either "where" (conditions) or "expr" (an expression), not both');
    const expr = readString(obj, "expr", path);
    try {
      parseExpr(expr); // syntax errors surface when the notebook is edited, with their position
    } catch (e) {
      if (e instanceof ExprError) throw new ParamError(`${path}.expr`, e.message);
      throw e;
    }
    return { op: "filter", match, expr };
  }
  if (obj.where === undefined) throw new ParamError(`${path}.where`, 'give conditions like {"column": "amount", "op": ">", "value": 0}, or an "expr"');
  const list = Array.isArray(obj.where) ? obj.where : [obj.where];
  if (list.length === 0) throw new ParamError(`${path}.where`, "list at least one condition");
  return { op: "filter", match, where: list.map((c, i) => parseCondition(c, `${path}.where${Array.isArray(obj.where) ? `[${i}]` : ""}`)) };
}

/** The condition's value converted to the column's representation (numbers, 0/1, epoch ms, text). */
function coerce(column: Column, v: Scalar, what: string): number | string {
  if (column.type === "string") {
    if (typeof v !== "string") throw new StepError(`column "${column.name}" is text; compare it with text, not ${JSON.stringify(v)} (${what})`);
    return v;
  }
  if (column.type === "boolean" && (typeof v === "boolean" || v === 0 || v === 1)) return Number(v);
  if (column.type === "date" && typeof v === "string") {
    const ms = parseDateText(v);
    if (Number.isNaN(ms)) throw new StepError(`"${v}" is not a date (write YYYY-MM-DD) for date column "${column.name}" (${what})`);
    return ms;
  }
  if (typeof v !== "number") throw new StepError(`column "${column.name}" holds ${column.type} values; ${JSON.stringify(v)} cannot be compared with it (${what})`);
  return v;
}

function predicate(table: Table, c: Condition): (r: number) => boolean {
  const column = getColumn(table, c.column);
  const values = column.values as ArrayLike<number | string | null>;
  const missing = (x: number | string | null) => x === null || (typeof x === "number" && Number.isNaN(x));
  if (c.op === "is_missing") return (r) => missing(values[r]);
  if (c.op === "not_missing") return (r) => !missing(values[r]);
  const what = `"${c.op}"`;
  if (c.op === "contains") {
    if (column.type !== "string") throw new StepError(`"contains" needs a text column; "${column.name}" holds ${column.type} values`);
    const needle = (c.value as string).toLowerCase();
    return (r) => !missing(values[r]) && (values[r] as string).toLowerCase().includes(needle);
  }
  if (c.op === "in" || c.op === "not_in") {
    const set = new Set((c.value as Scalar[]).map((v) => coerce(column, v, what)));
    const keep = c.op === "in";
    return (r) => !missing(values[r]) && set.has(values[r] as number | string) === keep;
  }
  if (c.op === "between") {
    const [lo, hi] = (c.value as Scalar[]).map((v) => coerce(column, v, what));
    return (r) => !missing(values[r]) && values[r]! >= lo && values[r]! <= hi;
  }
  const v = coerce(column, c.value as Scalar, what);
  const x = (r: number) => values[r] as number | string;
  switch (c.op) {
    case "==": return (r) => !missing(values[r]) && x(r) === v;
    case "!=": return (r) => !missing(values[r]) && x(r) !== v;
    case "<": return (r) => !missing(values[r]) && x(r) < v;
    case "<=": return (r) => !missing(values[r]) && x(r) <= v;
    case ">": return (r) => !missing(values[r]) && x(r) > v;
    default: return (r) => !missing(values[r]) && x(r) >= v;
  }
}

/** Keeps the rows that pass; the fitted summary says how many were kept and removed. */
export function filter(table: Table, options: FilterOptions): StepResult {
  let keep: (r: number) => boolean;
  if (options.expr !== undefined) {
    let compiled;
    try {
      compiled = compileExpr(options.expr, table);
    } catch (e) {
      if (e instanceof ExprError) throw new StepError(`expression "${options.expr}": ${e.message}`, { cause: e });
      throw e;
    }
    if (compiled.type === "string" || compiled.type === "date") throw new StepError(`expression "${options.expr}" gives ${compiled.type === "string" ? "text" : "dates"}, not a true/false condition`);
    const f = compiled.num;
    keep = (r) => truth(f(r)) === 1;
  } else {
    const tests = options.where!.map((c) => predicate(table, c));
    keep = options.match === "all" ? (r) => tests.every((t) => t(r)) : (r) => tests.some((t) => t(r));
  }
  const rows: number[] = [];
  for (let r = 0; r < table.nRows; r++) if (keep(r)) rows.push(r);
  return { table: takeRows(table, rows), fitted: { kept: rows.length, removed: table.nRows - rows.length } };
}
