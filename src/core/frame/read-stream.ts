/**
 * Streaming ingest: a file read as a stream of chunks (a fetch body, `Blob.stream()`, a gzip
 * `DecompressionStream`) is parsed as it arrives, so delimited text is never whole in memory and
 * reading overlaps parsing. The result is the one `readAnyTable` gives for the whole bytes: the same
 * table, report, warnings, errors and line numbers (tests check every chunk boundary).
 *
 * Checks that need the whole file happen chunk by chunk: NUL bytes, and UTF-8 validity (a sequence
 * split between chunks is held over). In encoding "auto" a byte that is not UTF-8 restarts the read
 * in Windows-1252, as the whole-file reader would have chosen from the start. A problem found by
 * the parser is thrown only after the rest of the file is checked for those, so which error wins
 * is the same as before. JSON, Excel and Parquet are gathered and read whole.
 */
import { throwIfCancelled } from "../cells/types";
import { createCsvReader, type CsvReader, type CsvReport } from "./csv";
import { CsvHelperSession, helperProfiles, planColumnSplit, profileParts, SPLIT_MIN_BYTES, type ColumnSplitPlan } from "./csv-split";
import type { HelperThreads } from "../threads/helper-threads";
import type { ColumnStatistics } from "./profile";
import { stopFinder } from "./byte-scan-wasm";
import type { NumberRowHashes } from "./profile-checks";
import { countLf } from "./csv-start";
import { CsvError } from "./csv-records";
import { firstInvalidUtf8, windows1252ToUtf8 } from "./encoding";
import { looksLikeJson } from "./json";
import { detectBinaryFormat, formatBytes, MAX_INPUT_BYTES, readAnyTable, type ReadTableOptions, type ReadTableResult } from "./read-table";

/** A file that can be read from its first byte as often as needed (a CSV may need a second pass). */
export interface ChunkSource {
  /** The bytes the chunks add up to, when known before reading (not for a gzip file). */
  readonly size?: number;
  /** How far the current read has got, in [0, 1], when `size` is unknown (a gzip file's compressed bytes). */
  readonly fraction?: () => number;
  /** A fresh read from the first byte. Leaving the loop early must release the underlying stream. */
  open(): AsyncIterable<Uint8Array>;
}

/** Bytes in memory as a ChunkSource, in views of `chunkSize` bytes (nothing is copied). */
export function bytesSource(bytes: Uint8Array, chunkSize = 4 << 20): ChunkSource {
  return {
    size: bytes.length,
    async *open() {
      for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, Math.min(bytes.length, at + chunkSize));
    },
  };
}

/** What the streaming read adds: the bytes of text read (after decompression). */
export interface StreamReadResult extends ReadTableResult {
  readonly bytes: number;
  /** A read split with a helper thread (csv-split.ts): the threads it ran on (2). */
  readonly threads?: number;
  /**
   * Profile statistics the read computed, by column position (`profileTable`'s `precomputed`):
   * every column in a split read, else the text columns whose values the reader counted.
   */
  readonly statistics?: readonly (ColumnStatistics | undefined)[];
  /** A split read: the row hashes of the number columns the helper read (`profileTable`'s `rowHashes`). */
  readonly rowHashes?: NumberRowHashes;
}

/** Bytes looked at to tell the format (JSON starts with `[` or `{` after blanks). */
const HEAD_BYTES = 4096;
/** Bytes looked at to plan a read split between threads (csv-split.ts). */
const PLAN_HEAD_BYTES = 64 << 10;

/** Helper threads a large delimited file may be read with (csv-split.ts); `minBytes` for tests. */
export interface ParallelRead {
  readonly threads?: HelperThreads;
  readonly minBytes?: number;
}

/** Thrown inside a UTF-8 read that met a byte that is not UTF-8, in encoding "auto": read again as Windows-1252. */
class NotUtf8 {
  constructor(readonly warning: string) {}
}

/**
 * Reads any supported file from a stream of chunks; see the module comment. Delimited text streams
 * (two reads when a column needs a second pass); JSON, Excel and Parquet are gathered first.
 */
