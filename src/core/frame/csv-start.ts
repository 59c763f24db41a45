/**
 * What the CSV reader works out from the start of a file, before and at its first record: the
 * delimiter, whether the first record is a header and its names, and about how many rows follow.
 */
import { CsvError, decodeUtf8, sniffDelimiter, type RecordBuffer } from "./csv-records";
import { isMissingBytes, scanDate, scanNumber } from "./infer";
import { looksWhitespaceSeparated } from "./whitespace-records";

/** Newlines (LF) in bytes[start, end). */
export function countLf(bytes: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a, start); i >= 0 && i < end; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** The sniffed delimiter, or " " (whitespace runs) when no usual delimiter appears but blanks split lines evenly. */
export function sniff(bytes: Uint8Array, from: number): string {
  const found = sniffDelimiter(bytes, from);
  if (found !== ",") return found;
  const firstLineEnd = bytes.indexOf(0x0a, from);
  const firstLine = bytes.subarray(from, firstLineEnd < 0 ? bytes.length : firstLineEnd);
  return !firstLine.includes(0x2c) && looksWhitespaceSeparated(bytes, from) ? " " : ",";
}

/**
 * About how many records follow `from`, from the line lengths of the next 64 KiB (a little over,
 * so that columns rarely grow), and never more than the `rest` bytes of the file could hold.
 */
export function estimateRows(bytes: Uint8Array, from: number, rest: number, nCols: number): number {
  const sample = Math.min(rest, 65536, bytes.length - from);
  let lines = 0;
  for (let i = from; i < from + sample; i++) if (bytes[i] === 0x0a) lines++;
  const perLine = lines > 0 ? sample / lines : sample + 1;
  const upper = Math.floor(rest / Math.max(2, nCols)) + 2;
  return Math.max(1024, Math.min(upper, Math.ceil((rest / perLine) * 1.02) + 16));
}

/** True when every field of the record is a number, an ISO date or missing: data, not a header. */
export function looksLikeData(bytes: Uint8Array, rec: RecordBuffer): boolean {
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

/** True when field `c` of the record is blank (an unnamed column). */
export function isEmptyField(bytes: Uint8Array, rec: RecordBuffer, c: number): boolean {
  return decodeUtf8(bytes, rec.starts[c], rec.ends[c], rec.escaped[c] === 1).trim() === "";
}

/** The header record's names, trimmed; throws CsvError for an empty or repeated name (an unnamed first column is row_index). */
export function headerNames(bytes: Uint8Array, rec: RecordBuffer): string[] {
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

/** The 1-based line of byte `offset`. */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
