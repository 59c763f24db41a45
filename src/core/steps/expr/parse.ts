/**
 * Pratt parser of the expression language. Precedence, loosest first:
 *   or < and < not < comparisons (== != < <= > >=, not chainable) < + - < * / % < unary - < ^ (right)
 * so `-2^2` is -4 and `not a > 1 and b` is `(not (a > 1)) and b`. Calls are `name(args)`.
 */
import { ExprError, tokenize, type Token } from "./tokenize";

/** Binary operators of the language. */
export type BinaryOp = "or" | "and" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%" | "^";

/** A parsed expression; `pos` is where the node starts (the operator for unary and binary nodes). */
export type Expr =
  | { readonly kind: "num"; readonly value: number; readonly pos: number }
  | { readonly kind: "str"; readonly value: string; readonly pos: number }
  | { readonly kind: "bool"; readonly value: boolean; readonly pos: number }
  | { readonly kind: "col"; readonly name: string; readonly pos: number }
  | { readonly kind: "unary"; readonly op: "-" | "not"; readonly arg: Expr; readonly pos: number }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly pos: number }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Expr[]; readonly pos: number };

/** Left binding power of each binary operator; the printer uses the same table. */
export const BINDING: Readonly<Record<BinaryOp, number>> = {
  or: 1, and: 2, "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6, "^": 8,
};
/** Binding power of the operand of `not` and of unary minus. */
export const NOT_BINDING = 3;
export const NEG_BINDING = 7;
/** Words that cannot be bare column names (write `[and]` for a column called "and"). */
export const KEYWORDS = new Set(["and", "or", "not", "true", "false"]);

const COMPARISONS = new Set(["==", "!=", "<", "<=", ">", ">="]);

/** Parses `source` into an Expr; throws ExprError pointing at the offending character. */
export function parseExpr(source: string): Expr {
  const tokens = tokenize(source);
  let k = 0;
  const peek = (): Token => tokens[k];
  const next = (): Token => tokens[k++];
  const describe = (t: Token) => (t.type === "eof" ? "the end of the expression" : `"${t.text}"`);

  function binaryOp(t: Token): BinaryOp | undefined {
    if (t.type === "op" && t.text in BINDING) return t.text as BinaryOp;
    if (t.type === "ident" && (t.text === "and" || t.text === "or")) return t.text;
    return undefined;
  }

  function prefix(): Expr {
    const t = next();
    switch (t.type) {
      case "num":
        return { kind: "num", value: t.value as number, pos: t.pos };
      case "str":
        return { kind: "str", value: t.value as string, pos: t.pos };
      case "col":
        return { kind: "col", name: t.value as string, pos: t.pos };
      case "ident": {
        if (t.text === "true" || t.text === "false") return { kind: "bool", value: t.text === "true", pos: t.pos };
        if (t.text === "not") return { kind: "unary", op: "not", arg: expr(NOT_BINDING), pos: t.pos };
        if (t.text === "and" || t.text === "or") throw new ExprError(`"${t.text}" needs something on its left`, t.pos);
        if (peek().type === "op" && peek().text === "(") return call(t);
        return { kind: "col", name: t.text, pos: t.pos };
      }
      case "op":
        if (t.text === "-") return { kind: "unary", op: "-", arg: expr(NEG_BINDING), pos: t.pos };
        if (t.text === "+") return expr(NEG_BINDING);
        if (t.text === "(") {
          const inner = expr(0);
          const close = next();
          if (close.type !== "op" || close.text !== ")") throw new ExprError(`expected ")" to close the "(" at character ${t.pos + 1}, found ${describe(close)}`, close.pos);
          return inner;
        }
        throw new ExprError(`expected a value, found ${describe(t)}`, t.pos);
      case "eof":
        throw new ExprError("the expression ends where a value is expected", t.pos);
    }
  }

  function call(name: Token): Expr {
    next(); // "("
    const args: Expr[] = [];
    if (!(peek().type === "op" && peek().text === ")")) {
      for (;;) {
        args.push(expr(0));
        const sep = next();
        if (sep.type === "op" && sep.text === ")") break;
        if (!(sep.type === "op" && sep.text === ",")) throw new ExprError(`expected "," or ")" in the call to ${name.text}, found ${describe(sep)}`, sep.pos);
      }
    } else next();
    return { kind: "call", name: name.text.toLowerCase(), args, pos: name.pos };
  }

  function expr(minBinding: number): Expr {
    let left = prefix();
    let comparedHere = false;
    for (;;) {
      const t = peek();
      const op = binaryOp(t);
      if (!op || BINDING[op] <= minBinding) break;
      if (COMPARISONS.has(op) && comparedHere) {
        throw new ExprError(`comparisons cannot be chained; join them with "and"`, t.pos);
      }
      next();
      // ^ is right-associative: its right side may hold another ^ (and a unary minus).
      const right = expr(op === "^" ? BINDING[op] - 1 : BINDING[op]);
      left = { kind: "binary", op, left, right, pos: t.pos };
      comparedHere = COMPARISONS.has(op);
    }
    return left;
  }

  const result = expr(0);
  const rest = peek();
  if (rest.type !== "eof") {
    const hint = rest.type === "op" && rest.text === ")" ? ' (no matching "(")' : " (is an operator missing?)";
    throw new ExprError(`unexpected ${describe(rest)}${hint}`, rest.pos);
  }
  return result;
}
