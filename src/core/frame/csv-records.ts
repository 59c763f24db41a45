/**
 * The CSV tokeniser: splits bytes into records of field offsets (RFC 4180 quoting, CRLF or LF,
 * blank lines skipped) and sniffs the delimiter. It hands out offsets, never strings, so the
 * caller decides what each field becomes.
 */
import { NO_STOP, stopFinder } from "./byte-scan-wasm";

const QUOTE = 0x22, LF = 0x0a, CR = 0x0d, SPACE = 0x20, TAB = 0x09;
/** Inputs shorter than this are tokenised byte by byte (and the first window is this long). */
const INDEX_MIN = 16 << 10;
const NO_POSITIONS: Int32Array<ArrayBufferLike> = new Int32Array([NO_STOP]);

/** A problem with the file itself; `line` is the 1-based physical line where it was found. */
export class CsvError extends Error {
  override readonly name = "CsvError";
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
  }
}

/** One record's fields as byte ranges; reused between records, so copy what you keep. */
export interface RecordBuffer {
  /** Field f is bytes[starts[f], ends[f]) (inside the quotes for a quoted field). */
  starts: Int32Array;
  ends: Int32Array;
  /** 1 when the quoted field holds doubled quotes `""` that must be collapsed. */
  escaped: Uint8Array;
  count: number;
  /** 1-based physical line where the record starts. */
  line: number;
  /** Byte offset just past the record. */
  end: number;
}

function grow(rec: RecordBuffer): void {
  const n = rec.starts.length * 2;
  const starts = new Int32Array(n), ends = new Int32Array(n), escaped = new Uint8Array(n);
  starts.set(rec.starts), ends.set(rec.ends), escaped.set(rec.escaped);
  Object.assign(rec, { starts, ends, escaped });
}

/**
 * Where a scan of part of a file stands: the 1-based line at the next byte (read at the start,
 * written at the end) and whether `onRecord` asked to stop.
 */
export interface ScanState {
  line: number;
  stopped: boolean;
}

/**
 * Calls `onRecord` for every non-blank record from byte `from`; stops when it returns false.
 * Throws CsvError for an unterminated quote (naming the line where it opened) or text after a
 * closing quote.
 *
 * With `final` false the bytes are a chunk of a longer input: the scan stops before a record that
 * the chunk may cut (one running into the end, an open quote, a CR whose LF may follow) and returns
 * its offset, so the caller can carry those bytes into the next chunk; `state.line` is then that
 * record's line. Returns the offset where scanning stopped (bytes.length when all was read).
 */
