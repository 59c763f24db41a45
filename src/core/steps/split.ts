/**
 * split: adds the text column "split" = "train" / "test". Deterministic from the seed: rows are
 * shuffled with mulberry32(seed) (Fisher-Yates) and the first round(n * test) become test rows.
 * With `stratify`, each value of that column (missing counts as one more value) gets its own
 * share of test rows, allotted by largest remainder so that the total is round(n * test) and
 * every group is within one row of its exact proportion.
 */
import { getColumn, withColumn, type Column, type Table } from "../frame/table";
import { readNumber, readOptionalString, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import { mulberry32, SPLIT_COLUMN, StepError, type StepResult } from "./types";

/** Options of the split step. */
export interface SplitOptions {
  readonly op: "split";
  /** Fraction of rows for the test set, in (0, 1). */
  readonly test: number;
  /** Seed for the shuffle; the cell falls back to the run's seed when absent. */
  readonly seed?: number;
  /** Keep this column's value proportions equal in train and test. */
  readonly stratify?: string;
}

/** Validates split options from JSON; `path` is e.g. "params.steps[3]". */
export function parseSplit(obj: Obj, path: string): SplitOptions {
  const test = readNumber(obj, "test", path, { fallback: 0.2, min: 0, max: 1 });
  if (test <= 0 || test >= 1) throw new ParamError(`${path}.test`, "must be a fraction strictly between 0 and 1, e.g. 0.2");
  const seed = obj.seed === undefined ? undefined : readNumber(obj, "seed", path, { integer: true, min: 0, max: 2 ** 32 - 1 });
  return { op: "split", test, seed, stratify: readOptionalString(obj, "stratify", path) };
}

function shuffleInPlace(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

/** Row groups by the stratify column's value, in a stable order (sorted keys, missing last). */
function groups(column: Column): number[][] {
  // Rows grouped by raw value first (Map keys: NaN meets NaN, 0 meets -0, as their text keys do),
  // then the text key is made once per distinct value rather than once per row.
  const byValue = new Map<string | number | null, number[]>();
  const values = column.values;
  for (let r = 0; r < values.length; r++) {
    const v = values[r];
    let rows = byValue.get(v);
    if (!rows) byValue.set(v, (rows = []));
    rows.push(r);
  }
  const byKey = new Map<string, number[]>();
  for (const [v, rows] of byValue) {
    const key = v === null || (typeof v === "number" && Number.isNaN(v)) ? "\u0000missing" : `${typeof v}:${v}`;
    byKey.set(key, rows);
  }
  return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
}

/** Test-row counts per group: floors of the exact shares, plus one for the largest remainders. */
function allot(sizes: number[], test: number): number[] {
  const total = Math.round(sizes.reduce((a, b) => a + b, 0) * test);
  const counts = sizes.map((n) => Math.floor(n * test));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = sizes.map((n, g) => g).sort((a, b) => sizes[b] * test - counts[b] - (sizes[a] * test - counts[a]) || a - b);
  for (const g of order) if (left > 0 && counts[g] < sizes[g]) (counts[g]++, left--);
  return counts;
}

/** Adds (or replaces) the "split" column; `seed` must be resolved by the caller. */
export function split(table: Table, options: SplitOptions & { readonly seed: number }): StepResult {
  const random = mulberry32(options.seed);
  const all = Array.from({ length: table.nRows }, (_, i) => i);
  const parts = options.stratify ? groups(getColumn(table, options.stratify)) : [all];
  const testCounts = allot(parts.map((p) => p.length), options.test);
  const labels = new Array<string | null>(table.nRows).fill("train");
  parts.forEach((rows, g) => {
    shuffleInPlace(rows, random);
    for (let k = 0; k < testCounts[g]; k++) labels[rows[k]] = "test";
  });
  const nTest = testCounts.reduce((a, b) => a + b, 0);
  if (table.nRows >= 2 && (nTest === 0 || nTest === table.nRows)) {
    throw new StepError(`a test fraction of ${options.test} on ${table.nRows} rows leaves ${nTest === 0 ? "no test" : "no training"} rows`);
  }
  const fitted = {
    fraction: options.test,
    seed: options.seed,
    stratify: options.stratify ?? null,
    train: table.nRows - nTest,
    test: nTest,
    prng: "mulberry32 + Fisher-Yates",
  };
  return { table: withColumn(table, { name: SPLIT_COLUMN, type: "string", values: labels }), fitted };
}
