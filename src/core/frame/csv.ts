/**
 * CSV bytes -> Table, in two passes over the bytes and without a string per number.
 *
 * Pass 1 tokenises every record, checks its shape and gathers type evidence over the whole
 * column (never just the first rows, unlike danfo); the numbers and ISO dates it reads on the way
 * are kept, so a column decided as one of those (with no invalid value) is done after pass 1.
 * Pass 2 tokenises again for the rest: text columns (the only ones that decode strings) and
 * other numeric readings, written straight into Float64Arrays. Re-scanning is cheaper than
 * keeping millions of field offsets in memory; it is skipped when no column needs it.
 */
import { throwIfCancelled, type CancelSignal } from "../cells/types";
import { makeTable, type Column, type ColumnType, type Table } from "./table";
import { isMissingBytes, scanDate, scanNumber, setDecimalMark } from "./infer";
import {
  decideColumn, expectedWords, fitsATypeSoFar, forcedDecision, isCertainlyText, newEvidence, observe, observed, observeRepeatedFailure,
  scannerFor, type ColumnDecision, type TypeEvidence,
} from "./evidence";
import { CsvError, decodeUtf8, scanRecords, sniffDelimiter, type RecordBuffer } from "./csv-records";
import { NumberBuilder, TextBuilder } from "./text-column";
import { looksWhitespaceSeparated, scanWhitespaceRecords } from "./whitespace-records";
import type { DateFormat } from "./dates";

export { CsvError };

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

const KIND_TEXT = 0, KIND_NUMBER = 1, KIND_ISO = 2, KIND_OTHER = 3, KIND_DONE = 4;

const DELIMITER_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", " ": "whitespace" };

/** Parses CSV bytes into a Table; see `parseCsvWithReport` for what else parsing found. */
export function parseCsv(bytes: Uint8Array, options: CsvOptions = {}): Table {
  return parseCsvWithReport(bytes, options).table;
}

