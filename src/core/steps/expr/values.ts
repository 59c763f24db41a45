/**
 * Values of the expression language: the static types and compiled row readers shared by the
 * compiler and the built-in functions.
 */
import { ExprError } from "./tokenize";

/** Static type of an expression; booleans and dates are numbers underneath (0/1, epoch ms). */
export type ExprType = "number" | "boolean" | "date" | "string";

/** A compiled expression: its type and a row reader (NaN / null for missing). */
export type Compiled =
  | { readonly type: "number" | "boolean" | "date"; readonly num: (row: number) => number; readonly constant: boolean }
  | { readonly type: "string"; readonly str: (row: number) => string | null; readonly constant: boolean };

/** A numeric compiled value (number, boolean or date). */
export type NumCompiled = Extract<Compiled, { num: unknown }>;

/** NaN for anything not finite, so x / 0 and overflow read as missing rather than Infinity. */
export const finite = (x: number): number => (Number.isFinite(x) ? x : NaN);

/** Truth of a condition value: missing stays missing (NaN), any non-zero number is true. */
export const truth = (x: number): number => (Number.isNaN(x) ? NaN : x !== 0 ? 1 : 0);

/** A numeric node of `type` from a row function. */
export const num = (type: "number" | "boolean" | "date", f: (r: number) => number, constant = false): Compiled => ({ type, num: f, constant });

/** Requires a numeric (number/boolean/date) operand, naming what needs it. */
export function needNumber(c: Compiled, pos: number, what: string): NumCompiled {
  if (c.type === "string") throw new ExprError(`${what} needs numbers, not text`, pos);
  return c;
}

/** Requires a condition (boolean or number). */
export function needCondition(c: Compiled, pos: number, what: string): NumCompiled {
  if (c.type === "string" || c.type === "date") throw new ExprError(`${what} needs a true/false condition, not ${c.type === "string" ? "text" : "a date"}`, pos);
  return c;
}

/** Epoch ms of a date literal; throws at `pos` when it is not a date. */
export function parseDateLiteral(text: string, pos: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== +m![3]) throw new ExprError(`"${text}" is not a date (write YYYY-MM-DD)`, pos);
  return ms;
}

