/**
 * Prints an Expr back to source with the fewest parentheses that keep its meaning, so that
 * `parseExpr(printExpr(e))` is `e` again (checked by the property tests).
 */
import { BINDING, KEYWORDS, NEG_BINDING, NOT_BINDING, type Expr } from "./parse";

/** How tightly a node binds when it appears as an operand (atoms and calls: tightest). */
function binding(e: Expr): number {
  if (e.kind === "binary") return BINDING[e.op];
  if (e.kind === "unary") return e.op === "-" ? NEG_BINDING : NOT_BINDING;
  return 100;
}

const wrap = (e: Expr, parens: boolean) => (parens ? `(${printExpr(e)})` : printExpr(e));

/** A column reference: bare when it reads back as the same column, else `[name]`. */
export function printColumn(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !KEYWORDS.has(name) ? name : `[${name.replaceAll("]", "]]")}]`;
}

/** Source text for `e`. */
export function printExpr(e: Expr): string {
  switch (e.kind) {
    case "num":
      return String(e.value);
    case "str":
      return `'${e.value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
    case "bool":
      return String(e.value);
    case "col":
      return printColumn(e.name);
    case "call":
      return `${e.name}(${e.args.map(printExpr).join(", ")})`;
    case "unary": {
      const b = e.op === "-" ? NEG_BINDING : NOT_BINDING;
      // "- -x" would still parse, but a space keeps "--" from looking like a typo.
      const arg = wrap(e.arg, binding(e.arg) < b);
      return e.op === "-" ? `-${arg.startsWith("-") ? " " : ""}${arg}` : `not ${arg}`;
    }
    case "binary": {
      const b = BINDING[e.op];
      const comparison = b === 4;
      const power = e.op === "^";
      // Left-associative: a right operand of equal binding needs parentheses; ^ the other way round.
      const left = wrap(e.left, power || comparison ? binding(e.left) <= b : binding(e.left) < b);
      const right = wrap(e.right, power ? binding(e.right) < b - 1 : binding(e.right) <= b);
      return `${left} ${e.op} ${right}`;
    }
  }
}
