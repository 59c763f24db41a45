/**
 * Functions of the expression language. Each checks its argument types when the expression is
 * compiled (so errors point at the call) and returns a per-row reader.
 */
import type { Table } from "../../frame/table";
import { ExprError } from "./tokenize";
import type { Expr } from "./parse";
import { finite, needCondition, needNumber, num, parseDateLiteral, truth, type Compiled, type NumCompiled } from "./values";
import { dayOfWeek, isoWeek, quarterOf } from "./functions";

/** A function: how many arguments it takes and how it compiles. */
export interface ExprFunction {
  readonly arity: readonly [number, number];
  compile(args: readonly Compiled[], call: Extract<Expr, { kind: "call" }>, table: Table): Compiled;
}

const argPos = (call: Extract<Expr, { kind: "call" }>, i: number) => call.args[i]?.pos ?? call.pos;
const allConstant = (args: readonly Compiled[]) => args.every((a) => a.constant);

/** A one-argument numeric function (NaN in, NaN out; non-finite results are missing). */
function math(f: (x: number) => number): ExprFunction {
  return {
    arity: [1, 1],
    compile([a], call) {
      const x = needNumber(a, argPos(call, 0), `${call.name}()`);
      if (x.type === "date") throw new ExprError(`${call.name}() needs a number, not a date`, argPos(call, 0));
      const g = x.num;
      return num("number", (r) => finite(f(g(r))), a.constant);
    },
  };
}

/** A date part (year, month...). */
function datePart(f: (ms: number) => number): ExprFunction {
  return {
    arity: [1, 1],
    compile([a], call) {
      if (a.type !== "date") throw new ExprError(`${call.name}() needs a date column, not ${a.type}`, argPos(call, 0));
      const g = a.num;
      return num("number", (r) => f(g(r)), a.constant);
    },
  };
}

/** The type shared by several branches (if / coalesce / min / max): numbers mix with booleans. */
function common(args: readonly Compiled[], call: Extract<Expr, { kind: "call" }>, from: number): Compiled["type"] {
  let type = args[from].type;
  for (let i = from + 1; i < args.length; i++) {
    const t = args[i].type;
    if (t === type) continue;
    const numeric = (x: string) => x === "number" || x === "boolean";
    if (numeric(t) && numeric(type)) type = "number";
    else throw new ExprError(`${call.name}() mixes ${type} and ${t}; its values must share a type`, argPos(call, i));
  }
  return type;
}

function strings(args: readonly Compiled[]): ((r: number) => string | null)[] {
  return args.map((a) => (a as Extract<Compiled, { str: unknown }>).str);
}
function numbers(args: readonly Compiled[]): ((r: number) => number)[] {
  return args.map((a) => (a as NumCompiled).num);
}

/** min / max: missing arguments are skipped (as SQL's LEAST / GREATEST in PostgreSQL). */
function extreme(pick: (a: number, b: number) => boolean): ExprFunction {
  return {
    arity: [1, Infinity],
    compile(args, call) {
      const type = common(args, call, 0);
      if (type === "string") throw new ExprError(`${call.name}() needs numbers or dates`, call.pos);
      const fs = numbers(args);
      return num(type, (r) => {
        let best = NaN;
        for (const f of fs) {
          const v = f(r);
          if (!Number.isNaN(v) && (Number.isNaN(best) || pick(v, best))) best = v;
        }
        return best;
      }, allConstant(args));
    },
  };
}

function text(f: (s: string) => string): ExprFunction {
  return {
    arity: [1, 1],
    compile([a], call) {
      if (a.type !== "string") throw new ExprError(`${call.name}() needs text`, argPos(call, 0));
      const g = a.str;
      return { type: "string", str: (r) => { const s = g(r); return s === null ? null : f(s); }, constant: a.constant };
    },
  };
}