export async function readAnyTableStream(source: ChunkSource, options: ReadTableOptions = {}, parallel: ParallelRead = {}): Promise<StreamReadResult> {
  if (source.size !== undefined && source.size > MAX_INPUT_BYTES) throw tooLarge(formatBytes(source.size));
  const threads = parallel.threads && source.size !== undefined && source.size >= (parallel.minBytes ?? SPLIT_MIN_BYTES) ? parallel.threads : undefined;
  const want = threads ? PLAN_HEAD_BYTES : HEAD_BYTES;
  const iterator = source.open()[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes: Uint8Array = new Uint8Array(0);
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    headBytes = head.length === 1 ? next.value : concat(head);
    if (headBytes.length >= want && !isBlank(headBytes)) break;
  }
  const bom = headBytes[0] === 0xef && headBytes[1] === 0xbb && headBytes[2] === 0xbf ? 3 : 0;
  const whole = options.format === "xlsx" || options.format === "parquet" || options.format === "json" ||
    (options.format !== "csv" && (detectBinaryFormat(headBytes) !== undefined || (!options.skipRows && looksLikeJson(headBytes, bom))));
  if (whole) {
    const bytes = await gather(head, iterator);
    return { ...(await readAnyTable(bytes, options)), bytes: bytes.length };
  }
  if (headBytes[0] === 0x1f && headBytes[1] === 0x8b) {
    await iterator.return?.();
    throw new CsvError("the file is gzip-compressed and was not decompressed (name it .gz)");
  }
  if ((headBytes[0] === 0xff && headBytes[1] === 0xfe) || (headBytes[0] === 0xfe && headBytes[1] === 0xff)) {
    await iterator.return?.();
    throw new CsvError("the file is UTF-16 text: save it as UTF-8 (in Excel: CSV UTF-8)");
  }
  const first = chain(head, iterator);
  const plan = threads ? planColumnSplit(headBytes, options) : null;
  const split = threads && plan ? { threads, plan } : null;
  if (options.encoding === "windows-1252") return readDelimitedSplit(source, first, options, "windows-1252", [], split);
  try {
    return await readDelimitedSplit(source, first, options, "utf-8", [], split);
  } catch (e) {
    if (!(e instanceof NotUtf8)) throw e;
    return readDelimitedSplit(source, source.open(), options, "windows-1252", [e.warning], split);
  }
}

type Split = { readonly threads: HelperThreads; readonly plan: ColumnSplitPlan } | null;

/** `readDelimited`, split by columns with a helper when planned; read again on one thread if the helper fails. */
async function readDelimitedSplit(
  source: ChunkSource, chunks: AsyncIterable<Uint8Array>, options: ReadTableOptions, encoding: "utf-8" | "windows-1252", warnings: string[], split: Split,
): Promise<StreamReadResult> {
  if (split === null) return readDelimited(source, chunks, options, encoding, warnings, null);
  try {
    return await readDelimited(source, chunks, options, encoding, warnings, split);
  } catch (e) {
    if (!(e instanceof HelperFailed)) throw e;
    return readDelimited(source, source.open(), options, encoding, warnings, null);
  }
}

/** The helper of a split read failed (or disagreed with the caller's reader): read on one thread. */
class HelperFailed {
  constructor(readonly cause: Error) {}
}

async function readDelimited(
  source: ChunkSource, chunks: AsyncIterable<Uint8Array>, options: ReadTableOptions, encoding: "utf-8" | "windows-1252", warnings: string[], split: Split,
): Promise<StreamReadResult> {
  const reader = createCsvReader(options, { size: source.size, fraction: source.fraction }, split?.plan.owned);
  const helper = split ? new CsvHelperSession(split.threads, options, source.size, split.plan.owned) : null;
  try {
    const result = await readDelimitedWith(reader, helper, split?.plan ?? null, source, chunks, options, encoding);
    return { ...result, report: { ...result.report, warnings: [...warnings, ...result.report.warnings] } };
  } catch (e) {
    // A problem the caller's reader found is the one-thread read's problem too (and Cancel is
    // Cancel): only HelperFailed makes the read run again.
    helper?.close();
    throw e;
  }
}