/** Parses CSV bytes into a Table plus a report of invalid values and warnings. Throws CsvError. */
export function parseCsvWithReport(bytes: Uint8Array, options: CsvOptions = {}): { table: Table; report: CsvReport } {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new CsvError(`this is not a text CSV file: it contains a NUL byte (binary content) at byte ${nul}`, lineAt(bytes, nul));
  }
  let from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  from = skipLines(bytes, from, options.skipRows ?? 0);
  if (bytes.subarray(from).every((b) => b === 0x0a || b === 0x0d || b === 0x20 || b === 0x09)) {
    throw new CsvError(options.skipRows ? `nothing is left after skipping ${options.skipRows} line(s)` : "the file is empty");
  }
  const delimiter = options.delimiter ?? sniff(bytes, from);
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new CsvError(`delimiter must be a single character other than a quote or newline (got ${JSON.stringify(delimiter)})`);
  }
  const delim = delimiter.charCodeAt(0);
  const scan = delimiter === " "
    ? (onRecord: (rec: RecordBuffer) => boolean) => scanWhitespaceRecords(bytes, from, onRecord)
    : (onRecord: (rec: RecordBuffer) => boolean) => scanRecords(bytes, from, delim, onRecord);
  let hasHeader = options.header ?? true;
  const maxRows = options.maxRows ?? Infinity;
  const report = (fraction: number, rows: number) => {
    if (options.signal) throwIfCancelled(options.signal);
    options.onProgress?.(fraction, rows);
  };
  const previousMark = setDecimalMark(options.decimal ?? ".");
  try {
    return parseRecords();
  } finally {
    setDecimalMark(previousMark);
  }

  function parseRecords(): { table: Table; report: CsvReport } {
    // Pass 1: names, shape, type evidence.
    let names: string[] = [];
    let evidence: TypeEvidence[] = [];
    let nRows = 0;
    let truncated = false;
    let headerLine = 1;
    let hasUnnamedIndex = false;
    // Values read while gathering evidence, per column, while its number (spec) or ISO date
    // (specIso) candidate fits every value: a column decided that way is not scanned again in pass 2.
    let spec: (NumberBuilder | null)[] = [];
    let specIso: (NumberBuilder | null)[] = [];
    // Text values, per column, while the column may turn out to be text: kept when it does, so a
    // file whose columns are all numbers, ISO dates or text needs no second pass at all. Dropped
    // at a checkpoint once some type fits every value so far, or when a column that is not
    // certainly text has too many distinct values to pool (its strings would likely be wasted).
    let texts: (TextBuilder | null)[] = [];
    let certainText: boolean[] = [];
    let estimate = 0;
    scan((rec: RecordBuffer) => {
      if (names.length === 0) {
        if (options.header === undefined) hasHeader = !looksLikeData(bytes, rec);
        names = hasHeader ? headerNames(bytes, rec) : Array.from({ length: rec.count }, (_, i) => `column_${i + 1}`);
        hasUnnamedIndex = hasHeader && names[0] === ROW_INDEX_NAME && isEmptyField(bytes, rec, 0);
        evidence = names.map(newEvidence);
        estimate = estimateRows(bytes, rec.end, names.length);
        spec = names.map(() => new NumberBuilder(estimate));
        specIso = names.map(() => new NumberBuilder(estimate));
        const forced = names.map((n) => options.types?.[n]);
        texts = forced.map((t) => (t === undefined || t === "string" ? new TextBuilder(estimate) : null));
        certainText = forced.map((t) => t === "string");
        headerLine = rec.line;
        if (hasHeader) return true;
      }
      if (nRows >= maxRows) return ((truncated = true), false);
      if (rec.count !== names.length) {
        throw new CsvError(
          `expected ${names.length} fields (as in the ${hasHeader ? "header" : "first row"} on line ${headerLine}) but found ${rec.count}` +
            (rec.count > names.length ? "; is a field with the delimiter missing its quotes?" : ""),
          rec.line,
        );
      }
      const starts = rec.starts, ends = rec.ends, escapes = rec.escaped;
      for (let c = 0; c < rec.count; c++) {
        const s = starts[c], e = ends[c];
        const spb = spec[c], sib = specIso[c], tb = texts[c];
        const sp = spb === null ? null : nRows < spb.values.length ? spb.values : spb.grow();
        const si = sib === null ? null : nRows < sib.values.length ? sib.values : sib.grow();
        if (isMissingBytes(bytes, s, e)) {
          if (sp !== null) sp[nRows] = NaN;
          if (si !== null) si[nRows] = NaN;
          if (tb !== null) tb.pushMissing();
          continue;
        }
        const ev = evidence[c];
        const code = tb === null ? -1 : tb.push(bytes, s, e, escapes[c] === 1);
        if (code >= 0) {
          // A pooled value: bytes already seen that fitted no type count as one more failure.
          const flags = tb!.dict!.flags;
          if (!tb!.dict!.added && flags[code] === 1) observeRepeatedFailure(ev);
          else if (observe(ev, bytes, s, e)) flags[code] = 1;
        } else {
          observe(ev, bytes, s, e);
          if (tb !== null && !certainText[c] && tb.overflowing) {
            if (isCertainlyText(ev)) certainText[c] = true;
            else texts[c] = null;
          }
        }
        // A candidate that failed once can no longer be read without a rescan: its values are dropped.
        if (sp !== null) {
          if (ev.number.fails > 0) spec[c] = null;
          else sp[nRows] = observed[0];
        }
        if (si !== null) {
          if (ev.iso.fails > 0) specIso[c] = null;
          else si[nRows] = observed[1];
        }
      }
      if (++nRows % 4096 === 0) {
        for (let c = 0; c < texts.length; c++) {
          if (texts[c] === null || certainText[c]) continue;
          if (isCertainlyText(evidence[c])) certainText[c] = true;
          else if (fitsATypeSoFar(evidence[c])) texts[c] = null;
        }
        if (nRows % 65536 === 0) report((0.5 * rec.end) / bytes.length, nRows);
      }
      return true;
    });

    const decisions: ColumnDecision[] = names.map((n, c) => {
      const forced = options.types?.[n];
      return forced ? forcedDecision(forced, evidence[c], options.dateOrder) : decideColumn(evidence[c], options.dateOrder, n);
    });
    const types = decisions.map((d) => d.type);
    for (const name of Object.keys(options.types ?? {})) {
      if (!names.includes(name)) throw new CsvError(`types: column "${name}" is not in the file (columns: ${names.join(", ")})`);
    }

    // Pass 2: values. Each column gets a small integer kind so the hot loop switches instead of
    // calling a scanner through a closure (a megamorphic call per field).
    const nCols = names.length;
    const kinds = new Int32Array(nCols);
    const scanners = decisions.map((d) => (d.type === "string" ? null : scannerFor(d)));
    const numeric: (Float64Array | null)[] = decisions.map(() => null);
    let scanned = 0;
    for (let c = 0; c < nCols; c++) {
      const scanner = scanners[c];
      kinds[c] = scanner === null ? KIND_TEXT : scanner === scanNumber ? KIND_NUMBER : scanner === scanDate ? KIND_ISO : KIND_OTHER;
      // Values kept from pass 1 with no value that failed: nothing is invalid, nothing to rescan.
      const ev = evidence[c];
      const kept =
        kinds[c] === KIND_NUMBER && ev.number.fails === 0 ? spec[c] : kinds[c] === KIND_ISO && ev.iso.fails === 0 ? specIso[c] : null;
      if (kept) {
        kinds[c] = KIND_DONE;
        numeric[c] = kept.finish(nRows);
      } else if (kinds[c] === KIND_TEXT && texts[c] !== null) {
        kinds[c] = KIND_DONE;
      } else {
        if (scanner !== null) numeric[c] = new Float64Array(nRows);
        scanned++;
      }
    }
    spec = specIso = [];
    const text = types.map((t, c) => (t !== "string" ? null : kinds[c] === KIND_DONE ? texts[c]! : new TextBuilder(nRows)));
    texts = [];
    const invalid = new Array<number>(names.length).fill(0);
    const examples: string[][] = names.map(() => []);
    let row = hasHeader ? -2 : -1;
    if (scanned > 0) scan((rec) => {
      if (++row === -1) return true;
      if (row >= nRows) return false;
      const starts = rec.starts, ends = rec.ends;
      for (let c = 0; c < nCols; c++) {
        const s = starts[c], e = ends[c];
        const kind = kinds[c];
        if (kind === KIND_DONE) continue;
        if (kind === KIND_TEXT) {
          if (isMissingBytes(bytes, s, e)) text[c]!.pushMissing();
          else text[c]!.push(bytes, s, e, rec.escaped[c] === 1);
          continue;
        }
        const v = kind === KIND_NUMBER ? scanNumber(bytes, s, e) : kind === KIND_ISO ? scanDate(bytes, s, e) : scanners[c]!(bytes, s, e);
        numeric[c]![row] = v;
        // Only a NaN needs the missing-marker check: it is either missing or invalid.
        if (v !== v && !isMissingBytes(bytes, s, e)) {
          invalid[c]++;
          const example = examples[c].length < 3 ? decodeUtf8(bytes, s, e, rec.escaped[c] === 1) : "";
          if (example && !examples[c].includes(example)) examples[c].push(example);
        }
      }
      if (row % 65536 === 0 && row > 0) report(0.5 + (0.5 * rec.end) / bytes.length, row);
      return true;
    });

    const columns = names.map((name, c): Column =>
      types[c] === "string" ? { name, type: "string", values: text[c]!.finish() } : { name, type: types[c] as "number", values: numeric[c]! },
    );
    const warnings: string[] = [];
    if (hasUnnamedIndex) {
      warnings.push(`column 1 has no name (a saved row index): named it "${ROW_INDEX_NAME}"`);
    }
    if (nRows === 0) warnings.push("the file has a header but no data rows");
    if (truncated) warnings.push(`read only the first ${nRows} rows (maxRows)`);
    names.forEach((name, c) => {
      if (invalid[c] > 0) {
        const shown = examples[c].map((x) => JSON.stringify(x)).join(", ");
        warnings.push(`column "${name}": ${invalid[c]} value(s) are not ${expectedWords(decisions[c])} (e.g. ${shown}); read as missing`);
      }
    });
    report(1, nRows);
    const dateFormats: Record<string, DateFormat> = {};
    const notes: Record<string, string> = {};
    names.forEach((n, c) => {
      const d = decisions[c];
      if (d.type === "date" && d.dateFormat) dateFormats[n] = d.dateFormat;
      if (d.note) notes[n] = d.note;
    });
    const invalidByName = Object.fromEntries(names.map((n, c) => [n, invalid[c]]));
    const examplesByName = Object.fromEntries(names.map((n, c) => [n, examples[c]]));
    return {
      table: makeTable(columns),
      report: { delimiter, header: hasHeader, invalid: invalidByName, invalidExamples: examplesByName, truncated, warnings, dateFormats, notes },
    };
  }
}

