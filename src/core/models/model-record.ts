/**
 * A trained model as a record: what a model cell keeps in IndexedDB (so a reload restores it
 * instead of training again) and what "Export model" writes (model-file.ts). It holds the
 * algorithm's saved parameters plus what the cell showed about the fit.
 */
import type { Table } from "../frame/table";
import type { Json, JsonObject } from "../json";
import type { SavedParameters, Task } from "./algorithm";
import type { DesignMatrix } from "./design-matrix";

export const MODEL_FORMAT = "sales-notebook-model";
export const MODEL_VERSION = 1;

/** How, where and on what a model was trained. */
export interface TrainingInfo {
  /** Training rows. */
  readonly rows: number;
  readonly seed: number;
  /** ISO time the fit finished. */
  readonly trainedAt: string;
  /** Milliseconds the fit took. */
  readonly ms: number;
  /** The TF.js backend it ran on, where known. */
  readonly backend?: string;
  /**
   * hashDesign of the training matrix: a stored model is reused only on the very same numbers.
   * Absent in exported files of models that were not stored (not needed to use them).
   */
  readonly dataHash?: string;
}

/** A trained model and what the cell reported about it. */
export interface ModelRecord {
  readonly format: typeof MODEL_FORMAT;
  readonly version: number;
  readonly algorithm: string;
  readonly task: Task;
  readonly target: string;
  /** The features the model uses, in order (its algorithm may have dropped constant ones). */
  readonly features: readonly string[];
  /** Classification: the target labels coded 1 and 0. */
  readonly positive?: string;
  readonly negative?: string;
  /** The hyperparameters it was fitted with. */
  readonly options: Json;
  /** The algorithm's own summary (coefficients, trees, iterations, losses). */
  readonly fitted: JsonObject;
  /** Its inspection tables (coefficients, importance, loss curve). */
  readonly extras: Readonly<Record<string, Table>>;
  readonly warnings: readonly string[];
  readonly parameters: SavedParameters;
  readonly training: TrainingInfo;
}

/** Where model records are kept (IndexedDB in the worker; a Map in Node tests). */
export interface ModelStore {
  /**
   * Fits faster than this many milliseconds are not stored: training again costs no more than
   * reading the model back, and hashing the training matrix would be a noticeable share of the run.
   */
  readonly saveAfterMs: number;
  /** Larger models are not kept (a warning says so; export them instead). */
  readonly maxBytes: number;
  get(key: string): Promise<ModelRecord | undefined>;
  /** Keeps `record` under `key`, replacing what was there; may evict the least recently used. */
  put(key: string, record: ModelRecord): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * A 64-bit hash (two 32-bit lanes, hex) of the 32-bit words of `parts`, in order. Not
 * cryptographic: it tells one training matrix from another, which is all a cache key needs.
 */
export function hashWords(parts: readonly Int32Array[]): string {
  const lanes = new Int32Array([0x9e3779b9, 0x85ebca6b]);
  for (const words of parts) {
    // In chunks: a page runs this cold, and one long loop over 42 million words (a 1M × 20
    // matrix) ran about three times slower in Chromium than a function optimised after a few calls.
    for (let start = 0; start < words.length; start += HASH_CHUNK) mixWords(words, start, Math.min(words.length, start + HASH_CHUNK), lanes);
    // The length too, so moving a word from one part to the next changes the hash.
    lanes[0] = Math.imul(lanes[0] ^ words.length, 0x27d4eb2f);
    lanes[1] = Math.imul(lanes[1] ^ words.length, 0x165667b1);
  }
  let h1 = lanes[0], h2 = lanes[1];
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x27d4eb2f) ^ h1;
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

const HASH_CHUNK = 65536;

/** Mixes words[from … to) into the two lanes (signed words: the same bits as unsigned, and no doubles). */
function mixWords(words: Int32Array, from: number, to: number, lanes: Int32Array): void {
  let h1 = lanes[0], h2 = lanes[1];
  for (let i = from; i < to; i++) {
    const w = words[i];
    h1 = Math.imul(h1 ^ w, 0x5bd1e995);
    h1 ^= h1 >>> 15;
    h2 = Math.imul(h2 + w, 0xcc9e2d51);
    h2 = (h2 << 13) | (h2 >>> 19);
  }
  lanes[0] = h1;
  lanes[1] = h2;
}

/** Bytes a record takes, roughly: its arrays and extras' numbers, plus its JSON parts. */
export function recordBytes(record: ModelRecord): number {
  let bytes = JSON.stringify(record.fitted).length + JSON.stringify(record.options).length;
  for (const a of Object.values(record.parameters.arrays)) bytes += a.byteLength;
  for (const t of Object.values(record.extras)) for (const c of t.columns) bytes += c.type === "string" ? 16 * c.values.length : c.values.byteLength;
  return bytes;
}

/**
 * The hash of a training matrix's numbers: features and target, bit for bit. Four lanes take one
 * float64 (two words) per step, each word into two lanes, so the four multiply chains run side by
 * side: about 45 ms for 1M × 20 in a cold page against 70-140 ms for hashWords' two lanes (its
 * chains wait on each other word by word). Its values differ from hashWords', which it replaced
 * here: a model stored before that trains again once.
 */
export function hashDesign(design: DesignMatrix): string {
  return hashFloat64([design.x, design.y]);
}

function hashFloat64(parts: readonly Float64Array[]): string {
  const lanes = new Int32Array([0x9e3779b9, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f]);
  for (const values of parts) {
    const words = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
    for (let start = 0; start < words.length; start += HASH_CHUNK) mixPairs(words, start, Math.min(words.length, start + HASH_CHUNK), lanes);
    // The length too, so moving a value from one part to the next changes the hash.
    for (let k = 0; k < 4; k++) lanes[k] = Math.imul(lanes[k] ^ values.length, 0x165667b1 + 2 * k);
  }
  let h1 = lanes[0] ^ ((lanes[2] << 7) | (lanes[2] >>> 25));
  let h2 = lanes[1] ^ ((lanes[3] << 17) | (lanes[3] >>> 15));
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x27d4eb2f) ^ h1;
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

/** Mixes the word pairs words[from … to) (from and to even) into the four lanes. */
function mixPairs(words: Int32Array, from: number, to: number, lanes: Int32Array): void {
  let a = lanes[0], b = lanes[1], c = lanes[2], d = lanes[3];
  for (let i = from; i < to; i += 2) {
    const w0 = words[i];
    const w1 = words[i + 1];
    a = Math.imul(a ^ w0, 0x5bd1e995);
    a ^= a >>> 15;
    b = Math.imul(b + w1, 0xcc9e2d51);
    b = (b << 13) | (b >>> 19);
    c = Math.imul(c ^ w1, 0x27d4eb2f);
    c ^= c >>> 16;
    d = Math.imul(d + w0, 0x165667b1);
    d = (d << 11) | (d >>> 21);
  }
  lanes[0] = a;
  lanes[1] = b;
  lanes[2] = c;
  lanes[3] = d;
}

/** The hash of a string (UTF-16 code units). */
export function hashText(text: string): string {
  const units = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return hashWords([units]);
}
