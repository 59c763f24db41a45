/**
 * Byte scans for the CSV reader, 16 bytes at a time with WebAssembly SIMD:
 * - `stopFinder().index`: the positions of every delimiter, LF and CR in a window of the input, in
 *   order. The tokeniser (`scanRecords`) walks these positions instead of testing each byte of a
 *   field in JavaScript; quoted fields it still reads itself, skipping the positions inside them.
 * - `stopFinder().plainPrefix`: how many leading bytes of a chunk are ASCII other than NUL, so the
 *   checks for a NUL byte (binary file) and for bad UTF-8 start where something could be wrong,
 *   usually nowhere.
 * Where WebAssembly or its SIMD is missing, `stopFinder()` is null and JavaScript loops run.
 */
import { encodeModule, I32, i32, memOp, OP, simd, SIMD, V128 } from "../wasm/encoder";
import { wasmApi, wasmMemory } from "../wasm/api";

/** Bytes indexed at most per call: the window's bytes and its positions (4 bytes each, one per byte at most) fit in 5 MiB. */
export const STOP_WINDOW = 1 << 20;
/** After the last position of a window: larger than any byte offset, so a scan for the next stop halts on it. */
export const NO_STOP = 0x7fffffff;

const LF = 0x0a, CR = 0x0d;
const I32_EQ = 0x46, I32_GE_U = 0x4f, I32_EQZ = 0x45, I32_CTZ = 0x68, I32_AND = 0x71, I32_OR = 0x72;
const I8X16_SPLAT = 0x0f, I8X16_EQ = 0x23, V128_OR = 0x50, I8X16_BITMASK = 0x64;
/** i8x16.all_true: 1 when no lane is zero (so its eqz says some byte is NUL). */
const V128_ANY_ZERO_LANE = 0x63;
const EMPTY = 0x40;

/**
 * `stops(len, delim, base) -> count`: the bytes at [0, len) of memory are scanned; each position of
 * a delimiter, LF or CR is written, plus `base`, as an i32 from byte STOP_WINDOW on, in order, and
 * NO_STOP after the last.
 */
function stopsModuleBytes(): Uint8Array {
  const [len, delim, base, at, count, bits, len16, vd, vl, vc, v] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const get = (k: number) => [OP.localGet, k];
  const set = (k: number) => [OP.localSet, k];
  const store = memOp(OP.i32Store, 2, STOP_WINDOW);
  // out[count++] = base + at + extra (extra: instructions leaving the in-block offset, or none)
  const emit = (extra: number[]) => [
    ...get(count), ...i32(2), OP.i32Shl,
    ...get(base), ...get(at), OP.i32Add, ...extra,
    ...store,
    ...get(count), ...i32(1), OP.i32Add, ...set(count),
  ];
  const body = [
    ...get(delim), ...simd(I8X16_SPLAT), ...set(vd),
    ...i32(LF), ...simd(I8X16_SPLAT), ...set(vl),
    ...i32(CR), ...simd(I8X16_SPLAT), ...set(vc),
    ...get(len), ...i32(-16), I32_AND, ...set(len16),
    // 16 bytes at a time: a bit per byte that stops a field, then one position per set bit.
    OP.block, EMPTY, OP.loop, EMPTY,
    ...get(at), ...get(len16), I32_GE_U, OP.brIf, 1,
    ...get(at), ...simd(SIMD.v128Load, 0, 0), ...set(v),
    ...get(v), ...get(vd), ...simd(I8X16_EQ),
    ...get(v), ...get(vl), ...simd(I8X16_EQ), ...simd(V128_OR),
    ...get(v), ...get(vc), ...simd(I8X16_EQ), ...simd(V128_OR),
    ...simd(I8X16_BITMASK), ...set(bits),
    OP.block, EMPTY, OP.loop, EMPTY,
    ...get(bits), I32_EQZ, OP.brIf, 1,
    ...emit([...get(bits), I32_CTZ, OP.i32Add]),
    ...get(bits), ...get(bits), ...i32(1), OP.i32Sub, I32_AND, ...set(bits),
    OP.br, 0,
    OP.end, OP.end,
    ...get(at), ...i32(16), OP.i32Add, ...set(at),
    OP.br, 0,
    OP.end, OP.end,
    // The last bytes one at a time.
    OP.block, EMPTY, OP.loop, EMPTY,
    ...get(at), ...get(len), I32_GE_U, OP.brIf, 1,
    ...get(at), ...memOp(OP.i32Load8u, 0), ...set(bits),
    ...get(bits), ...get(delim), I32_EQ,
    ...get(bits), ...i32(LF), I32_EQ, I32_OR,
    ...get(bits), ...i32(CR), I32_EQ, I32_OR,
    OP.if, EMPTY, ...emit([]), OP.end,
    ...get(at), ...i32(1), OP.i32Add, ...set(at),
    OP.br, 0,
    OP.end, OP.end,
    ...get(count), ...i32(2), OP.i32Shl, ...i32(NO_STOP), ...store,
    ...get(count),
  ];
  return encodeModule([
    { name: "stops", params: 3, returnsI32: true, locals: [I32, I32, I32, I32, V128, V128, V128, V128], body },
    { name: "plain", params: 1, returnsI32: true, locals: [I32, I32, V128], body: plainBody() },
  ], false);
}