/** The sniffed delimiter, or " " (whitespace runs) when no usual delimiter appears but blanks split lines evenly. */
function sniff(bytes: Uint8Array, from: number): string {
  const found = sniffDelimiter(bytes, from);
  if (found !== ",") return found;
  const firstLineEnd = bytes.indexOf(0x0a, from);
  const firstLine = bytes.subarray(from, firstLineEnd < 0 ? bytes.length : firstLineEnd);
  return !firstLine.includes(0x2c) && looksWhitespaceSeparated(bytes, from) ? " " : ",";
}

/**
 * About how many records follow `from`, from the line lengths of the next 64 KiB (a little over,
 * so that columns rarely grow), and never more than the bytes could hold.
 */
function estimateRows(bytes: Uint8Array, from: number, nCols: number): number {
  const rest = bytes.length - from;
  const sample = Math.min(rest, 65536);
  let lines = 0;
  for (let i = from; i < from + sample; i++) if (bytes[i] === 0x0a) lines++;
  const perLine = lines > 0 ? sample / lines : sample + 1;
  const upper = Math.floor(rest / Math.max(2, nCols)) + 2;
  return Math.max(1024, Math.min(upper, Math.ceil((rest / perLine) * 1.02) + 16));
}

/** The offset after `count` lines from `from` (a plain line count: quotes are not considered). */
function skipLines(bytes: Uint8Array, from: number, count: number): number {
  for (let k = 0; k < count && from < bytes.length; k++) {
    const lf = bytes.indexOf(0x0a, from);
    from = lf < 0 ? bytes.length : lf + 1;
  }
  return from;
}

