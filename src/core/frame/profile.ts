/**
 * A per-column profile of a table: types, missing and distinct counts, numeric ranges, quartiles,
 * histograms, top text values, and warnings an analyst should see before modelling (constant,
 * mostly missing, high cardinality, id-like, duplicate rows, CRM smells).
 */
import { makeTable, type Column, type ColumnType, type Table } from "./table";
import type { CsvReport } from "./csv";
import type { DateFormat } from "./dates";
import { summarizeCounts, summarizeNumeric, type NumericStats, type NumericTally } from "./column-stats";
import { countDuplicateRows, crmSmells, type NumberRowHashes } from "./profile-checks";
import type { ValueCounts } from "./text-column";

/** What a column is for an analyst: a kind finer than its storage type. */
export type ColumnKind = "numeric" | "date" | "boolean" | "categorical" | "text" | "id";

/** Per-column flags shown as badges in the profile card. */
export type ColumnFlag = "constant" | "mostly-missing" | "high-cardinality" | "id-like" | "has-invalid";

/** Options of `profileTable`. */
export interface ProfileOptions {
  /** "Now" for future-date checks (epoch ms); the data cell passes the clock, tests a fixed value. */
  readonly now?: number;
  /** Column statistics already computed (`profileColumn`, by a helper thread), by column position. */
  readonly precomputed?: readonly (ColumnStatistics | undefined)[];
  /** Row hashes of some number columns, already taken (a split read's helper), for the duplicate-row count. */
  readonly rowHashes?: NumberRowHashes;
}

/** What `profileColumn` computes for one column: its profile but for the kind and flags. */
export type ColumnStatistics = Omit<ColumnProfile, "kind" | "flags">;

/** Distinct values are counted up to this many; beyond it `distinct` is a lower bound. */
export const DISTINCT_CAP = 10_000;

/** One column's profile. min/max/mean are null for text columns and for all-missing columns. */
export interface ColumnProfile {
  readonly name: string;
  readonly type: ColumnType;
  readonly missing: number;
  /** Values read as missing because they did not fit the type (from the CSV report). */
  readonly invalid: number;
  /** Distinct non-missing values, capped at DISTINCT_CAP (see `distinctCapped`). */
  readonly distinct: number;
  readonly distinctCapped: boolean;
  /**
   * A text column past the cap whose counted values (the first DISTINCT_CAP distinct ones) each came
   * once, and no later value repeated one of them: the evidence that it is an id when its distinct
   * values cannot all be counted. Absent otherwise.
   */
  readonly noRepeats?: boolean;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Most frequent text values, most frequent first (text columns only; at most 5). */
  readonly top: readonly { readonly value: string; readonly count: number }[];
  readonly kind: ColumnKind;
  readonly flags: readonly ColumnFlag[];
  /** Quartiles and sample standard deviation (numeric, date and boolean columns), else null. */
  readonly q25: number | null;
  readonly median: number | null;
  readonly q75: number | null;
  readonly std: number | null;
  /** Equal-width bin counts from min to max (numeric storage), else empty. */
  readonly histogram: readonly number[];
  /** How date text was read (dates only). */
  readonly dateFormat?: DateFormat;
  /** Why the column was read this way (e.g. how an ambiguous date order was settled). */
  readonly note?: string;
}

/** The profile of a table. */
export interface TableProfile {
  readonly rows: number;
  readonly columns: readonly ColumnProfile[];
  /** Rows equal to an earlier row in every column. */
  readonly duplicateRows: number;
  readonly warnings: readonly string[];
}

/**
 * One column's statistics.
 * `counts`, for a text column, are its distinct values and their counts as the CSV reader counted
 * them (every present value), which spares a pass that looks every value up; `tally`, for a
 * number or date column, the counts of all its rows (`NumericTally`), which spares the passes.
 */