export function scanRecords(
  bytes: Uint8Array, from: number, delim: number, onRecord: (rec: RecordBuffer) => boolean,
  final = true, state: ScanState = { line: 1, stopped: false },
): number {
  const n = bytes.length;
  const rec: RecordBuffer = { starts: new Int32Array(64), ends: new Int32Array(64), escaped: new Uint8Array(64), count: 0, line: 1, end: 0 };
  // Bytes that end an unquoted field: one table load per byte instead of three comparisons.
  const stops = new Uint8Array(256);
  stops[LF] = stops[CR] = 1;
  if (delim < 256) stops[delim] = 1;
  let starts = rec.starts, ends = rec.ends, escapes = rec.escaped;
  let line = state.line;
  let i = from;
  // Where unquoted fields end, a window at a time (WebAssembly SIMD), when there is enough to read.
  const finder = n - from >= INDEX_MIN && delim < 256 ? stopFinder() : null;
  let positions = NO_POSITIONS, k = 0, indexed = from, window = INDEX_MIN;
  while (i < n) {
    const b0 = bytes[i];
    if (b0 === LF || b0 === CR) {
      // A blank line: skipped, as pandas does.
      if (b0 === CR && i + 1 === n && !final) break;
      i += b0 === CR && bytes[i + 1] === LF ? 2 : 1;
      line++;
      continue;
    }
    rec.line = line;
    const recordStart = i;
    let count = 0;
    for (;;) {
      if (count === starts.length) {
        rec.count = count;
        grow(rec);
        (starts = rec.starts), (ends = rec.ends), (escapes = rec.escaped);
      }
      let start: number, end: number, escaped = 0;
      if (bytes[i] === QUOTE) {
        const openLine = line;
        start = ++i;
        for (;;) {
          const q = bytes.indexOf(QUOTE, i);
          if (q < 0) {
            if (!final) return cut(state, rec.line, recordStart);
            throw new CsvError(`a quoted field (field ${count + 1}) opens here and is never closed`, openLine);
          }
          for (let k = i; k < q; k++) if (bytes[k] === LF) line++;
          if (q + 1 === n && !final) return cut(state, rec.line, recordStart);
          if (bytes[q + 1] === QUOTE) {
            escaped = 1;
            i = q + 2;
            continue;
          }
          end = q;
          i = q + 1;
          break;
        }
        // Spaces after the closing quote are tolerated; anything else is a broken field.
        while (i < n && (bytes[i] === SPACE || (bytes[i] === TAB && delim !== TAB))) i++;
        if (i === n && !final) return cut(state, rec.line, recordStart);
        if (i < n && bytes[i] !== delim && bytes[i] !== LF && bytes[i] !== CR) {
          throw new CsvError(`field ${count + 1} has text after its closing quote (a stray " inside a quoted field must be doubled: "")`, line);
        }
      } else {
        start = i;
        if (finder !== null) {
          let p: number;
          for (;;) {
            while ((p = positions[k]) < i) k++;
            if (p !== NO_STOP) break;
            if (indexed >= n) {
              p = n;
              break;
            }
            // Windows grow from INDEX_MIN, so a scan that stops early indexed little past it.
            indexed = finder.index(bytes, Math.max(i, indexed), n, delim, window);
            (positions = finder.positions), (k = 0), (window *= 2);
          }
          i = p;
        } else while (i < n && stops[bytes[i]] === 0) i++;
        end = i;
        if (i === n && !final) return cut(state, rec.line, recordStart);
      }
      starts[count] = start;
      ends[count] = end;
      escapes[count] = escaped;
      count++;
      if (i < n && bytes[i] === delim) {
        i++;
        if (i < n) continue;
        if (!final) return cut(state, rec.line, recordStart);
        // A delimiter at the very end of the file: one more empty field.
        if (count === starts.length) {
          rec.count = count;
          grow(rec);
          (starts = rec.starts), (ends = rec.ends), (escapes = rec.escaped);
        }
        starts[count] = ends[count] = i;
        escapes[count++] = 0;
        break;
      }
      if (i < n) {
        if (i + 1 === n && bytes[i] === CR && !final) return cut(state, rec.line, recordStart);
        i += bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1;
        line++;
      }
      break;
    }
    rec.count = count;
    rec.end = i;
    if (!onRecord(rec)) {
      state.line = line;
      state.stopped = true;
      return i;
    }
  }
  state.line = line;
  return i;
}

/** Stops a chunk's scan before a record the chunk may cut. */
function cut(state: ScanState, line: number, recordStart: number): number {
  state.line = line;
  return recordStart;
}

const CANDIDATES = [",", ";", "\t", "|"];

/**
 * The delimiter of the first lines: the candidate that appears the same, non-zero number of times
 * on every line (outside quotes), the most often; else the one most frequent on the first line;
 * else a comma (a one-column file).
 */