/** True when every field of the record is a number, an ISO date or missing: data, not a header. */
function looksLikeData(bytes: Uint8Array, rec: RecordBuffer): boolean {
  let present = 0;
  for (let c = 0; c < rec.count; c++) {
    const s = rec.starts[c], e = rec.ends[c];
    if (isMissingBytes(bytes, s, e)) continue;
    present++;
    if (Number.isNaN(scanNumber(bytes, s, e)) && Number.isNaN(scanDate(bytes, s, e))) return false;
  }
  return present > 0;
}

/** Name given to an unnamed first column, the row index R and pandas write (e.g. ISLR's Advertising.csv). */
export const ROW_INDEX_NAME = "row_index";

function isEmptyField(bytes: Uint8Array, rec: RecordBuffer, c: number): boolean {
  return decodeUtf8(bytes, rec.starts[c], rec.ends[c], rec.escaped[c] === 1).trim() === "";
}

function headerNames(bytes: Uint8Array, rec: RecordBuffer): string[] {
  const names: string[] = [];
  const where = new Map<string, number>();
  for (let c = 0; c < rec.count; c++) {
    let name = decodeUtf8(bytes, rec.starts[c], rec.ends[c], rec.escaped[c] === 1).trim();
    if (name === "" && c === 0 && rec.count > 1) name = ROW_INDEX_NAME;
    if (name === "") {
      throw new CsvError(
        `column ${c + 1} of the header has an empty name (a file saved with a row index often has one; name it or remove the column)`,
        rec.line,
      );
    }
    const before = where.get(name);
    if (before !== undefined) throw new CsvError(`columns ${before + 1} and ${c + 1} are both named "${name}"`, rec.line);
    where.set(name, c);
    names.push(name);
  }
  return names;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** A human name for a delimiter ("semicolon"), for summaries. */
export function delimiterName(delimiter: string): string {
  return DELIMITER_NAMES[delimiter] ?? JSON.stringify(delimiter);
}