/** Every function, by lower-case name. */
export const FUNCTIONS: Readonly<Record<string, ExprFunction>> = {
  abs: math(Math.abs),
  sqrt: math(Math.sqrt),
  exp: math(Math.exp),
  log: math(Math.log),
  log10: math(Math.log10),
  log1p: math(Math.log1p),
  floor: math(Math.floor),
  ceil: math(Math.ceil),
  round: {
    arity: [1, 2],
    compile(args, call) {
      const x = needNumber(args[0], argPos(call, 0), "round()").num;
      const d = args[1] ? needNumber(args[1], argPos(call, 1), "round()").num : () => 0;
      // Half away from zero, as people round by hand (not banker's rounding).
      return num("number", (r) => { const p = 10 ** d(r), v = x(r); return finite((Math.sign(v) * Math.round(Math.abs(v) * p)) / p); }, allConstant(args));
    },
  },
  min: extreme((a, b) => a < b),
  max: extreme((a, b) => a > b),
  if: {
    arity: [3, 3],
    compile(args, call) {
      const c = needCondition(args[0], argPos(call, 0), "if()").num;
      const type = common(args, call, 1);
      if (type === "string") {
        const [a, b] = strings(args.slice(1));
        return { type, str: (r) => { const t = truth(c(r)); return Number.isNaN(t) ? null : t ? a(r) : b(r); }, constant: allConstant(args) };
      }
      const [a, b] = numbers(args.slice(1));
      return num(type, (r) => { const t = truth(c(r)); return Number.isNaN(t) ? NaN : t ? a(r) : b(r); }, allConstant(args));
    },
  },
  coalesce: {
    arity: [1, Infinity],
    compile(args, call) {
      const type = common(args, call, 0);
      if (type === "string") {
        const fs = strings(args);
        return { type, str: (r) => { for (const f of fs) { const v = f(r); if (v !== null) return v; } return null; }, constant: allConstant(args) };
      }
      const fs = numbers(args);
      return num(type, (r) => { for (const f of fs) { const v = f(r); if (!Number.isNaN(v)) return v; } return NaN; }, allConstant(args));
    },
  },
  is_missing: {
    arity: [1, 1],
    compile([a]) {
      if (a.type === "string") { const g = a.str; return num("boolean", (r) => +(g(r) === null), a.constant); }
      const g = a.num;
      return num("boolean", (r) => +Number.isNaN(g(r)), a.constant);
    },
  },
  year: datePart((ms) => (Number.isNaN(ms) ? NaN : new Date(ms).getUTCFullYear())),
  quarter: datePart(quarterOf),
  month: datePart((ms) => (Number.isNaN(ms) ? NaN : new Date(ms).getUTCMonth() + 1)),
  day: datePart((ms) => (Number.isNaN(ms) ? NaN : new Date(ms).getUTCDate())),
  week: datePart(isoWeek),
  weekday: datePart(dayOfWeek),
  date: {
    arity: [1, 1],
    compile([a], call) {
      const lit = call.args[0];
      if (lit.kind !== "str") throw new ExprError("date() takes a quoted literal like date('2024-01-31')", lit.pos);
      const ms = parseDateLiteral(lit.value, lit.pos);
      return num("date", () => ms, a.constant);
    },
  },
  lower: text((s) => s.toLowerCase()),
  upper: text((s) => s.toUpperCase()),
  length: {
    arity: [1, 1],
    compile([a], call) {
      if (a.type !== "string") throw new ExprError("length() needs text", argPos(call, 0));
      const g = a.str;
      return num("number", (r) => { const s = g(r); return s === null ? NaN : s.length; }, a.constant);
    },
  },
  contains: {
    arity: [2, 2],
    compile(args, call) {
      if (args[0].type !== "string" || args[1].type !== "string") throw new ExprError("contains() needs text and the text to look for", call.pos);
      const [s, sub] = strings(args);
      return num("boolean", (r) => { const a = s(r), b = sub(r); return a === null || b === null ? NaN : +a.includes(b); }, allConstant(args));
    },
  },
};
