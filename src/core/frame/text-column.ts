/**
 * Building text columns straight from CSV bytes: a byte-keyed dictionary that decodes each distinct
 * short value once (a category repeated a million times costs one string, not a million), and
 * growable column storage that ends at the exact row count.
 */
import { decodeUtf8 } from "./csv-records";

/** Distinct values a dictionary holds; a column with more is id-like and is decoded value by value. */
export const DICT_CAP = 4096;
/** Longer values are not pooled (long free text rarely repeats). */
const MAX_POOLED_BYTES = 64;
const SLOTS = 4 * DICT_CAP;

/**
 * Interns byte strings: `code` finds (or adds) the value of bytes[start, end) and returns its code,
 * a small integer whose text is `strings[code]`. Keys are the raw bytes, compared exactly, so a
 * hash collision never merges two values. Not for quoted fields holding `""` (their text differs
 * from their bytes).
 */
export class ByteDict {
  readonly strings: string[] = [];
  /** One byte of flags per code, free for the caller (the CSV reader remembers type evidence there). */
  readonly flags = new Uint8Array(DICT_CAP);
  private readonly slots = new Int32Array(SLOTS);
  private readonly offsets = new Int32Array(DICT_CAP + 1);
  private arena = new Uint8Array(16 * 1024);
  private arenaView = new DataView(this.arena.buffer);
  /** The last input seen, and a view of it for word loads. */
  private source: Uint8Array | null = null;
  private sourceView: DataView | null = null;
  /** True when the last `code` call added its value. */
  added = false;

  get size(): number {
    return this.strings.length;
  }

  /** The code of the value, adding it when there is room; -1 when absent and the dictionary is full or the value too long. */
  code(bytes: Uint8Array, start: number, end: number): number {
    const n = end - start;
    this.added = false;
    if (n > MAX_POOLED_BYTES) return -1;
    // Hashed and compared four bytes at a time (DataView loads; the last word may overlap the one before).
    if (bytes !== this.source) (this.source = bytes), (this.sourceView = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const view = this.sourceView!;
    let h = Math.imul(n, 0x9e3779b1);
    if (n >= 4) {
      for (let i = start; i < end - 4; i += 4) h = Math.imul(h ^ view.getUint32(i, true), 0x85ebca6b);
      h = Math.imul(h ^ view.getUint32(end - 4, true), 0xc2b2ae35);
    } else for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    h ^= h >>> 15;
    const slots = this.slots, offsets = this.offsets, arena = this.arena, arenaView = this.arenaView;
    let at = h & (SLOTS - 1);
    for (;;) {
      const entry = slots[at];
      if (entry === 0) break;
      const code = entry - 1;
      const from = offsets[code];
      if (offsets[code + 1] - from === n) {
        let k = 0;
        if (n >= 4) {
          while (k < n - 4 && arenaView.getUint32(from + k, true) === view.getUint32(start + k, true)) k += 4;
          if (k >= n - 4 && arenaView.getUint32(from + n - 4, true) === view.getUint32(end - 4, true)) return code;
        } else {
          while (k < n && arena[from + k] === bytes[start + k]) k++;
          if (k === n) return code;
        }
      }
      at = (at + 1) & (SLOTS - 1);
    }
    const code = this.strings.length;
    if (code >= DICT_CAP) return -1;
    let top = offsets[code];
    if (top + n > this.arena.length) {
      const bigger = new Uint8Array(Math.max(2 * this.arena.length, top + n));
      bigger.set(this.arena);
      this.arena = bigger;
      this.arenaView = new DataView(bigger.buffer);
    }
    this.arena.set(bytes.subarray(start, end), top);
    top += n;
    offsets[code + 1] = top;
    slots[at] = code + 1;
    this.strings.push(decodeUtf8(bytes, start, end));
    this.added = true;
    return code;
  }
}

/**
 * The next capacity of a growing column: to the estimated row count once a column outlives its
 * first rows (most columns that die, die early), then by half again.
 */
export function nextCapacity(length: number, estimate: number): number {
  // Past the reader's first checkpoint (4,096 rows) before committing to the estimate.
  if (length < 8192 && estimate > 8192) return 8192;
  return length < estimate ? estimate : Math.ceil(length * 1.5) + 1024;
}

/** Distinct text values and their counts, in first-seen order. */
export interface ValueCounts {
  readonly values: readonly string[];
  readonly counts: Int32Array;
}

/** A Float64Array that grows as rows are appended; `finish` returns exactly `n` values. */
export class NumberBuilder {
  values = new Float64Array(1024);
  constructor(private readonly estimate: number) {}
  /** Makes room for more rows (call when the next row === values.length). */
  grow(): Float64Array {
    const bigger = new Float64Array(nextCapacity(this.values.length, this.estimate));
    bigger.set(this.values);
    return (this.values = bigger);
  }
  finish(n: number): Float64Array {
    const v = this.values;
    // A view when the estimate was close: copying every column at the end of a large read would
    // briefly hold each twice (the memory peak of the whole ingest). Far off, copy to free the slack.
    return v.length === n ? v : v.length - n <= n / 8 ? v.subarray(0, n) : v.slice(0, n);
  }
}

/**
 * Text values of one column, row by row: short values through a ByteDict (one string per distinct
 * value), the rest decoded one by one. Once the dictionary is full, values are still looked up
 * (hits share the string) until most lookups miss: then the column is id-like and hashing only
 * costs time, so the dictionary steps aside. Equal strings either way.
 */
export class TextBuilder {
  values = new Array<string | null>(1024);
  length = 0;
  dict: ByteDict | null = new ByteDict();
  private fullMisses = 0;
  private fullHits = 0;
  /** How often each dictionary value was pushed, while every present value went through it. */
  private counts: Int32Array | null = new Int32Array(DICT_CAP);

