/**
 * The tokeniser for whitespace-separated text (fixed-width-looking files such as CDNOW's .txt):
 * fields are runs of non-blank bytes, any run of spaces or tabs separates them, and leading or
 * trailing blanks are ignored. There is no quoting in this mode (documented in docs/data-ingest.md).
 */
import type { RecordBuffer, ScanState } from "./csv-records";

const LF = 0x0a, CR = 0x0d, SPACE = 0x20, TAB = 0x09;

/**
 * Calls `onRecord` for every non-blank line from byte `from`; stops when it returns false. With
 * `final` false (a chunk of a longer input) it stops before a line the chunk may cut and returns
 * that line's offset, as `scanRecords` does; otherwise it returns where it stopped.
 */
export function scanWhitespaceRecords(
  bytes: Uint8Array, from: number, onRecord: (rec: RecordBuffer) => boolean, final = true, state: ScanState = { line: 1, stopped: false },
): number {
  const n = bytes.length;
  let rec: RecordBuffer = { starts: new Int32Array(64), ends: new Int32Array(64), escaped: new Uint8Array(64), count: 0, line: 1, end: 0 };
  let line = state.line;
  let i = from;
  while (i < n) {
    const lineStart = i;
    rec.count = 0;
    rec.line = line;
    for (;;) {
      while (i < n && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
      if (i >= n || bytes[i] === LF || bytes[i] === CR) break;
      const start = i;
      while (i < n && bytes[i] !== SPACE && bytes[i] !== TAB && bytes[i] !== LF && bytes[i] !== CR) i++;
      if (rec.count === rec.starts.length) rec = grown(rec);
      rec.starts[rec.count] = start;
      rec.ends[rec.count++] = i;
    }
    if (!final && (i >= n || (i + 1 === n && bytes[i] === CR))) {
      state.line = line;
      return lineStart;
    }
    if (i < n) i += bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1;
    line++;
    rec.end = i;
    // Blank lines are skipped, as in comma-separated files.
    if (rec.count > 0 && !onRecord(rec)) {
      state.line = line;
      state.stopped = true;
      return i;
    }
  }
  state.line = line;
  return i;
}

function grown(rec: RecordBuffer): RecordBuffer {
  const size = rec.starts.length * 2;
  const next = { ...rec, starts: new Int32Array(size), ends: new Int32Array(size), escaped: new Uint8Array(size) };
  next.starts.set(rec.starts), next.ends.set(rec.ends);
  return next;
}

/**
 * True when the first lines split on blanks into the same number (> 1) of fields: the shape of a
 * whitespace-separated file that has none of the usual delimiters.
 */
export function looksWhitespaceSeparated(bytes: Uint8Array, from: number): boolean {
  const counts: number[] = [];
  scanWhitespaceRecords(bytes.subarray(0, Math.min(bytes.length, from + 65536)), from, (rec) => {
    counts.push(rec.count);
    return counts.length < 20;
  });
  // The last sampled line may be cut by the 64 KiB window: ignore it when there are others.
  if (counts.length > 2 && bytes.length > from + 65536) counts.pop();
  return counts.length > 0 && counts[0] > 1 && counts.every((c) => c === counts[0]);
}