export function profileColumn(
  column: Column, invalid: number, counts?: ValueCounts | null, tally?: NumericTally,
): ColumnStatistics {
  const n = column.values.length;
  let missing = 0;
  let distinct: number;
  let capped = false;
  let noRepeats: boolean | undefined;
  let min = Infinity, max = -Infinity, sum = 0;
  let top: { value: string; count: number }[] = [];
  let stats: NumericStats | null = null;
  if (column.type !== "string" && tally !== undefined && !tally.overflowed && tally.rows === n) {
    // Counted as the column was read (a split read's helper): the same figures, from the counts.
    missing = n - tally.present;
    (min = tally.min), (max = tally.max), (sum = tally.sum);
    const summary = summarizeCounts(tally.counted());
    stats = summary.stats;
    distinct = summary.distinct;
  } else if (column.type !== "string") {
    const values = column.values;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== v) {
        missing++;
        continue;
      }
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    // Distinct numbers come from the sorted values the quartiles need anyway (no Map of numbers).
    const summary = summarizeNumeric(values, DISTINCT_CAP);
    stats = summary.stats;
    capped = summary.distinct > DISTINCT_CAP;
    distinct = Math.min(summary.distinct, DISTINCT_CAP);
  } else if (counts) {
    // Equal strings from different bytes cannot happen in valid UTF-8, but merge them anyway.
    const byValue = new Map<string, number>();
    let present = 0;
    for (let k = 0; k < counts.values.length; k++) {
      const c = counts.counts[k];
      if (c === 0) continue;
      present += c;
      byValue.set(counts.values[k], (byValue.get(counts.values[k]) ?? 0) + c);
    }
    missing = n - present;
    distinct = byValue.size;
    top = topValues(byValue);
  } else {
    const values = column.values;
    // Each distinct value gets a slot once; a repeat is one Map lookup and a typed-array increment.
    const slots = new Map<string, number>();
    const seen = new Int32Array(DISTINCT_CAP);
    // Once the slots are full, an id-like column's values are nearly all new: a set of the slot
    // values' own hashes turns most of them away before a Map lookup (which, for a fresh string,
    // costs hashing it inside the engine: the slowest part of profiling a 1M-row id column).
    let known: Int32Array | null = null;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null) {
        missing++;
        continue;
      }
      if (known !== null && !hasHash(known, textHash(v))) {
        capped = true;
        continue;
      }
      const slot = slots.get(v);
      if (slot !== undefined) seen[slot]++;
      else if (slots.size < DISTINCT_CAP) {
        seen[slots.size] = 1;
        slots.set(v, slots.size);
        if (slots.size === DISTINCT_CAP) known = hashSet(slots.keys());
      } else capped = true;
    }
    distinct = slots.size;
    top = topValues(new Map([...slots].map(([value, slot]) => [value, seen[slot]])));
    if (capped) noRepeats = seen.subarray(0, distinct).every((count) => count === 1);
  }
  const present = n - missing;
  const numeric = column.type !== "string" && present > 0;
  return {
    name: column.name,
    type: column.type,
    missing,
    invalid,
    distinct,
    distinctCapped: capped,
    ...(noRepeats !== undefined ? { noRepeats } : {}),
    min: numeric ? min : null,
    max: numeric ? max : null,
    mean: numeric ? sum / present : null,
    top,
    q25: stats?.q25 ?? null,
    median: stats?.median ?? null,
    q75: stats?.q75 ?? null,
    std: stats && Number.isFinite(stats.std) ? stats.std : null,
    histogram: stats?.histogram ?? [],
  };
}

/** The five most frequent values, most frequent first, ties by value. */
function topValues(counts: ReadonlyMap<string, number>): { value: string; count: number }[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 5)
    .map(([value, count]) => ({ value: String(value), count }));
}

/** A hash of a string's length and first 32 characters (never 0, the empty mark of `hashSet`). */
function textHash(v: string): number {
  let h = Math.imul(0x811c9dc5 ^ v.length, 0x01000193);
  for (let i = 0, m = Math.min(v.length, 32); i < m; i++) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
  return h === 0 ? 1 : h;
}

/** An open-addressing set of the strings' `textHash`es, four slots per string. */
function hashSet(strings: Iterable<string>): Int32Array {
  const set = new Int32Array(2 ** Math.ceil(Math.log2(4 * DISTINCT_CAP)));
  for (const s of strings) {
    const h = textHash(s);
    let at = (h ^ (h >>> 16)) & (set.length - 1);
    while (set[at] !== 0 && set[at] !== h) at = (at + 1) & (set.length - 1);
    set[at] = h;
  }
  return set;
}

function hasHash(set: Int32Array, h: number): boolean {
  let at = (h ^ (h >>> 16)) & (set.length - 1);
  for (;;) {
    const e = set[at];
    if (e === h) return true;
    if (e === 0) return false;
    at = (at + 1) & (set.length - 1);
  }
}

