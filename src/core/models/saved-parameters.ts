/**
 * Reading saved model parameters back, checked. Saved parameters may come from a file a user
 * picked, so every restore reads through these: a wrong type, a wrong length or a non-finite
 * number is a SavedModelError naming the part, never a crash or a silently wrong prediction.
 */
import type { Json } from "../json";
import type { SavedArray, SavedParameters } from "./algorithm";

/** A saved model that does not have the shape its algorithm needs. */
export class SavedModelError extends Error {
  override readonly name = "SavedModelError";
}

type ArrayKind = "Float64Array" | "Float32Array" | "Int32Array";
type ArrayOf<K extends ArrayKind> = K extends "Float64Array" ? Float64Array : K extends "Float32Array" ? Float32Array : Int32Array;

/** The typed-array kind of a saved array. */
export function arrayKind(a: SavedArray): ArrayKind {
  return a instanceof Float64Array ? "Float64Array" : a instanceof Float32Array ? "Float32Array" : "Int32Array";
}

/** The array `name`, of kind `kind`, and of `length` entries when given. */
export function savedArray<K extends ArrayKind>(saved: SavedParameters, name: string, kind: K, length?: number): ArrayOf<K> {
  const a = saved.arrays[name];
  if (!a) throw new SavedModelError(`parameters.arrays.${name} is missing`);
  if (arrayKind(a) !== kind) throw new SavedModelError(`parameters.arrays.${name} must be a ${kind}, not a ${arrayKind(a)}`);
  if (length !== undefined && a.length !== length) {
    throw new SavedModelError(`parameters.arrays.${name} has ${a.length} values; this model needs ${length}`);
  }
  return a as ArrayOf<K>;
}

/** Like savedArray, and every value finite (weights, thresholds, means). */
export function savedFiniteArray<K extends "Float64Array" | "Float32Array">(saved: SavedParameters, name: string, kind: K, length?: number): ArrayOf<K> {
  const a = savedArray(saved, name, kind, length);
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new SavedModelError(`parameters.arrays.${name}[${i}] is ${a[i]}; a saved model holds finite numbers`);
  }
  return a;
}

/** The finite number `name` of the saved state. */
export function savedNumber(saved: SavedParameters, name: string, check?: { integer?: boolean; min?: number; max?: number }): number {
  const v: Json | undefined = saved.state[name];
  if (typeof v !== "number" || !Number.isFinite(v)) throw new SavedModelError(`parameters.state.${name} must be a finite number`);
  if (check?.integer && !Number.isInteger(v)) throw new SavedModelError(`parameters.state.${name} must be an integer`);
  if (check?.min !== undefined && v < check.min) throw new SavedModelError(`parameters.state.${name} must be at least ${check.min}`);
  if (check?.max !== undefined && v > check.max) throw new SavedModelError(`parameters.state.${name} must be at most ${check.max}`);
  return v;
}

/** The string `name` of the saved state, one of `allowed`. */
export function savedChoice<T extends string>(saved: SavedParameters, name: string, allowed: readonly T[]): T {
  const v = saved.state[name];
  if (typeof v !== "string" || !allowed.includes(v as T)) {
    throw new SavedModelError(`parameters.state.${name} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}`);
  }
  return v as T;
}

/** The list of positive integers `name` of the saved state (e.g. layer sizes). */
export function savedSizes(saved: SavedParameters, name: string, max: number): number[] {
  const v = saved.state[name];
  if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== "number" || !Number.isInteger(x) || x < 1 || x > max)) {
    throw new SavedModelError(`parameters.state.${name} must list integers from 1 to ${max}`);
  }
  return v as number[];
}
