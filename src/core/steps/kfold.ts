/**
 * kfold: adds a "fold" column (0 .. k-1) for cross-validation. Rows are shuffled with
 * mulberry32(seed) and dealt round-robin, so fold sizes differ by at most one; with `stratify`
 * each value's rows are dealt in turn (continuing the rotation), so every fold holds each class
 * in nearly equal share. Only training rows get a fold when a split column exists; test rows
 * stay missing, so cross-validation never touches the held-out test set.
 */
import { getColumn, withColumn, type Table } from "../frame/table";
import { readNumber, readOptionalString, type Obj } from "../cells/params";
import type { Json } from "../json";
import { fitRows, FOLD_COLUMN, keyOf, mulberry32, StepError, type StepResult } from "./types";

/** Options of the kfold step. */
export interface KFoldOptions {
  readonly op: "kfold";
  /** Number of folds, 2 to 100. */
  readonly k: number;
  /** Seed; the cell falls back to the run's seed. */
  readonly seed?: number;
  readonly stratify?: string;
}

/** Validates kfold options from JSON. */
export function parseKFold(obj: Obj, path: string): KFoldOptions {
  const k = readNumber(obj, "k", path, { fallback: 5, min: 2, max: 100, integer: true });
  const seed = obj.seed === undefined ? undefined : readNumber(obj, "seed", path, { integer: true, min: 0, max: 2 ** 32 - 1 });
  return { op: "kfold", k, seed, stratify: readOptionalString(obj, "stratify", path) };
}

/** Adds the fold column; `seed` must be resolved by the caller. */
export function kfold(table: Table, options: KFoldOptions & { readonly seed: number }): StepResult {
  const rows = Array.from(fitRows(table));
  if (rows.length < options.k) throw new StepError(`${options.k} folds need at least ${options.k} training rows (there are ${rows.length})`);
  const random = mulberry32(options.seed);
  let groups: number[][] = [rows];
  if (options.stratify) {
    const column = getColumn(table, options.stratify);
    const byKey = new Map<string, number[]>();
    for (const r of rows) {
      const key = keyOf(column, r) ?? "\u0000missing";
      const list = byKey.get(key);
      if (list) list.push(r);
      else byKey.set(key, [r]);
    }
    groups = [...byKey.keys()].sort().map((key) => byKey.get(key)!);
  }
  const fold = new Float64Array(table.nRows).fill(NaN);
  const sizes = new Array<number>(options.k).fill(0);
  let next = 0;
  for (const group of groups) {
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [group[i], group[j]] = [group[j], group[i]];
    }
    for (const r of group) {
      fold[r] = next;
      sizes[next]++;
      next = (next + 1) % options.k;
    }
  }
  const fitted: Record<string, Json> = { k: options.k, seed: options.seed, stratify: options.stratify ?? null, sizes, prng: "mulberry32 + Fisher-Yates" };
  return { table: withColumn(table, { name: FOLD_COLUMN, type: "number", values: fold }), fitted };
}