// Text with few distinct values (or few relative to the rows) is a category; more is free text.
function kindOf(column: Column, p: ColumnStatistics, idLike: boolean): ColumnKind {
  if (idLike) return "id";
  if (column.type === "number") return "numeric";
  if (column.type !== "string") return column.type;
  const present = column.values.length - p.missing;
  return !p.distinctCapped && (p.distinct <= 50 || p.distinct <= 0.05 * present) ? "categorical" : "text";
}

function isIdLike(column: Column, p: ColumnStatistics, rows: number): boolean {
  const present = rows - p.missing;
  if (present < 20) return false;
  // Too many values to count them all: an id when none of those counted, nor any later one, repeats.
  if (p.distinctCapped) return column.type === "string" && p.noRepeats === true;
  if (p.distinct < present) return false;
  // Every value unique: an identifier for text; for numbers only integers named like an id,
  // since a continuous measure (amounts) is often all-distinct too.
  if (column.type === "string") return true;
  return column.type === "number" && /(^|_|\b)id$|ID$|Id$/.test(column.name) && Number.isInteger(p.min) && Number.isInteger(p.max);
}

/**
 * Profiles every column. Pass the CSV report to include invalid counts, date formats, notes and
 * parse warnings (e.g. a header-only file).
 */
export function profileTable(table: Table, report?: CsvReport, options: ProfileOptions = {}): TableProfile {
  const warnings: string[] = [...(report?.warnings ?? [])];
  const n = table.nRows;
  const pre = options.precomputed ?? [];
  const columns = table.columns.map((column, k): ColumnProfile => {
    const base = pre[k] ?? profileColumn(column, report?.invalid[column.name] ?? 0);
    const name = `column "${base.name}"`;
    const flags: ColumnFlag[] = [];
    const idLike = n > 0 && isIdLike(column, base, n);
    if (n > 0) {
      if (base.missing === n) warnings.push(`${name} is entirely missing`);
      else if (base.distinct === 1) (flags.push("constant"), warnings.push(`${name} is constant (every value is the same); it carries no information`));
      if (base.missing > 0.5 * n && base.missing < n) {
        flags.push("mostly-missing");
        warnings.push(`${name} is mostly missing (${((100 * base.missing) / n).toFixed(1)}% of rows)`);
      }
      const why = base.distinctCapped ? `over ${DISTINCT_CAP.toLocaleString("en-GB")} distinct values, and none of the first ${DISTINCT_CAP.toLocaleString("en-GB")} repeats` : "every value is different";
      if (idLike) (flags.push("id-like"), warnings.push(`${name} looks like an id (${why}); leave it out of models`));
      else if (column.type === "string" && base.distinct > 1000) {
        flags.push("high-cardinality");
        warnings.push(`${name} has ${base.distinctCapped ? "over " : ""}${base.distinct.toLocaleString("en-GB")} distinct values: too many to one-hot encode`);
      }
    }
    if (base.invalid > 0) flags.push("has-invalid");
    const dateFormat = report?.dateFormats?.[column.name];
    const note = report?.notes?.[column.name];
    return { ...base, kind: kindOf(column, base, idLike), flags, ...(dateFormat ? { dateFormat } : {}), ...(note ? { note } : {}) };
  });
  const duplicateRows = countDuplicateRows(table, options.rowHashes);
  if (duplicateRows > 0) warnings.push(`${duplicateRows.toLocaleString("en-GB")} rows are exact duplicates of an earlier row`);
  warnings.push(...crmSmells(table, options.now ?? Infinity));
  return { rows: n, columns, duplicateRows, warnings };
}

/** The profile as a table with one row per column: column, type, missing, invalid, distinct, min, max, mean, median, kind. */
export function profileAsTable(profile: TableProfile): Table {
  const cols = profile.columns;
  const num = (pick: (p: ColumnProfile) => number | null) => Float64Array.from(cols, (p) => pick(p) ?? NaN);
  return makeTable([
    { name: "column", type: "string", values: cols.map((p) => p.name) },
    { name: "type", type: "string", values: cols.map((p) => p.type) },
    { name: "missing", type: "number", values: num((p) => p.missing) },
    { name: "invalid", type: "number", values: num((p) => p.invalid) },
    { name: "distinct", type: "number", values: num((p) => p.distinct) },
    { name: "min", type: "number", values: num((p) => p.min) },
    { name: "max", type: "number", values: num((p) => p.max) },
    { name: "mean", type: "number", values: num((p) => p.mean) },
    { name: "median", type: "number", values: num((p) => p.median) },
    { name: "kind", type: "string", values: cols.map((p) => p.kind) },
  ]);
}
