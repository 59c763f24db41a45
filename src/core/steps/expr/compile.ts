/**
 * Type-checks an Expr against a table and compiles it to a per-row function. Types are decided
 * once, before any row is read, so `amount + region` fails with the position of the "+" instead
 * of producing a column of garbage. Missing values propagate: arithmetic, comparisons and `if`
 * on a missing value give missing; a result that is not a finite number (x / 0, log(0)) is missing.
 */
import { findColumn, type Column, type Table } from "../../frame/table";
import { ExprError } from "./tokenize";
import { parseExpr, type BinaryOp, type Expr } from "./parse";
import { FUNCTIONS } from "./builtins";
import { finite, needCondition, needNumber, num, parseDateLiteral, truth, type Compiled } from "./values";

const DAY_MS = 86_400_000;
const ARITH: Record<string, (a: number, b: number) => number> = {
  "+": (a, b) => a + b, "-": (a, b) => a - b, "*": (a, b) => a * b, "/": (a, b) => a / b, "%": (a, b) => a % b, "^": (a, b) => a ** b,
};
const COMPARE: Record<string, (a: number | string, b: number | string) => boolean> = {
  "==": (a, b) => a === b, "!=": (a, b) => a !== b, "<": (a, b) => a < b, "<=": (a, b) => a <= b, ">": (a, b) => a > b, ">=": (a, b) => a >= b,
};

function columnNode(column: Column): Compiled {
  if (column.type === "string") {
    const v = column.values;
    return { type: "string", str: (r) => v[r], constant: false };
  }
  const v = column.values;
  return num(column.type, (r) => v[r]);
}

/** A string literal compared with a date is read as a date; anything else is a type error. */
function asDate(c: Compiled, e: Expr, other: Compiled): Compiled {
  if (c.type !== "string" || other.type !== "date" || e.kind !== "str") return c;
  const ms = parseDateLiteral(e.value, e.pos);
  return num("date", () => ms, true);
}

function binary(op: BinaryOp, e: Extract<Expr, { kind: "binary" }>, table: Table): Compiled {
  let a = compileNode(e.left, table);
  let b = compileNode(e.right, table);
  const constant = a.constant && b.constant;
  if (op === "and" || op === "or") {
    const x = needCondition(a, e.left.pos, `"${op}"`).num, y = needCondition(b, e.right.pos, `"${op}"`).num;
    // Kleene logic: false and missing = false, true or missing = true, otherwise missing wins.
    return op === "and"
      ? num("boolean", (r) => { const p = truth(x(r)), q = truth(y(r)); return p === 0 || q === 0 ? 0 : p + q - 1; }, constant)
      : num("boolean", (r) => { const p = truth(x(r)), q = truth(y(r)); return p === 1 || q === 1 ? 1 : p + q; }, constant);
  }
  if (op in COMPARE) {
    a = asDate(a, e.left, b);
    b = asDate(b, e.right, a);
    const cmp = COMPARE[op];
    if (a.type === "string" && b.type === "string") {
      const x = a.str, y = b.str;
      return num("boolean", (r) => { const p = x(r), q = y(r); return p === null || q === null ? NaN : +cmp(p, q); }, constant);
    }
    if (a.type === "string" || b.type === "string" || (a.type === "date") !== (b.type === "date")) {
      throw new ExprError(`"${op}" compares ${a.type} with ${b.type}; both sides must be numbers, dates or text`, e.pos);
    }
    const x = a.num, y = b.num;
    return num("boolean", (r) => { const p = x(r), q = y(r); return Number.isNaN(p) || Number.isNaN(q) ? NaN : +cmp(p, q); }, constant);
  }
  if (op === "+" && a.type === "string" && b.type === "string") {
    const x = a.str, y = b.str;
    return { type: "string", str: (r) => { const p = x(r), q = y(r); return p === null || q === null ? null : p + q; }, constant };
  }
  const x = needNumber(a, e.pos, `"${op}"`), y = needNumber(b, e.pos, `"${op}"`);
  const f = ARITH[op];
  const xn = x.num, yn = y.num;
  // Dates: date ± days gives a date, date - date gives days; any other use of a date is an error.
  if (x.type === "date" || y.type === "date") {
    if (op === "-" && x.type === "date" && y.type === "date") return num("number", (r) => (xn(r) - yn(r)) / DAY_MS, constant);
    if ((op === "+" || op === "-") && x.type === "date" && y.type !== "date") return num("date", (r) => finite(f(xn(r), yn(r) * DAY_MS)), constant);
    if (op === "+" && y.type === "date" && x.type !== "date") return num("date", (r) => finite(xn(r) * DAY_MS + yn(r)), constant);
    throw new ExprError(`"${op}" cannot combine ${x.type} with ${y.type} (dates allow date ± days and date - date)`, e.pos);
  }
  return num("number", (r) => finite(f(xn(r), yn(r))), constant);
}

/** Compiles one node (recursive); throws ExprError at the node that does not type-check. */
export function compileNode(e: Expr, table: Table): Compiled {
  switch (e.kind) {
    case "num":
      return num("number", () => e.value, true);
    case "bool": {
      const v = e.value ? 1 : 0;
      return num("boolean", () => v, true);
    }
    case "str":
      return { type: "string", str: () => e.value, constant: true };
    case "col": {
      const column = findColumn(table, e.name);
      if (!column) throw new ExprError(`unknown column "${e.name}" (columns: ${table.columns.map((c) => c.name).join(", ") || "none"})`, e.pos);
      return columnNode(column);
    }
    case "unary": {
      const a = compileNode(e.arg, table);
      if (e.op === "not") {
        const x = needCondition(a, e.arg.pos, '"not"').num;
        return num("boolean", (r) => { const t = truth(x(r)); return Number.isNaN(t) ? NaN : 1 - t; }, a.constant);
      }
      const x = needNumber(a, e.pos, 'unary "-"');
      if (x.type === "date") throw new ExprError("a date cannot be negated", e.pos);
      const f = x.num;
      return num("number", (r) => -f(r), a.constant);
    }
    case "binary":
      return binary(e.op, e, table);
    case "call": {
      const fn = FUNCTIONS[e.name];
      if (!fn) throw new ExprError(`unknown function "${e.name}" (functions: ${Object.keys(FUNCTIONS).join(", ")})`, e.pos);
      const [min, max] = fn.arity;
      if (e.args.length < min || e.args.length > max) {
        const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
        throw new ExprError(`${e.name}() takes ${want} argument${min === 1 && max === 1 ? "" : "s"}, got ${e.args.length}`, e.pos);
      }
      return fn.compile(e.args.map((a) => compileNode(a, table)), e, table);
    }
  }
}

/** Parses and type-checks `source` against `table` (throws ExprError with the position). */
export function compileExpr(source: string, table: Table): Compiled {
  return compileNode(parseExpr(source), table);
}

/** Evaluates `source` on every row of `table` into a column named `name`. */
export function evaluateExpr(source: string, table: Table, name: string): Column {
  const c = compileExpr(source, table);
  if (c.type === "string") return { name, type: "string", values: Array.from({ length: table.nRows }, (_, r) => c.str(r)) };
  const out = new Float64Array(table.nRows);
  const f = c.num;
  for (let r = 0; r < table.nRows; r++) out[r] = f(r);
  return { name, type: c.type, values: out };
}
