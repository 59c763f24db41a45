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
import { throwIfCancelled } from "../cells/types";
import { makeTable, type Column, type ColumnType, type Table } from "./table";
import { isMissingBytes, scanDate, scanNumber, setDecimalMark } from "./infer";
import {
  decideColumn, expectedWords, fitsATypeSoFar, forcedDecision, isCertainlyText, newEvidence, observe, observed, observeRepeatedFailure,
  scannerFor, type ColumnDecision, type TypeEvidence,
} from "./evidence";
import { CsvError, decodeUtf8, scanRecords, type RecordBuffer, type ScanState } from "./csv-records";
import { countLf, estimateRows, headerNames, isEmptyField, lineAt, looksLikeData, ROW_INDEX_NAME, sniff } from "./csv-start";
import { NumberBuilder, TextBuilder } from "./text-column";
import { scanWhitespaceRecords } from "./whitespace-records";
import type { DateFormat } from "./dates";
import type { CsvColumnPart, CsvInput, CsvOptions, CsvReader, CsvReport } from "./csv-types";

export { CsvError, ROW_INDEX_NAME };
export type { CsvColumnPart, CsvInput, CsvOptions, CsvReader, CsvReport } from "./csv-types";

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
  // The whole file is one chunk: nothing is copied but the last record when no newline ends it.
  const reader = createCsvReader(options, { size: bytes.length });
  reader.push(bytes);
  if (reader.finish()) {
    reader.push(bytes);
    reader.finish();
  }
  return reader.result();
}

/** Bytes gathered before the delimiter, header and row count are sniffed (more when a line is longer). */
const START_BYTES = 1 << 20;
const SNIFF_BYTES = 65536;
const PASS_START = 0, PASS_ONE = 1, PASS_TWO = 2, PASS_DONE = 3;

type Scan = (bytes: Uint8Array, from: number, onRecord: (rec: RecordBuffer) => boolean, final: boolean, state: ScanState) => number;

/**
 * Starts a chunked CSV parse; see `CsvReader`. `input` tells the size when known (for column sizes
 * and progress). `owned`, for a read split by columns between threads (csv-split.ts), says which
 * columns this reader converts: it still tokenises every record (for the shape, errors and line
 * numbers), but leaves the other columns to the reader that owns them, whose `columns()` are
 * handed to this one's `result`.
 */
