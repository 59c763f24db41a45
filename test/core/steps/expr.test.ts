// The derive/filter expression language: unit tests, then property tests driven by a small seeded
// generator of random expressions (mulberry32), checked against a tree-walking reference evaluator.
import { describe, expect, test } from "vitest";
import { makeTable } from "../../../src/core/frame/table";
import { mulberry32 } from "../../../src/core/steps";
import { evaluateExpr, ExprError, parseExpr, printExpr, type Expr } from "../../../src/core/steps/expr";

const n = 40;
const rnd = mulberry32(7);
const table = makeTable([
  { name: "a", type: "number", values: Float64Array.from({ length: n }, (_, i) => (i % 9 === 0 ? NaN : Math.round((rnd() * 20 - 10) * 4) / 4)) },
  { name: "b", type: "number", values: Float64Array.from({ length: n }, (_, i) => (i % 11 === 3 ? NaN : Math.round(rnd() * 5))) },
  { name: "won", type: "boolean", values: Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? NaN : i % 2)) },
  { name: "deal size", type: "number", values: Float64Array.from({ length: n }, (_, i) => 100 * i) },
  { name: "region", type: "string", values: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : ["North", "South"][i % 2])) },
  { name: "close", type: "date", values: Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 86_400_000 * 10) },
]);
const col = (source: string) => Array.from(evaluateExpr(source, table, "out").values as ArrayLike<number | string | null>);

describe("expression language", () => {
  test("precedence: ^ binds tighter than unary minus and is right-associative; * before +", () => {
    expect(col("-2^2")[0]).toBe(-4);
    expect(col("2^3^2")[0]).toBe(512);
    expect(col("1 + 2 * 3 - 4 / 2")[0]).toBe(5);
    expect(col("(1 + 2) * 3 % 4")[0]).toBe(1);
    expect(col("not 1 > 2 and true")[0]).toBe(1);
  });

  test("columns by bare name or [quoted name]; text comparison and concatenation; dates", () => {
    expect(col("[deal size] / 100")[3]).toBe(3);
    expect(col("if(region == 'North', 'N', region + '!')").slice(0, 3)).toEqual([null, "South!", "N"]);
    expect(col("close >= '2024-01-21'").slice(0, 3)).toEqual([0, 0, 1]);
    expect(col("close - date('2024-01-01')")[2]).toBe(20);
    expect(col("year(close) * 100 + month(close)")[39]).toBe(202501); // 2024-01-01 + 390 days
    expect(col("weekday(close)")[0]).toBe(0); // 2024-01-01 was a Monday
  });

  test("missing values propagate; coalesce, is_missing and Kleene and/or handle them; x / 0 is missing", () => {
    expect(Number.isNaN(col("a + 1")[0] as number)).toBe(true);
    expect(col("coalesce(a, -1)")[0]).toBe(-1);
    expect(col("is_missing(a)")[0]).toBe(1);
    expect(col("is_missing(region)")[0]).toBe(1);
    expect(col("a > 0 and false")[0]).toBe(0);
    expect(col("a > 0 or true")[0]).toBe(1);
    expect(Number.isNaN(col("1 / 0")[1] as number)).toBe(true);
    expect(col("min(a, 3, b)")[0]).toBe(Math.min(3, table.columns[1].values[0] as number));
    expect(col("round(2.5) + round(-2.5) + round(1005, -1)")[0]).toBe(3 - 3 + 1010); // half away from zero
  });

  test.each([
    ["amount * 2", 'unknown column "amount"', 0],
    ["a + region", '"+" needs numbers, not text', 2],
    ["a +* 2", 'expected a value, found "*"', 3],
    ["(a + 1", 'expected ")" to close the "("', 6],
    ["a + 1)", 'unexpected ")" (no matching "(")', 5],
    ["a = 1", 'unexpected character "=" (compare with "==")', 2],
    ["1 < a < 3", "comparisons cannot be chained", 6],
    ["foo(a)", 'unknown function "foo"', 0],
    ["round()", "round() takes 1 to 2 arguments, got 0", 0],
    ["'open", "this text has no closing quote", 0],
    ["if(a > 1, 'x', 2)", "if() mixes string and number", 15],
    ["close > 'soon'", '"soon" is not a date', 8],
    ["a & b", 'use "and" / "or"', 2],
  ])("%s is rejected: %s at character %i", (source, message, pos) => {
    let error: unknown;
    try {
      evaluateExpr(source, table, "out");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExprError);
    expect((error as ExprError).message).toContain(message);
    expect((error as ExprError).pos).toBe(pos);
  });
});