async function readDelimitedWith(
  reader: CsvReader, helper: CsvHelperSession | null, plan: ColumnSplitPlan | null, source: ChunkSource, chunks: AsyncIterable<Uint8Array>, options: ReadTableOptions,
  encoding: "utf-8" | "windows-1252",
): Promise<StreamReadResult & { report: CsvReport }> {
  const utf8 = encoding === "utf-8" ? new Utf8Check() : null;
  const signal = options.signal;
  let offset = 0;
  // After a parse error (or maxRows), the rest is only checked: for a NUL byte or bad UTF-8, which
  // the whole-file reader reported first. drainLine is then the line where the chunk starts.
  let failure: CsvError | null = null;
  let encodingError: CsvError | null = null;
  let live = true;
  let drainLine = 0;
  const finder = stopFinder();
  for await (const raw of chunks) {
    if (signal) throwIfCancelled(signal);
    if (offset + raw.length > MAX_INPUT_BYTES) throw tooLarge("more than 1.5 GiB");
    const lineAt = (k: number) => (live ? reader.nextLine() : drainLine) + countLf(raw, 0, k);
    // Bytes before `plain` are ASCII and not NUL: the checks start there (usually at the end).
    const plain = finder === null ? 0 : finder.plainPrefix(raw);
    const nul = plain === raw.length ? -1 : raw.indexOf(0, plain);
    if (nul >= 0) {
      throw new CsvError(
        `this is not a text file: it contains a NUL byte (binary content) at byte ${offset + nul}; is it a spreadsheet (.xlsx) or an archive?`,
        lineAt(nul),
      );
    }
    if (utf8 !== null && encodingError === null) {
      const bad = utf8.check(raw, offset, plain);
      if (bad !== null) {
        // A held-over byte of the last chunk lies on this chunk's first line (no newline between).
        const where = `line ${lineAt(Math.max(0, bad.at - offset))} has byte 0x${bad.byte.toString(16).toUpperCase()}, which is not UTF-8`;
        if (options.encoding !== "utf-8") throw new NotUtf8(`${where}: read the file as Windows-1252 (Latin-1); choose another encoding if accents look wrong`);
        encodingError = new CsvError(`${where}: the file is probably Latin-1 / Windows-1252; choose that encoding`);
        drainLine = lineAt(0);
        live = false;
      }
    }
    if (live) {
      const before = options.maxRows !== undefined ? reader.nextLine() : 0;
      const text = encoding === "windows-1252" ? windows1252ToUtf8(raw) : raw;
      if (helper) await helper.push(text);
      try {
        if (!reader.push(text)) {
          live = false;
          drainLine = before + countLf(raw, 0, raw.length);
        }
      } catch (e) {
        if (!(e instanceof CsvError)) throw e;
        failure = e;
        live = false;
        drainLine = reader.nextLine();
      }
    } else drainLine += countLf(raw, 0, raw.length);
    offset += raw.length;
  }
  const cut = utf8?.end(offset);
  if (cut && encodingError === null) {
    const where = `line ${live ? reader.nextLine() : drainLine} has byte 0x${cut.byte.toString(16).toUpperCase()}, which is not UTF-8`;
    if (options.encoding !== "utf-8") throw new NotUtf8(`${where}: read the file as Windows-1252 (Latin-1); choose another encoding if accents look wrong`);
    encodingError = new CsvError(`${where}: the file is probably Latin-1 / Windows-1252; choose that encoding`);
  }
  if (encodingError) throw encodingError;
  if (failure) throw failure;
  const again = reader.finish();
  const helperAgain = helper ? await helper.finish().catch((e: Error) => Promise.reject(new HelperFailed(e))) : false;
  if (again || helperAgain) {
    // A second pass, for whichever side has columns to read again.
    let live = again;
    for await (const raw of source.open()) {
      if (signal) throwIfCancelled(signal);
      const text = encoding === "windows-1252" ? windows1252ToUtf8(raw) : raw;
      if (helperAgain) await helper!.push(text);
      if (live && !reader.push(text)) {
        live = false;
        if (!helperAgain) break;
      }
    }
    if (again) reader.finish();
    if (helperAgain) await helper!.finish().catch((e: Error) => Promise.reject(new HelperFailed(e)));
  }
  if (!helper) {
    // The text columns whose values the reader counted are profiled here, without a pass.
    const counted = reader.columns().filter((p) => p.counts !== null);
    const statistics: (ColumnStatistics | undefined)[] = [];
    profileParts(counted).forEach((stats, k) => (statistics[counted[k].index] = stats));
    return { ...reader.result(), format: "csv", encoding, bytes: offset, ...(counted.length > 0 ? { statistics } : {}) };
  }
  // The profile is shared out: the helper profiles the costliest of its columns while this thread
  // profiles its own and the helper's others.
  const { first, profiled } = helper.columns(helperProfiles(plan!));
  first.catch(() => undefined);
  profiled.catch(() => undefined);
  const statistics: (ColumnStatistics | undefined)[] = [];
  const own = reader.columns();
  profileParts(own).forEach((stats, k) => (statistics[own[k].index] = stats));
  const handed = await first.catch((e: Error) => Promise.reject(new HelperFailed(e)));
  // Columns the helper tallied as it read come with their statistics; the others are profiled here.
  const unprofiled = handed.parts.filter((_, k) => handed.statistics[k] === undefined);
  profileParts(unprofiled).forEach((stats, k) => (statistics[unprofiled[k].index] = stats));
  handed.parts.forEach((part, k) => handed.statistics[k] && (statistics[part.index] = handed.statistics[k]));
  const kept = await profiled.catch((e: Error) => Promise.reject(new HelperFailed(e)));
  kept.parts.forEach((part, k) => (statistics[part.index] = kept.statistics[k]));
  let result;
  try {
    result = reader.result([...handed.parts, ...kept.parts]);
  } catch (e) {
    // Columns that do not fit the caller's reader: a bug to survive, not the file's fault.
    if (!(e instanceof CsvError)) throw new HelperFailed(e instanceof Error ? e : new Error(String(e)));
    throw e;
  }
  return { ...result, format: "csv", encoding, bytes: offset, threads: 2, statistics, ...(handed.hashes ? { rowHashes: handed.hashes } : {}) };
}

