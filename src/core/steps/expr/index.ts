// The expression language of the derive and filter steps: tokenize -> parse (Pratt) -> compile.
export { ExprError, tokenize, type Token, type TokenType } from "./tokenize";
export { parseExpr, BINDING, KEYWORDS, type BinaryOp, type Expr } from "./parse";
export { printExpr, printColumn } from "./print";
export { compileExpr, compileNode, evaluateExpr } from "./compile";
export { FUNCTIONS, type ExprFunction } from "./builtins";
export { finite, truth, type Compiled, type ExprType } from "./values";
export { bucketStart, dayOfWeek, isoWeek, parseDateText, quarterOf, DAY_MS } from "./functions";
