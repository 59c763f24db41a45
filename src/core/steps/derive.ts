/**
 * derive: adds (or replaces) a column computed by an expression over the other columns, e.g.
 * `amount * probability`, `if(stage == 'Won', amount, 0)`, `days_since_close = [close date] - date('2024-01-01')`.
 * The language (see docs/preprocessing.md) is our own: tokenizer, Pratt parser and a typed
 * compiler, never eval. Errors give the character position.
 */
import { withColumn, type Table } from "../frame/table";
import { readString, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import { evaluateExpr, ExprError, parseExpr, printExpr } from "./expr";
import { StepError, type StepResult } from "./types";

/** Options of the derive step. */
export interface DeriveOptions {
  readonly op: "derive";
  /** Output column name. */
  readonly name: string;
  readonly expr: string;
}

/** Validates derive options; a syntax error is reported here, with its position, before any data is read. */
export function parseDerive(obj: Obj, path: string): DeriveOptions {
  const name = readString(obj, "name", path);
  const expr = readString(obj, "expr", path);
  try {
    parseExpr(expr);
  } catch (e) {
    if (e instanceof ExprError) throw new ParamError(`${path}.expr`, e.message);
    throw e;
  }
  return { op: "derive", name, expr };
}

/** Evaluates the expression on every row into column `options.name`. */
export function derive(table: Table, options: DeriveOptions): StepResult {
  let column;
  try {
    column = evaluateExpr(options.expr, table, options.name);
  } catch (e) {
    if (e instanceof ExprError) throw new StepError(`expression "${options.expr}": ${e.message}`, { cause: e });
    throw e;
  }
  let missing = 0;
  for (const v of column.values) if (v === null || (typeof v === "number" && Number.isNaN(v))) missing++;
  return {
    table: withColumn(table, column),
    fitted: { column: options.name, type: column.type, parsed: printExpr(parseExpr(options.expr)), missing },
  };
}
