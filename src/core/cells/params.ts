import { ParamError } from "./types";

/**
 * Small readers for validating plain-JSON parameters. Each names the field it rejects, so a
 * wrong parameter gets a message like `params.horizon: must be an integer from 1 to 120`.
 */
export type Obj = Readonly<Record<string, unknown>>;

/** `value` as an object; throws naming `path` otherwise. */
export function asObject(value: unknown, path: string): Obj {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ParamError(path, "must be an object");
  }
  return value as Obj;
}

/** A required or defaulted string field. */
export function readString(obj: Obj, key: string, path: string, fallback?: string): string {
  const v = obj[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== "string" || v.length === 0) throw new ParamError(`${path}.${key}`, "must be a non-empty string");
  return v;
}

/** An optional string field (undefined when absent or empty). */
export function readOptionalString(obj: Obj, key: string, path: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string") throw new ParamError(`${path}.${key}`, "must be a string");
  return v;
}

/** A finite number field within [min, max], optionally an integer. */
export function readNumber(
  obj: Obj,
  key: string,
  path: string,
  opts: { fallback?: number; min?: number; max?: number; integer?: boolean } = {},
): number {
  const v = obj[key] ?? opts.fallback;
  const { min = -Infinity, max = Infinity, integer = false } = opts;
  const range = `${Number.isFinite(min) ? ` from ${min}` : ""}${Number.isFinite(max) ? ` to ${max}` : ""}`;
  const what = integer ? "an integer" : "a number";
  if (typeof v !== "number" || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
    throw new ParamError(`${path}.${key}`, `must be ${what}${range}`);
  }
  return v;
}

/** A boolean field with a default. */
export function readBoolean(obj: Obj, key: string, path: string, fallback: boolean): boolean {
  const v = obj[key] ?? fallback;
  if (typeof v !== "boolean") throw new ParamError(`${path}.${key}`, "must be true or false");
  return v;
}

/** One of `choices`, with an optional default. */
export function readEnum<T extends string>(obj: Obj, key: string, path: string, choices: readonly T[], fallback?: T): T {
  const v = obj[key] ?? fallback;
  if (typeof v !== "string" || !(choices as readonly string[]).includes(v)) {
    throw new ParamError(`${path}.${key}`, `must be one of ${choices.map((c) => `"${c}"`).join(", ")}`);
  }
  return v as T;
}

/** An array of non-empty strings (default [] when absent). */
export function readStringArray(obj: Obj, key: string, path: string, fallback: readonly string[] = []): string[] {
  const v = obj[key] ?? fallback;
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string" || s.length === 0)) {
    throw new ParamError(`${path}.${key}`, "must be a list of column names");
  }
  return [...(v as string[])];
}
