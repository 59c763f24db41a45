import { ParamError } from "../cells/types";
import { asObject, readEnum, readNumber, readString, type Obj } from "../cells/params";

/** A number for every unit, a column (its mean over each unit's rows), or a map unit → number. */
export type Amount = number | string | Readonly<Record<string, number>>;

/**
 * How an amount of a resource turns into extra return on a unit.
 * - `saturating` with `liftShare`: a·(1 − e^(−x/b)) with a = liftShare × the unit's summed
 *   `value`, b = halfSaturation / ln 2 (default: total / number of units). The original form.
 * - `saturating` / `log` with `a`, `b`: a·(1 − e^(−x/b)) or a·ln(1 + x/b); a, b numbers, columns or maps.
 * - `linear`: rate × x.
 * - `fitted`: a `form` curve fitted per unit to historical `spend` vs `outcome` rows
 *   (with `unitColumns`, each unit's own column is its spend).
 */
export type ResponseParam =
  | { readonly type: "saturating"; readonly liftShare: number; readonly halfSaturation?: number }
  | { readonly type: "saturating" | "log"; readonly a: Amount; readonly b: Amount }
  | { readonly type: "linear"; readonly rate: Amount }
  | { readonly type: "fitted"; readonly form: "saturating" | "log"; readonly spend?: string; readonly outcome: string };

/** Reads an {@link Amount}; columns are refused when units are columns themselves. */
export function readAmount(o: Obj, key: string, path: string, wide: boolean, opts: { min?: number; positive?: boolean } = {}): Amount {
  const v = o[key];
  const where = `${path}.${key}`;
  if (typeof v === "string") {
    if (v.length === 0) throw new ParamError(where, "must be a number, a column name or a map of unit to number");
    if (wide) throw new ParamError(where, "cannot be a column when units are columns (unitColumns); give a number or a map {unit: number}");
    return v;
  }
  const check = (x: unknown, p: string): number => {
    const ok = typeof x === "number" && Number.isFinite(x) && x >= (opts.min ?? -Infinity) && (!opts.positive || x > 0);
    if (!ok) throw new ParamError(p, `must be a number${opts.positive ? " greater than 0" : opts.min !== undefined ? ` of at least ${opts.min}` : ""}`);
    return x as number;
  };
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    const out: Record<string, number> = {};
    for (const [k, x] of Object.entries(v)) out[k] = check(x, `${where}.${k}`);
    return out;
  }
  return check(v, where);
}

/** Parses one response object at `path`. */
export function parseResponse(raw: unknown, path: string, wide: boolean): ResponseParam {
  const o: Obj = asObject(raw, path);
  const type = readEnum(o, "type", path, ["saturating", "log", "linear", "fitted"] as const);
  if (type === "linear") return { type, rate: readAmount(o, "rate", path, wide, { min: 0 }) };
  if (type === "fitted") {
    const form = readEnum(o, "form", path, ["saturating", "log"] as const, "saturating");
    const outcome = readString(o, "outcome", path);
    if (wide) return { type, form, outcome };
    return { type, form, spend: readString(o, "spend", path), outcome };
  }
  if (type === "log" || o.a !== undefined) {
    return { type, a: readAmount(o, "a", path, wide, { min: 0 }), b: readAmount(o, "b", path, wide, { positive: true }) };
  }
  const liftShare = readNumber(o, "liftShare", path, { min: 0 });
  if (o.halfSaturation === undefined || o.halfSaturation === null) return { type, liftShare };
  const halfSaturation = readNumber(o, "halfSaturation", path);
  if (!(halfSaturation > 0)) throw new ParamError(`${path}.halfSaturation`, "must be a spend greater than 0");
  return { type, liftShare, halfSaturation };
}

/** The columns a response reads (for error messages and checks). */
export function responseColumns(r: ResponseParam): string[] {
  const cols: string[] = [];
  const add = (a: Amount | undefined) => typeof a === "string" && cols.push(a);
  if (r.type === "linear") add(r.rate);
  else if (r.type === "fitted") [r.spend, r.outcome].forEach((c) => c && cols.push(c));
  else if ("a" in r) [r.a, r.b].forEach(add);
  return cols;
}