/** UTF-8 validity chunk by chunk: a sequence cut by a chunk's end is held over and checked with the next chunk. */
class Utf8Check {
  private held: Uint8Array = new Uint8Array(0);
  private heldAt = 0;

  /**
   * The first bad byte of `chunk` (at file offset `offset`) or of the bytes held before it, or null.
   * The chunk's first `ascii` bytes are known to be ASCII.
   */
  check(chunk: Uint8Array, offset: number, ascii = 0): { at: number; byte: number } | null {
    let start = 0;
    if (this.held.length > 0) {
      const need = sequenceLength(this.held[0]) - this.held.length;
      const joined = concat([this.held, chunk.subarray(0, need)]);
      if (chunk.length < need) {
        this.held = joined;
        return null;
      }
      const bad = firstInvalidUtf8(joined);
      if (bad >= 0) return { at: this.heldAt + bad, byte: joined[bad] };
      start = need;
      this.held = new Uint8Array(0);
    }
    // All ASCII: nothing is bad and nothing is held (any held bytes were completed above).
    if (ascii === chunk.length) return null;
    const keep = incompleteTail(chunk, start);
    const bad = firstInvalidUtf8(chunk.subarray(0, chunk.length - keep), Math.max(start, ascii));
    if (bad >= 0) return { at: offset + bad, byte: chunk[bad] };
    this.held = chunk.slice(chunk.length - keep);
    this.heldAt = offset + chunk.length - keep;
    return null;
  }

  /** A sequence still held at the end of the file is cut short: its first byte is bad. */
  end(offset: number): { at: number; byte: number } | null {
    return this.held.length > 0 ? { at: offset - this.held.length, byte: this.held[0] } : null;
  }
}

function sequenceLength(lead: number): number {
  return lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
}

/** How many bytes at the end of `bytes` (after `start`) begin a UTF-8 sequence that the next chunk must finish. */
function incompleteTail(bytes: Uint8Array, start: number): number {
  const n = bytes.length;
  for (let j = n - 1; j >= Math.max(start, n - 3); j--) {
    const b = bytes[j];
    if ((b & 0xc0) === 0x80) continue;
    const len = sequenceLength(b);
    return len > 0 && j + len > n ? n - j : 0;
  }
  return 0;
}

function tooLarge(size: string): CsvError {
  return new CsvError(`the file is ${size}, above this app's limit of 1.5 GiB (${MAX_INPUT_BYTES.toLocaleString("en-GB")} bytes); split or filter it first`);
}

function isBlank(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
}

/** The rest of the stream after `head`, all in one buffer (formats read whole), within the size limit. */
async function gather(head: Uint8Array[], iterator: AsyncIterator<Uint8Array>): Promise<Uint8Array> {
  const parts = [...head];
  let total = parts.reduce((n, p) => n + p.length, 0);
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    total += next.value.length;
    if (total > MAX_INPUT_BYTES) {
      await iterator.return?.();
      throw tooLarge("more than 1.5 GiB");
    }
    parts.push(next.value);
  }
  return parts.length === 1 ? parts[0] : concat(parts);
}

/** The chunks already read, then the rest of the stream; leaving early releases the stream. */
async function* chain(head: readonly Uint8Array[], iterator: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  let finished = false;
  try {
    yield* head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return void (finished = true);
      yield next.value;
    }
  } finally {
    if (!finished) await iterator.return?.();
  }
}
