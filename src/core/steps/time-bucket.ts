/**
 * time_bucket: truncates a date column to the start of its day, ISO week (Monday), month,
 * quarter or year (UTC), in place or into a new column, ready for a group-by aggregate.
 * Weeks match pandas' to_period("W").start_time.
 */
import { getColumn, withColumn, type Table } from "../frame/table";
import { readEnum, readOptionalString, readString, type Obj } from "../cells/params";
import { bucketStart } from "./expr";
import { StepError, type StepResult } from "./types";

/** Bucket sizes. */
export const TIME_UNITS = ["day", "week", "month", "quarter", "year"] as const;

/** Options of the time_bucket step. */
export interface TimeBucketOptions {
  readonly op: "time_bucket";
  readonly column: string;
  readonly unit: (typeof TIME_UNITS)[number];
  /** Name of the output column (default: replace `column`). */
  readonly as?: string;
}

/** Validates time_bucket options from JSON. */
export function parseTimeBucket(obj: Obj, path: string): TimeBucketOptions {
  return { op: "time_bucket", column: readString(obj, "column", path), unit: readEnum(obj, "unit", path, TIME_UNITS, "month"), as: readOptionalString(obj, "as", path) };
}

/** Writes the bucket start of every date (missing stays missing). */
export function timeBucket(table: Table, options: TimeBucketOptions): StepResult {
  const column = getColumn(table, options.column);
  if (column.type !== "date") throw new StepError(`column "${options.column}" holds ${column.type} values, not dates`);
  const values = column.values.map((ms) => bucketStart(ms, options.unit));
  const name = options.as ?? options.column;
  const buckets = new Set<number>();
  for (const v of values) if (!Number.isNaN(v)) buckets.add(v);
  return { table: withColumn(table, { name, type: "date", values }), fitted: { unit: options.unit, column: name, buckets: buckets.size } };
}