// ---- property tests -------------------------------------------------------------------------

type Gen = () => number;
const NUM_LEAVES = ["a", "b", "[deal size]"];
const LITERALS = [0, 0.5, 1, 2, 3.25, 10];

function genNum(r: Gen, depth: number): Expr {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const pos = 0;
  if (depth <= 0 || r() < 0.25) {
    return r() < 0.5 ? { kind: "num", value: pick(LITERALS), pos } : { kind: "col", name: pick(NUM_LEAVES).replace(/^\[|\]$/g, ""), pos };
  }
  const k = r();
  if (k < 0.45) return { kind: "binary", op: pick(["+", "-", "*", "/", "%", "^"] as const), left: genNum(r, depth - 1), right: genNum(r, depth - 1), pos };
  if (k < 0.55) return { kind: "unary", op: "-", arg: genNum(r, depth - 1), pos };
  if (k < 0.75) return { kind: "call", name: pick(["abs", "sqrt", "exp", "log", "round", "floor"]), args: [genNum(r, depth - 1)], pos };
  if (k < 0.85) return { kind: "call", name: pick(["min", "max", "coalesce"]), args: [genNum(r, depth - 1), genNum(r, depth - 1)], pos };
  return { kind: "call", name: "if", args: [genBool(r, depth - 1), genNum(r, depth - 1), genNum(r, depth - 1)], pos };
}

function genBool(r: Gen, depth: number): Expr {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const pos = 0;
  if (depth <= 0 || r() < 0.2) return r() < 0.5 ? { kind: "col", name: "won", pos } : { kind: "bool", value: r() < 0.5, pos };
  const k = r();
  if (k < 0.45) return { kind: "binary", op: pick(["==", "!=", "<", "<=", ">", ">="] as const), left: genNum(r, depth - 1), right: genNum(r, depth - 1), pos };
  if (k < 0.75) return { kind: "binary", op: pick(["and", "or"] as const), left: genBool(r, depth - 1), right: genBool(r, depth - 1), pos };
  if (k < 0.9) return { kind: "unary", op: "not", arg: genBool(r, depth - 1), pos };
  return { kind: "call", name: "is_missing", args: [genNum(r, depth - 1)], pos };
}