export function sniffDelimiter(bytes: Uint8Array, from: number): string {
  const counts: number[][] = [];
  let current = [0, 0, 0, 0];
  let inQuotes = false;
  const limit = Math.min(bytes.length, from + 65536);
  for (let i = from; i < limit && counts.length < 20; i++) {
    const b = bytes[i];
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && (b === LF || b === CR)) {
      if (b === CR && bytes[i + 1] === LF) i++;
      if (current.some((c) => c > 0) || counts.length === 0) counts.push(current);
      current = [0, 0, 0, 0];
    } else if (!inQuotes) {
      const k = CANDIDATES.indexOf(String.fromCharCode(b));
      if (k >= 0) current[k]++;
    }
  }
  // The last line counts only when the file ended inside the sample (otherwise it may be cut).
  if (limit === bytes.length && current.some((c) => c > 0)) counts.push(current);
  if (counts.length === 0) return ",";
  let best = -1;
  for (let k = 0; k < CANDIDATES.length; k++) {
    const first = counts[0][k];
    if (first > 0 && counts.every((line) => line[k] === first) && (best < 0 || first > counts[0][best])) best = k;
  }
  if (best < 0) {
    for (let k = 0; k < CANDIDATES.length; k++) if (counts[0][k] > (best < 0 ? 0 : counts[0][best])) best = k;
  }
  return best < 0 ? "," : CANDIDATES[best];
}

const shortBuffer: number[] = [];

/**
 * UTF-8 bytes as a string, with `""` collapsed to `"` when `unescape` is set (quoted CSV fields).
 * Hand-written because core targets ES2022 without TextDecoder; bad sequences become U+FFFD.
 */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number, unescape = false): string {
  const n = end - start;
  if (!unescape && n <= 16) {
    let high = 0;
    for (let i = start; i < end; i++) high |= bytes[i];
    if (high < 0x80) return shortAscii(bytes, start, n);
  }
  if (!unescape && n <= 64) {
    // Short ASCII (the usual field): a reused plain array is cheaper than a subarray view per call.
    let k = 0;
    for (; k < n; k++) {
      const b = bytes[start + k];
      if (b >= 0x80) break;
      shortBuffer[k] = b;
    }
    if (k === n) {
      shortBuffer.length = n;
      return String.fromCharCode.apply(null, shortBuffer);
    }
  }
  let ascii = !unescape && n <= 4096;
  for (let i = start; ascii && i < end; i++) if (bytes[i] >= 0x80) ascii = false;
  if (ascii) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  const units: number[] = [];
  for (let i = start; i < end; ) {
    const b = bytes[i];
    let cp = 0xfffd, len = 1;
    if (b < 0x80) cp = b;
    else if (b >= 0xc2 && b < 0xe0) [cp, len] = [b & 0x1f, 2];
    else if (b >= 0xe0 && b < 0xf0) [cp, len] = [b & 0x0f, 3];
    else if (b >= 0xf0 && b < 0xf5) [cp, len] = [b & 0x07, 4];
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k];
      if (i + k >= end || (c & 0xc0) !== 0x80) [cp, len] = [0xfffd, k];
      else cp = (cp << 6) | (c & 0x3f);
    }
    i += len;
    if (unescape && cp === 0x22 && bytes[i] === 0x22) i++;
    if (cp > 0xffff) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    else units.push(cp);
  }
  let s = "";
  for (let i = 0; i < units.length; i += 4096) s += String.fromCharCode.apply(null, units.slice(i, i + 4096));
  return s;
}

/**
 * Up to 16 ASCII bytes as a string, with fromCharCode's arguments written out: faster than
 * `apply` on an array for the short values of id columns (1M ids of 11 bytes: 83 against 118 ms).
 */
function shortAscii(b: Uint8Array, s: number, n: number): string {
  const f = String.fromCharCode;
  switch (n) {
    case 0:
      return "";
    case 1:
      return f(b[s]);
    case 2:
      return f(b[s], b[s + 1]);
    case 3:
      return f(b[s], b[s + 1], b[s + 2]);
    case 4:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3]);
    case 5:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4]);
    case 6:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5]);
    case 7:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6]);
    case 8:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7]);
    case 9:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8]);
    case 10:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9]);
    case 11:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10]);
    case 12:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11]);
    case 13:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12]);
    case 14:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13]);
    case 15:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14]);
    case 16:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15]);
    default:
      throw new Error("shortAscii: more than 16 bytes");
  }
}
