/**
 * Writing Python source from TypeScript values: literals for plain JSON and identifiers from cell
 * ids. JSON text is almost Python already; only true/false/null and non-finite numbers differ.
 */
import type { Json } from "../json";

const KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
  "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
  "pass", "raise", "return", "try", "while", "with", "yield", "match", "case",
]);

/** Names the generated notebook defines itself; a cell id must not shadow them. */
const RESERVED = new Set([
  "np", "pd", "sm", "math", "json", "decimal", "metrics", "stats", "optimize", "plt", "LogisticRegression", "DATA", "RESULTS",
  "df", "print", "len", "list", "dict", "str", "float", "int", "sum", "min", "max", "range", "sorted", "set", "type", "id",
]);

/** A Python string literal (JSON's escapes are valid Python escapes). */
export function pyStr(s: string): string {
  return JSON.stringify(s);
}

/** A Python literal for a JSON value. */
export function pyValue(v: Json | undefined): string {
  if (v === undefined || v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : v > 0 ? 'float("inf")' : v < 0 ? 'float("-inf")' : 'float("nan")';
  if (typeof v === "string") return pyStr(v);
  if (Array.isArray(v)) return `[${v.map(pyValue).join(", ")}]`;
  return `{${Object.entries(v).map(([k, x]) => `${pyStr(k)}: ${pyValue(x)}`).join(", ")}}`;
}

/** A list of strings as a Python list literal. */
export function pyList(items: readonly string[]): string {
  return `[${items.map(pyStr).join(", ")}]`;
}

/**
 * Python identifiers for cell ids: `-` and other characters become `_`, keywords and the
 * notebook's own names get a trailing `_`, and clashes (`a-b` vs `a_b`) get a numeric suffix.
 */
export function identifiers(ids: readonly string[]): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const id of ids) {
    if (out.has(id)) continue;
    let base = id.replace(/[^A-Za-z0-9_]/g, "_");
    if (!/^[A-Za-z_]/.test(base)) base = `c_${base}`;
    if (KEYWORDS.has(base) || RESERVED.has(base) || /_(extras|info|coefficients)$/.test(base)) base = `${base}_`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    out.set(id, name);
  }
  return out;
}

/** Joins lines, dropping undefined ones (optional lines in templates). */
export function lines(...parts: (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === "string").join("\n");
}