  constructor(private readonly estimate: number) {}

  /** Makes room for more values (call when length === values.length). */
  grow(): (string | null)[] {
    const old = this.values;
    // A fresh array of the new size (growing `length` of a large array can make it a slow dictionary).
    const bigger = new Array<string | null>(nextCapacity(old.length, this.estimate));
    for (let i = 0; i < this.length; i++) bigger[i] = old[i];
    return (this.values = bigger);
  }

  /**
   * Appends the field bytes[start, end) (inside its quotes; `escaped` when it holds `""`). Returns
   * the value's code in `dict` (check `dict.added` for a first occurrence), or -1 when not pooled.
   */
  push(bytes: Uint8Array, start: number, end: number, escaped: boolean): number {
    if (this.length === this.values.length) this.grow();
    const dict = this.dict;
    if (dict === null || escaped) {
      this.values[this.length++] = decodeUtf8(bytes, start, end, escaped);
      this.counts = null;
      return -1;
    }
    const code = dict.code(bytes, start, end);
    if (code >= 0) {
      this.values[this.length++] = dict.strings[code];
      if (this.counts !== null) this.counts[code]++;
      if (!dict.added && dict.size >= DICT_CAP) this.fullHits++;
      return code;
    }
    this.values[this.length++] = decodeUtf8(bytes, start, end);
    this.counts = null;
    if (dict.size >= DICT_CAP && ++this.fullMisses >= DICT_CAP && this.fullMisses > 4 * this.fullHits) this.dict = null;
    return -1;
  }

  /** True when the dictionary is full and the last value missed it: the column has many distinct values. */
  get overflowing(): boolean {
    return this.dict === null || this.dict.size >= DICT_CAP;
  }

  /** Appends a missing value. */
  pushMissing(): void {
    if (this.length === this.values.length) this.grow();
    this.values[this.length++] = null;
  }

  /**
   * Each distinct value and how often it occurs, when every present value went through the
   * dictionary (a category column); null otherwise. What the profile counts, without a pass.
   */
  valueCounts(): ValueCounts | null {
    if (this.counts === null || this.dict === null) return null;
    return { values: this.dict.strings.slice(), counts: this.counts.slice(0, this.dict.size) };
  }

  /** The values, exactly `length` of them. */
  finish(): (string | null)[] {
    const v = this.values;
    if (v.length !== this.length) v.length = this.length;
    return v;
  }
}
