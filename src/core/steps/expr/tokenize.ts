/**
 * Tokenizer of the derive/filter expression language. Every token keeps its character offset so
 * that a parse or type error can point at the exact place in the user's text.
 */

/** An expression could not be read, typed or evaluated; `pos` is the 0-based character offset. */
export class ExprError extends Error {
  override readonly name = "ExprError";
  constructor(
    readonly detail: string,
    readonly pos: number,
  ) {
    super(`${detail} (at character ${pos + 1})`);
  }
}

/** Kinds of token. "col" is a `[quoted column name]`; identifiers may be columns, keywords or functions. */
export type TokenType = "num" | "str" | "ident" | "col" | "op" | "eof";

/** One token: its type, its text as written (operators, identifiers), its value and offset. */
export interface Token {
  readonly type: TokenType;
  readonly text: string;
  /** The number, the unescaped string, or the column / identifier name. */
  readonly value: string | number;
  readonly pos: number;
}

// Longest first, so "<=" is not read as "<" then "=".
const OPERATORS = ["==", "!=", "<>", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "^", "(", ")", ","];

const isDigit = (c: string) => c >= "0" && c <= "9";
const isIdentStart = (c: string) => /[A-Za-z_]/.test(c);
const isIdentPart = (c: string) => /[A-Za-z0-9_.]/.test(c);

/** Splits `source` into tokens, ending with an "eof" token; throws ExprError at a bad character. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === "." && isDigit(source[i + 1] ?? ""))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i))!;
      i += m[0].length;
      if (isIdentStart(source[i] ?? "")) throw new ExprError(`unexpected "${source[i]}" after the number ${m[0]}`, i);
      tokens.push({ type: "num", text: m[0], value: Number(m[0]), pos: start });
    } else if (c === "'" || c === '"') {
      // Strings: backslash escapes the quote or a backslash; anything else is taken literally.
      let value = "";
      i++;
      for (;;) {
        if (i >= source.length) throw new ExprError("this text has no closing quote", start);
        const d = source[i];
        if (d === "\\" && i + 1 < source.length) (value += source[i + 1], (i += 2));
        else if (d === c) {
          i++;
          break;
        } else (value += d, i++);
      }
      tokens.push({ type: "str", text: source.slice(start, i), value, pos: start });
    } else if (c === "[") {
      // [column name]: any characters; "]]" stands for a "]" inside the name.
      let name = "";
      i++;
      for (;;) {
        if (i >= source.length) throw new ExprError('this column name has no closing "]"', start);
        if (source[i] === "]") {
          if (source[i + 1] === "]") (name += "]", (i += 2));
          else {
            i++;
            break;
          }
        } else name += source[i++];
      }
      if (name.length === 0) throw new ExprError("empty column name []", start);
      tokens.push({ type: "col", text: source.slice(start, i), value: name, pos: start });
    } else if (isIdentStart(c)) {
      while (i < source.length && isIdentPart(source[i])) i++;
      const text = source.slice(start, i);
      tokens.push({ type: "ident", text, value: text, pos: start });
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (!op) {
        const hint = c === "=" ? ' (compare with "==")' : c === "&" || c === "|" ? ' (use "and" / "or")' : "";
        throw new ExprError(`unexpected character "${c}"${hint}`, i);
      }
      i += op.length;
      tokens.push({ type: "op", text: op === "<>" ? "!=" : op, value: op, pos: start });
    }
  }
  tokens.push({ type: "eof", text: "", value: "", pos: source.length });
  return tokens;
}
