import { getColumn, getNumeric, TableError, type Column, type Table } from "../frame/table";
import { ordinalStart, periodOrdinal, type Freq } from "./periods";

/** One time series after bucketing: a value per period, consecutive, no gaps. */
export interface PeriodSeries {
  /** The group's value as text, or "all" when there is no groupBy. */
  readonly name: string;
  /** Epoch ms of each period's start, consecutive periods. */
  readonly periods: Float64Array;
  /** Sum of the value column over the period (0 for a period with no rows). */
  readonly values: Float64Array;
  /** Starts of the periods that had no rows and were filled with 0. */
  readonly filled: readonly number[];
}

/** What bucketing produced, with the rows it had to skip. */
export interface BucketResult {
  readonly series: readonly PeriodSeries[];
  /** Rows whose time was missing or unparseable. */
  readonly skippedTime: number;
  /** Rows whose value was missing. */
  readonly skippedValue: number;
}

/** Options of {@link bucketByPeriod}. */
export interface BucketOptions {
  readonly time: string;
  readonly value: string;
  readonly groupBy?: string;
  readonly freq: Freq;
  /** Row indices to use (after a filter); all rows when absent. */
  readonly rows?: readonly number[];
}

/**
 * Sums `value` per period of `time` and per group. Every series runs from its own first period
 * to the last period seen in the whole table, so all series end together and a group that sold
 * nothing lately shows zeros rather than stopping early; missing periods are filled with 0 and
 * listed in `filled`.
 */
export function bucketByPeriod(table: Table, opts: BucketOptions): BucketResult {
  const timeMs = timeValues(getColumn(table, opts.time));
  const value = getNumeric(table, opts.value).values;
  const group = opts.groupBy === undefined ? undefined : getColumn(table, opts.groupBy);
  const rows = opts.rows ?? Array.from({ length: table.nRows }, (_, i) => i);
  const sums = new Map<string, Map<number, number>>();
  let skippedTime = 0;
  let skippedValue = 0;
  let last = -Infinity;
  for (const r of rows) {
    const t = timeMs(r);
    if (!Number.isFinite(t)) {
      skippedTime++;
      continue;
    }
    const v = value[r];
    if (Number.isNaN(v)) {
      skippedValue++;
      continue;
    }
    const k = periodOrdinal(t, opts.freq);
    if (k > last) last = k;
    const name = group ? groupLabel(group, r) : "all";
    let byPeriod = sums.get(name);
    if (!byPeriod) sums.set(name, (byPeriod = new Map()));
    byPeriod.set(k, (byPeriod.get(k) ?? 0) + v);
  }
  const series: PeriodSeries[] = [];
  for (const [name, byPeriod] of [...sums].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    let first = Infinity;
    for (const k of byPeriod.keys()) if (k < first) first = k;
    const n = last - first + 1;
    const periods = new Float64Array(n);
    const values = new Float64Array(n);
    const filled: number[] = [];
    for (let i = 0; i < n; i++) {
      periods[i] = ordinalStart(first + i, opts.freq);
      const v = byPeriod.get(first + i);
      if (v === undefined) filled.push(periods[i]);
      values[i] = v ?? 0;
    }
    series.push({ name, periods, values, filled });
  }
  return { series, skippedTime, skippedValue };
}

/** Reads a time column: a date column (epoch ms) or text in a form `Date.parse` accepts (ISO dates). */
function timeValues(col: Column): (row: number) => number {
  if (col.type === "date") return (r) => col.values[r];
  if (col.type === "string") {
    return (r) => {
      const s = col.values[r];
      return s === null ? NaN : Date.parse(s);
    };
  }
  throw new TableError(`Column "${col.name}" is ${col.type}; the time column must hold dates`);
}

function groupLabel(col: Column, r: number): string {
  const v = col.values[r];
  if (v === null || (typeof v === "number" && Number.isNaN(v))) return "(missing)";
  return String(v);
}