export function createCsvReader(options: CsvOptions = {}, input: CsvInput = {}, owned?: readonly boolean[]): CsvReader {
  let delimiter = ",";
  let scan: Scan = (b, from, onRecord, final, state) => scanRecords(b, from, 0x2c, onRecord, final, state);
  let hasHeader = options.header ?? true;
  const maxRows = options.maxRows ?? Infinity;
  const report = (fraction: number, rows: number) => {
    if (options.signal) throwIfCancelled(options.signal);
    options.onProgress?.(fraction, rows);
  };
  const fractionAt = (offset: number) => (input.size ? Math.min(1, offset / input.size) : (input.fraction?.() ?? 0));

  // The bytes being scanned (field offsets point into them) and the file offset of their first byte.
  let bytes: Uint8Array = new Uint8Array(0);
  let base = 0;
  // The start of a record the last chunk cut, carried into the next one: carry[carryStart, carried),
  // at file offset carriedFrom. Not scanned again before there are rescanAt bytes (a record longer
  // than a chunk is rescanned after its bytes double, not once per chunk).
  let carry = new Uint8Array(0);
  let carryStart = 0;
  let carried = 0;
  let carriedFrom = 0;
  let rescanAt = 0;
  // A chunk scanned in place: its newlines count in nextLine() if its scan throws.
  let scanning: Uint8Array | null = null;
  // File bytes pushed in this pass, where records start (after a BOM and skipRows), newlines before that.
  let pushed = 0;
  let from = 0;
  let linesBeforeFrom = 0;
  let headLines = 0;
  let state: ScanState = { line: 1, stopped: false };
  let pass = PASS_START;

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
  // Pass 2: what each column still needs.
  let decisions: ColumnDecision[] = [];
  let types: ColumnType[] = [];
  let kinds = new Int32Array(0);
  let scanners: (((b: Uint8Array, s: number, e: number) => number) | null)[] = [];
  let numeric: (Float64Array | null)[] = [];
  let text: (TextBuilder | null)[] = [];
  let invalid: number[] = [];
  let examples: string[][] = [];
  let row = 0;
  let finished = false;
  let output: { table: Table; report: CsvReport } | null = null;
  // 1 for a column another reader converts (see `owned`); its text values once adopted.
  let skip = new Uint8Array(0);
  const adoptedText: (string | null)[][] = [];
  // The pass-1 values each kept column came from (see `keptNumbers`).
  let keptFrom: (NumberBuilder | null)[] = [];

  function pass1Record(rec: RecordBuffer): boolean {
    if (names.length === 0) {
      if (options.header === undefined) hasHeader = !looksLikeData(bytes, rec);
      names = hasHeader ? headerNames(bytes, rec) : Array.from({ length: rec.count }, (_, i) => `column_${i + 1}`);
      hasUnnamedIndex = hasHeader && names[0] === ROW_INDEX_NAME && isEmptyField(bytes, rec, 0);
      evidence = names.map(newEvidence);
      estimate = estimateRows(bytes, rec.end, (input.size ?? base + bytes.length) - (base + rec.end), names.length);
      if (owned !== undefined && owned.length !== names.length) {
        throw new Error(`a split read owns ${owned.length} columns but the file has ${names.length}`);
      }
      skip = Uint8Array.from(names, (_, c) => (owned === undefined || owned[c] ? 0 : 1));
      spec = names.map((_, c) => (skip[c] ? null : new NumberBuilder(estimate)));
      specIso = names.map((_, c) => (skip[c] ? null : new NumberBuilder(estimate)));
      const forced = names.map((n) => options.types?.[n]);
      texts = forced.map((t, c) => (!skip[c] && (t === undefined || t === "string") ? new TextBuilder(estimate) : null));
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
      if (skip[c] === 1) continue;
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
      if (nRows % 65536 === 0) report(0.5 * fractionAt(base + rec.end), nRows);
    }
    return true;
  }

  /** Decides every column's type; true when some column must be read again (pass 2). */
  function endPassOne(): boolean {
    decisions = names.map((n, c) => {
      const forced = options.types?.[n];
      return forced ? forcedDecision(forced, evidence[c], options.dateOrder) : decideColumn(evidence[c], options.dateOrder, n);
    });
    types = decisions.map((d) => d.type);
    for (const name of Object.keys(options.types ?? {})) {
      if (!names.includes(name)) throw new CsvError(`types: column "${name}" is not in the file (columns: ${names.join(", ")})`);
    }
    // Each column gets a small integer kind so pass 2's hot loop switches instead of calling a
    // scanner through a closure (a megamorphic call per field).
    const nCols = names.length;
    kinds = new Int32Array(nCols);
    scanners = decisions.map((d) => (d.type === "string" ? null : scannerFor(d)));
    numeric = decisions.map(() => null);
    let scanned = 0;
    for (let c = 0; c < nCols; c++) {
      if (skip[c] === 1) {
        kinds[c] = KIND_DONE;
        continue;
      }
      const scanner = scanners[c];
      kinds[c] = scanner === null ? KIND_TEXT : scanner === scanNumber ? KIND_NUMBER : scanner === scanDate ? KIND_ISO : KIND_OTHER;
      // Values kept from pass 1 with no value that failed: nothing is invalid, nothing to rescan.
      const ev = evidence[c];
      const kept =
        kinds[c] === KIND_NUMBER && ev.number.fails === 0 ? spec[c] : kinds[c] === KIND_ISO && ev.iso.fails === 0 ? specIso[c] : null;
      keptFrom[c] = kept;
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
    text = types.map((t, c) => (t !== "string" || skip[c] === 1 ? null : kinds[c] === KIND_DONE ? texts[c]! : new TextBuilder(nRows)));
    texts = [];
    invalid = new Array<number>(names.length).fill(0);
    examples = names.map(() => []);
    row = hasHeader ? -2 : -1;
    return scanned > 0;
  }

  function pass2Record(rec: RecordBuffer): boolean {
    if (++row === -1) return true;
    if (row >= nRows) return false;
    const starts = rec.starts, ends = rec.ends;
    for (let c = 0; c < kinds.length; c++) {
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
    if (row % 65536 === 0 && row > 0) report(0.5 + 0.5 * fractionAt(base + rec.end), row);
    return true;
  }

  /** What this reader converted, for the reader of the other columns. */
  function ownColumns(): CsvColumnPart[] {
    if (!finished) throw new Error("the CSV reader has not finished");
    const parts: CsvColumnPart[] = [];
    for (let c = 0; c < names.length; c++) {
      if (skip[c] === 1) continue;
      const isText = types[c] === "string";
      const values = isText ? text[c]!.finish() : numeric[c]!;
      const counts = isText ? text[c]!.valueCounts() : null;
      parts.push({ index: c, name: names[c], rows: nRows, decision: decisions[c], values, invalid: invalid[c], examples: examples[c], counts });
    }
    return parts;
  }

  /** Takes in the columns another reader converted (a split read). */
  function adopt(parts: readonly CsvColumnPart[]): void {
    for (const part of parts) {
      const c = part.index;
      if (skip[c] !== 1 || part.rows !== nRows) throw new Error(`a split read returned column ${c + 1} with ${part.rows} rows, expected ${nRows}`);
      skip[c] = 0;
      decisions[c] = part.decision;
      types[c] = part.decision.type;
      if (part.decision.type === "string") adoptedText[c] = part.values as (string | null)[];
      else numeric[c] = part.values as Float64Array;
      invalid[c] = part.invalid;
      examples[c] = [...part.examples];
    }
    const missing = names.findIndex((_, c) => skip[c] === 1);
    if (missing >= 0) throw new Error(`a split read did not return column ${missing + 1}`);
  }

  function build(): { table: Table; report: CsvReport } {
    const columns = names.map((name, c): Column =>
      types[c] === "string" ? { name, type: "string", values: adoptedText[c] ?? text[c]!.finish() } : { name, type: types[c] as "number", values: numeric[c]! },
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

  /**
   * Sniffs the start of the file (BOM, skipped lines, delimiter, header) once enough of it is in
   * the carry: false to wait for more. The sniffers see what they would see in the whole file.
   */
  function begin(final: boolean): boolean {
    const head = carry.subarray(0, carried);
    let at = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    let skipped = 0;
    for (const skip = options.skipRows ?? 0; skipped < skip && at < head.length; skipped++) {
      const lf = head.indexOf(0x0a, at);
      if (lf < 0 && !final) return false;
      at = lf < 0 ? head.length : lf + 1;
    }
    const blank = head.subarray(at).every((b) => b === 0x0a || b === 0x0d || b === 0x20 || b === 0x09);
    // A sniffed delimiter needs its sample (and the line after it) in hand; a given one only the first line.
    const sniffing = options.delimiter === undefined && (head.length < START_BYTES || head.length - at <= 2 * SNIFF_BYTES);
    if (!final && (skipped < (options.skipRows ?? 0) || blank || sniffing || head.indexOf(0x0a, at) < 0)) return false;
    if (blank) throw new CsvError(options.skipRows ? `nothing is left after skipping ${options.skipRows} line(s)` : "the file is empty");
    delimiter = options.delimiter ?? sniff(head, at);
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
      throw new CsvError(`delimiter must be a single character other than a quote or newline (got ${JSON.stringify(delimiter)})`);
    }
    const delim = delimiter.charCodeAt(0);
    scan = delimiter === " "
      ? (b, start, onRecord, fin, st) => scanWhitespaceRecords(b, start, onRecord, fin, st)
      : (b, start, onRecord, fin, st) => scanRecords(b, start, delim, onRecord, fin, st);
    from = at;
    linesBeforeFrom = countLf(head, 0, at);
    carryStart = at;
    pass = PASS_ONE;
    return true;
  }

  /** Scans `window` (file offset `at`) from `start`; keeps a cut record for the next chunk. */
  function scanWindow(window: Uint8Array, at: number, start: number, final: boolean): boolean {
    bytes = window;
    base = at;
    const next = scan(window, start, pass === PASS_TWO ? pass2Record : pass1Record, final, state);
    scanning = null;
    if (state.stopped) return false;
    if (final) {
      carried = carryStart = 0;
      return true;
    }
    const rest = window.length - next;
    if (window.buffer === carry.buffer) carry.copyWithin(0, next, window.length);
    else {
      if (carry.length < rest) carry = new Uint8Array(Math.max(rest, 2 * carry.length));
      carry.set(window.subarray(next));
    }
    carried = rest;
    carryStart = 0;
    carriedFrom = at + next;
    rescanAt = 2 * rest;
    return true;
  }

  function append(chunk: Uint8Array): void {
    if (carry.length < carried + chunk.length) {
      const bigger = new Uint8Array(Math.max(carried + chunk.length, 2 * carry.length, 65536));
      bigger.set(carry.subarray(0, carried));
      carry = bigger;
    }
    carry.set(chunk, carried);
    carried += chunk.length;
  }

  function withMark<T>(run: () => T): T {
    const previousMark = setDecimalMark(options.decimal ?? ".");
    try {
      return run();
    } finally {
      setDecimalMark(previousMark);
    }
  }

  return {
    push(chunk) {
      if (pass === PASS_DONE || state.stopped) return false;
      const chunkAt = pushed;
      pushed += chunk.length;
      return withMark(() => {
        if (pass === PASS_START) {
          append(chunk);
          headLines += countLf(chunk, 0, chunk.length);
          if (!begin(false)) return true;
          return scanWindow(carry.subarray(0, carried), 0, from, false);
        }
        if (pass === PASS_TWO && chunkAt + chunk.length <= from) return true;
        const part = pass === PASS_TWO && chunkAt < from ? chunk.subarray(from - chunkAt) : chunk;
        const partAt = chunkAt + chunk.length - part.length;
        if (carried === 0) {
          scanning = part;
          return scanWindow(part, partAt, 0, false);
        }
        append(part);
        if (carried < rescanAt) return true;
        return scanWindow(carry.subarray(0, carried), carriedFrom, 0, false);
      });
    },
    finish() {
      return withMark(() => {
        if (pass === PASS_START) {
          begin(true);
          scanWindow(carry.subarray(0, carried), 0, from, true);
        } else if (pass !== PASS_DONE && !state.stopped && carried > 0) {
          scanWindow(carry.subarray(0, carried), carriedFrom, 0, true);
        }
        if (pass === PASS_ONE && endPassOne()) {
          pass = PASS_TWO;
          pushed = carried = carryStart = carriedFrom = rescanAt = 0;
          state = { line: 1, stopped: false };
          return true;
        }
        pass = PASS_DONE;
        finished = true;
        carry = new Uint8Array(0);
        return false;
      });
    },
    result(parts) {
      if (!finished) throw new Error("the CSV reader has not finished");
      if (output === null) {
        if (parts !== undefined) adopt(parts);
        output = build();
      }
      return output;
    },
    columns: ownColumns,
    liveNumbers() {
      const builders = spec.map((number, c) => (number === null ? specIso[c] : specIso[c] === null ? number : null));
      return { rows: nRows, builders };
    },
    keptNumbers: () => keptFrom,
    nextLine() {
      if (pass === PASS_START) return 1 + headLines;
      let line = linesBeforeFrom + state.line + countLf(carry, carryStart, carried);
      if (scanning !== null) line += countLf(scanning, 0, scanning.length);
      return line;
    },
  };
}

/** A human name for a delimiter ("semicolon"), for summaries. */
export function delimiterName(delimiter: string): string {
  return DELIMITER_NAMES[delimiter] ?? JSON.stringify(delimiter);
}