/**
 * `plain(len) -> at`: the offset of the first 16-byte block of [0, len) holding a NUL or a byte of
 * 0x80 or more (its sign bit), or of len & ~15 when there is none; the caller checks the rest.
 */
function plainBody(): number[] {
  const [len, at, len16, v] = [0, 1, 2, 3];
  const get = (k: number) => [OP.localGet, k];
  return [
    ...get(len), ...i32(-16), I32_AND, OP.localSet, len16,
    OP.block, EMPTY, OP.loop, EMPTY,
    ...get(at), ...get(len16), I32_GE_U, OP.brIf, 1,
    // The sign bits of the bytes, or'ed with a bit for each byte equal to zero (one load).
    ...get(at), ...simd(SIMD.v128Load, 0, 0), OP.localTee, v, ...simd(I8X16_BITMASK),
    ...get(v), ...simd(V128_ANY_ZERO_LANE), I32_EQZ, I32_OR,
    OP.brIf, 1,
    ...get(at), ...i32(16), OP.i32Add, OP.localSet, at,
    OP.br, 0,
    OP.end, OP.end,
    ...get(at),
  ];
}

/** Indexes windows of an input; one per thread, reused by every scan. */
export interface StopFinder {
  /**
   * Indexes bytes[from, min(end, from + STOP_WINDOW)) (or less, `limit` bytes at most) into
   * `positions` (absolute offsets in `bytes`, then NO_STOP) and returns where the window ends.
   */
  index(bytes: Uint8Array, from: number, end: number, delim: number, limit?: number): number;
  readonly positions: Int32Array;
  /** How many leading bytes of `bytes` are ASCII and not NUL (bytes.length when all are). */
  plainPrefix(bytes: Uint8Array): number;
}

let finder: StopFinder | null | undefined;
let enabled = true;

/** Tests turn the finder off to compare the tokeniser with and without it. */
export function enableStopFinder(on: boolean): void {
  enabled = on;
}

/** This thread's finder; null where WebAssembly SIMD is unavailable (the byte loop then runs). */
export function stopFinder(): StopFinder | null {
  if (!enabled) return null;
  if (finder !== undefined) return finder;
  finder = null;
  try {
    const memory = wasmApi && wasmMemory(STOP_WINDOW + 4 * (STOP_WINDOW + 1), false);
    if (!wasmApi || !memory) return finder;
    const module = new wasmApi.Module(stopsModuleBytes());
    const exports = new wasmApi.Instance(module, { m: { mem: memory } }).exports;
    const stops = exports.stops as (len: number, delim: number, base: number) => number;
    const plain = exports.plain as (len: number) => number;
    const window = new Uint8Array(memory.buffer, 0, STOP_WINDOW);
    const positions = new Int32Array(memory.buffer, STOP_WINDOW, STOP_WINDOW + 1);
    finder = {
      positions,
      index(bytes, from, end, delim, limit = STOP_WINDOW) {
        const to = Math.min(end, from + Math.min(limit, STOP_WINDOW));
        window.set(bytes.subarray(from, to));
        stops(to - from, delim, from);
        return to;
      },
      plainPrefix(bytes) {
        for (let from = 0; from < bytes.length; from += STOP_WINDOW) {
          const part = bytes.subarray(from, Math.min(bytes.length, from + STOP_WINDOW));
          window.set(part);
          // The kernel stops at the first block with a special byte; the bytes from there, one by one.
          for (let at = plain(part.length); at < part.length; at++) {
            const b = part[at];
            if (b === 0 || b >= 0x80) return from + at;
          }
        }
        return bytes.length;
      },
    };
  } catch {
    finder = null;
  }
  return finder;
}
