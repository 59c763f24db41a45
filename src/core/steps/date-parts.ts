/**
 * date_parts: adds calendar parts of a date column as number columns named `<column>_<part>`:
 * year, quarter, month, day (of month), week (ISO 8601), dayofweek (Monday = 0, as pandas), and
 * days_since (whole days since `since`, floored, as pandas' (d - since).dt.days). All in UTC.
 */
import { getColumn, withColumn, type Table } from "../frame/table";
import { readString, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import { DAY_MS, dayOfWeek, isoWeek, parseDateText, quarterOf } from "./expr";
import { StepError, type StepResult } from "./types";

/** Date parts the step can add. */
export const DATE_PARTS = ["year", "quarter", "month", "day", "week", "dayofweek", "days_since"] as const;
type Part = (typeof DATE_PARTS)[number];

/** Options of the date_parts step. */
export interface DatePartsOptions {
  readonly op: "date_parts";
  readonly column: string;
  readonly parts: readonly Part[];
  /** Reference date for days_since, epoch ms (parsed from "YYYY-MM-DD"). */
  readonly since?: number;
  /** Also remove the date column (models cannot use dates directly). Default false. */
  readonly dropColumn: boolean;
}

/** Validates date_parts options from JSON. */
export function parseDateParts(obj: Obj, path: string): DatePartsOptions {
  const column = readString(obj, "column", path);
  const raw = obj.parts ?? ["year", "quarter", "month", "dayofweek"];
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every((p) => (DATE_PARTS as readonly unknown[]).includes(p))) {
    throw new ParamError(`${path}.parts`, `must be a non-empty list of ${DATE_PARTS.map((p) => `"${p}"`).join(", ")}`);
  }
  const parts = raw as Part[];
  let since: number | undefined;
  if (parts.includes("days_since")) {
    since = typeof obj.since === "string" ? parseDateText(obj.since) : NaN;
    if (Number.isNaN(since)) throw new ParamError(`${path}.since`, 'days_since needs a reference date, e.g. "2024-01-01"');
  }
  const dropColumn = obj.drop ?? false;
  if (typeof dropColumn !== "boolean") throw new ParamError(`${path}.drop`, "must be true or false");
  return { op: "date_parts", column, parts, since, dropColumn };
}

function partOf(part: Part, since: number | undefined): (ms: number) => number {
  switch (part) {
    case "year": return (ms) => new Date(ms).getUTCFullYear();
    case "quarter": return quarterOf;
    case "month": return (ms) => new Date(ms).getUTCMonth() + 1;
    case "day": return (ms) => new Date(ms).getUTCDate();
    case "week": return isoWeek;
    case "dayofweek": return dayOfWeek;
    case "days_since": return (ms) => Math.floor((ms - since!) / DAY_MS);
  }
}

/** Adds the parts of `options.column` (missing dates give missing parts). */
export function dateParts(table: Table, options: DatePartsOptions): StepResult {
  const column = getColumn(table, options.column);
  if (column.type !== "date") {
    throw new StepError(`column "${options.column}" holds ${column.type} values, not dates (the data cell reads ISO dates like 2024-01-31 as dates)`);
  }
  let out = table;
  const added: string[] = [];
  const values = column.values;
  const n = values.length;
  // Every part but days_since depends only on the UTC day of an integer ms (in Date's range), and a
  // date column holds few distinct days, so each part is computed once per day (same function,
  // same result) instead of building a Date per row. Other values go through f directly.
  // slot[i]: index of row i's day in `days` (-1 for a missing or unusual value).
  const slot = new Int32Array(n);
  const days: number[] = [];
  const slotOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const ms = values[i];
    if (!(Number.isInteger(ms) && Math.abs(ms) <= 8.64e15)) {
      slot[i] = -1;
      continue;
    }
    const day = Math.floor(ms / DAY_MS);
    let k = slotOf.get(day);
    if (k === undefined) {
      slotOf.set(day, (k = days.length));
      days.push(day);
    }
    slot[i] = k;
  }
  for (const part of options.parts) {
    const f = partOf(part, options.since);
    const name = `${options.column}_${part}`;
    const result = new Float64Array(n);
    if (part === "days_since") {
      for (let i = 0; i < n; i++) result[i] = Number.isNaN(values[i]) ? NaN : f(values[i]);
    } else {
      const perDay = Float64Array.from(days, (day) => f(day * DAY_MS));
      for (let i = 0; i < n; i++) {
        const k = slot[i];
        if (k >= 0) result[i] = perDay[k];
        else result[i] = Number.isNaN(values[i]) ? NaN : f(values[i]);
      }
    }
    out = withColumn(out, { name, type: "number", values: result });
    added.push(name);
  }
  if (options.dropColumn) out = { nRows: out.nRows, columns: out.columns.filter((c) => c.name !== options.column) };
  return { table: out, fitted: { added, dropped: options.dropColumn ? [options.column] : [] } };
}
