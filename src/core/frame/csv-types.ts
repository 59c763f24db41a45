/**
 * The CSV reader's contract: its options, what it reports besides the table, and the chunked
 * reader's interface (implemented in csv.ts, which re-exports these).
 */
import type { CancelSignal } from "../cells/types";
import type { ColumnType, Table } from "./table";
import type { DateFormat } from "./dates";
import type { ColumnDecision } from "./evidence";
import type { NumberBuilder, ValueCounts } from "./text-column";

/** How to read a CSV. Everything is optional: the delimiter is sniffed and types are inferred. */
export interface CsvOptions {
  /**
   * One of `,` `;` `\t` `|` (or any single character), or `" "` for runs of spaces and tabs
   * (whitespace-separated text); sniffed from the first lines when absent.
   */
  readonly delimiter?: string;
  /**
   * Whether the first record names the columns; otherwise columns are column_1... When absent, the
   * first record is a header unless every field of it is a number or an ISO date.
   */
  readonly header?: boolean;
  /** Lines to skip before the header (titles, notes above the table). */
  readonly skipRows?: number;
  /** The decimal mark of numbers (default "."); with "," thousands separators are not read. */
  readonly decimal?: "." | ",";
  /** How to read ambiguous slash dates such as 01/02/2023; decided from the values when absent. */
  readonly dateOrder?: "dmy" | "mdy";
  /** Forced types per column; values that do not fit become missing and are counted as invalid. */
  readonly types?: Readonly<Record<string, ColumnType>>;
  /** Read at most this many data rows (a preview). */
  readonly maxRows?: number;
  /** Checked every few thousand rows; a cancelled parse throws CancelledError. */
  readonly signal?: CancelSignal;
  /** Called with the fraction done, in [0, 1], and the rows read so far. */
  readonly onProgress?: (fraction: number, rows: number) => void;
}

/** What parsing found besides the table: kept for the profile and the data cell's summary. */
export interface CsvReport {
  readonly delimiter: string;
  readonly header: boolean;
  /** Values that did not fit their column's type and were read as missing, per column. */
  readonly invalid: Readonly<Record<string, number>>;
  /** Up to three such values per column, for the message. */
  readonly invalidExamples: Readonly<Record<string, readonly string[]>>;
  /** True when `maxRows` cut the file short. */
  readonly truncated: boolean;
  /** Plain-language notes, e.g. "the file has a header but no data rows". */
  readonly warnings: readonly string[];
  /** The text format of each date column, by name. */
  readonly dateFormats: Readonly<Record<string, DateFormat>>;
  /** Why a column was read the way it was (e.g. how an ambiguous date was settled), by name. */
  readonly notes: Readonly<Record<string, string>>;
}

/** One column as the reader that owns it read it in a split read: what the other reader merges. */
export interface CsvColumnPart {
  /** The column's position in the file, and its name. */
  readonly index: number;
  readonly name: string;
  readonly rows: number;
  readonly decision: ColumnDecision;
  readonly values: Float64Array | (string | null)[];
  /** Values that did not fit the decided type (read as missing) and up to three of them. */
  readonly invalid: number;
  readonly examples: readonly string[];
  /** A text column's distinct values and counts when the reader counted them all (`TextBuilder.valueCounts`). */
  readonly counts: ValueCounts | null;
}

/** What a chunked read knows of its input besides the chunks. */
export interface CsvInput {
  /** The bytes the chunks add up to, when known: columns are sized from it and progress counts against it. */
  readonly size?: number;
  /** The fraction of the input read so far, for progress when `size` is unknown (e.g. compressed bytes read). */
  readonly fraction?: () => number;
}

/**
 * A CSV parse fed chunk by chunk (`createCsvReader`): push every chunk of the file in order, then
 * `finish`; when `finish` returns true a second pass is needed: push the same bytes again from
 * the start and `finish` again. Then `result` has the table, exactly as `parseCsvWithReport` of
 * the whole bytes (same values, report, errors and line numbers), but only the chunk and the
 * start of a record cut by its end are held at a time.
 */
export interface CsvReader {
  /** Parses a chunk (not kept: copy nothing). False once no more input is wanted (`maxRows` reached). Throws CsvError. */
  push(chunk: Uint8Array): boolean;
  /** Ends the pass: the carried bytes are the file's last record. True when a second pass over the bytes is needed. */
  finish(): boolean;
  /**
   * The table and its report, after the last `finish`. A reader that owns only some columns (a
   * split read) is handed the other reader's `columns()` here, on the first call.
   */
  result(parts?: readonly CsvColumnPart[]): { table: Table; report: CsvReport };
  /** The columns this reader converted, after the last `finish` (a split read's helper side). */
  columns(): CsvColumnPart[];
  /** The 1-based line of the byte just after those pushed so far (also after a push threw): where a problem in the next chunk is. */
  nextLine(): number;
  /**
   * During pass 1: each column's number or ISO-date values while exactly one of the two fits every
   * value so far (else null), and the rows read. A helper tallies them for the profile as it reads.
   */
  liveNumbers(): { readonly rows: number; readonly builders: readonly (NumberBuilder | null)[] };
  /** After `finish`: the pass-1 values each column's numbers were kept from (null where read otherwise). */
  keptNumbers(): readonly (NumberBuilder | null)[];
}