/** Reference semantics, written independently of the compiler: walk the tree for one row. */
function reference(e: Expr, row: number): number {
  const fin = (x: number) => (Number.isFinite(x) ? x : NaN);
  const t = (x: number) => (Number.isNaN(x) ? NaN : x !== 0 ? 1 : 0);
  switch (e.kind) {
    case "num": return e.value;
    case "bool": return e.value ? 1 : 0;
    case "str": throw new Error("no strings in generated expressions");
    case "col": return table.columns.find((c) => c.name === e.name)!.values[row] as number;
    case "unary": {
      const v = reference(e.arg, row);
      return e.op === "-" ? -v : Number.isNaN(v) ? NaN : 1 - t(v);
    }
    case "binary": {
      const x = reference(e.left, row), y = reference(e.right, row);
      switch (e.op) {
        case "and": return t(x) === 0 || t(y) === 0 ? 0 : Number.isNaN(x) || Number.isNaN(y) ? NaN : 1;
        case "or": return t(x) === 1 || t(y) === 1 ? 1 : Number.isNaN(x) || Number.isNaN(y) ? NaN : 0;
        case "+": return fin(x + y);
        case "-": return fin(x - y);
        case "*": return fin(x * y);
        case "/": return fin(x / y);
        case "%": return fin(x % y);
        case "^": return fin(Math.pow(x, y));
      }
      if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
      return { "==": x === y, "!=": x !== y, "<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y }[e.op] ? 1 : 0;
    }
    case "call": {
      const v = e.args.map((a) => reference(a, row));
      switch (e.name) {
        case "abs": return fin(Math.abs(v[0]));
        case "sqrt": return fin(Math.sqrt(v[0]));
        case "exp": return fin(Math.exp(v[0]));
        case "log": return fin(Math.log(v[0]));
        case "floor": return fin(Math.floor(v[0]));
        case "round": return fin(Math.sign(v[0]) * Math.round(Math.abs(v[0])));
        case "min": case "max": {
          const present = v.filter((x) => !Number.isNaN(x));
          return present.length ? (e.name === "min" ? Math.min(...present) : Math.max(...present)) : NaN;
        }
        case "coalesce": return v.find((x) => !Number.isNaN(x)) ?? NaN;
        case "is_missing": return Number.isNaN(v[0]) ? 1 : 0;
        case "if": return Number.isNaN(t(v[0])) ? NaN : t(v[0]) ? v[1] : v[2];
      }
      throw new Error(`reference lacks ${e.name}`);
    }
  }
}

const same = (x: number, y: number) => (Number.isNaN(x) && Number.isNaN(y)) || x === y;

describe("expression properties (seeded random expressions)", () => {
  const random = mulberry32(2024);
  const cases = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? genBool(random, 4) : genNum(random, 4)));

  test("printing then parsing gives the same expression (printing again gives the same text)", () => {
    for (const e of cases) {
      const source = printExpr(e);
      expect(printExpr(parseExpr(source)), source).toBe(source);
    }
  });

  test("the compiled evaluator agrees with the reference evaluator on every row", () => {
    for (const e of cases) {
      const source = printExpr(e);
      const got = col(source) as number[];
      for (let r = 0; r < n; r++) expect(same(got[r], reference(e, r)), `${source} at row ${r}: ${got[r]} vs ${reference(e, r)}`).toBe(true);
    }
  });

  test("random non-expressions are rejected with the position of the fault", () => {
    const r = mulberry32(99);
    const errorAt = (source: string): number => {
      try {
        parseExpr(source);
      } catch (e) {
        expect(e).toBeInstanceOf(ExprError);
        return (e as ExprError).pos;
      }
      throw new Error(`accepted: ${source}`);
    };
    for (const e of cases) {
      const source = printExpr(e);
      const p = Math.floor(r() * (source.length + 1));
      const bad = ["@", "#", "$", "=", "&", "|", "!", "~", "?", ";"][Math.floor(r() * 10)];
      // A stray character is reported where it stands ("!=" / "==" may absorb "=" or "!": skip those).
      const mutated = source.slice(0, p) + bad + source.slice(p);
      const insideName = (source.slice(0, p).match(/\[/g) ?? []).length > (source.slice(0, p).match(/\]/g) ?? []).length;
      if (!insideName && !/!=|==|<=|>=|!$/.test(mutated.slice(Math.max(0, p - 1), p + 2)) && !(bad === "!" && source[p] === "=")) expect(errorAt(mutated), mutated).toBe(p);
      expect(errorAt(`${source} +`), `${source} +`).toBe(source.length + 2); // a dangling operator: the end
      expect(errorAt(`)${source}`)).toBe(0);
      expect(errorAt(`${source})`)).toBe(source.length);
      expect(errorAt(`(${source}`)).toBe(source.length + 1);
      expect(errorAt(`${source} 7`)).toBe(source.length + 1); // two values with no operator between
    }
  });
});
