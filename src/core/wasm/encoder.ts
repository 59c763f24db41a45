/**
 * Just enough of the WebAssembly binary format to write the kernels (boosting's histograms and
 * partitions, models/trees/histogram-wasm-kernels.ts; k-means++ scoring and the silhouette,
 * models/kmeans-wasm.ts and kmeans-silhouette-wasm.ts) as code here instead of shipping a
 * prebuilt .wasm file: i32, f64 and v128 locals, loads and stores, loops,
 * and the few SIMD instructions the k-means kernel uses. The module imports its memory as `m.mem`.
 */

/** Value types. */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

/** The opcodes the kernels use. */
export const OP = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, return: 0x0f,
  localGet: 0x20, localSet: 0x21, localTee: 0x22,
  i32Load: 0x28, f64Load: 0x2b, i32Load8u: 0x2d, f64Store: 0x39,
  i32Store: 0x36,
  i32Const: 0x41, f64Const: 0x44,
  i32LtU: 0x49, i32LeS: 0x4c, i32GeS: 0x4e, f64Lt: 0x63,
  i32Add: 0x6a, i32Sub: 0x6b, i32Mul: 0x6c, i32Shl: 0x74, i32ShrU: 0x76, f64Add: 0xa0,
} as const;

/** SIMD instructions (fixed-width, 128-bit): the 0xfd prefix, then these sub-opcodes in LEB128. */
export const SIMD = {
  v128Load: 0x00, v128Store: 0x0b, f64x2Splat: 0x14, f64x2Lt: 0x49, f64x2Gt: 0x4a,
  f64x2ExtractLane: 0x21, v128And: 0x4e, v128Bitselect: 0x52, i64x2AllTrue: 0xc3,
  f64x2Sqrt: 0xef, f64x2Add: 0xf0, f64x2Sub: 0xf1, f64x2Mul: 0xf2,
} as const;

/** A SIMD instruction (with its memory alignment and offset for loads and stores). */
export const simd = (op: number, ...memarg: number[]): number[] => [0xfd, ...uleb(op), ...memarg];

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 (for i32.const). */
export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** i32.const v. */
export const i32 = (v: number): number[] => [OP.i32Const, ...sleb(v)];

/** f64.const v. */
export function f64(v: number): number[] {
  const bytes = new Uint8Array(new Float64Array([v]).buffer);
  return [OP.f64Const, ...bytes];
}

/** A load or store with its alignment (log2 bytes) and constant offset. */
export const memOp = (op: number, align: number, offset = 0): number[] => [op, align, ...uleb(offset)];

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => vec(Array.from(s, (c) => [c.charCodeAt(0)]));

/**
 * A function: its i32 parameters, whether it returns an i32, its extra locals (by type) and its
 * body (without the final `end`).
 */
export interface WasmFunction {
  readonly name: string;
  readonly params: number;
  readonly returnsI32?: boolean;
  readonly locals: readonly number[];
  readonly body: readonly number[];
}

/**
 * A module importing its memory (`m.mem`, shared or not, `pages` 64 KiB pages) and exporting
 * `functions` (i32 parameters, no result or an i32). The memory's limits are only a lower bound
 * here: the memory given at instantiation decides.
 */
export function encodeModule(functions: readonly WasmFunction[], shared: boolean): Uint8Array {
  const signature = (f: WasmFunction) => 2 * f.params + (f.returnsI32 ? 1 : 0);
  const arities = [...new Set(functions.map(signature))];
  const types = arities.map((k) => [0x60, ...vec(Array.from({ length: k >> 1 }, () => [I32])), ...(k & 1 ? [1, I32] : [0])]);
  // Limits: flags 3 = shared with a maximum, 0 = a minimum only. Shared memories need a maximum.
  const limits = shared ? [3, ...uleb(1), ...uleb(65536)] : [0, ...uleb(1)];
  const imports = vec([[...name("m"), ...name("mem"), 2, ...limits]]);
  const funcs = vec(functions.map((f) => uleb(arities.indexOf(signature(f)))));
  const exports = vec(functions.map((f, k) => [...name(f.name), 0, ...uleb(k)]));
  const code = vec(functions.map((f) => {
    const locals = vec(f.locals.map((t) => [1, t]));
    const body = [...locals, ...f.body, OP.end];
    return [...uleb(body.length), ...body];
  }));
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)), ...section(2, imports), ...section(3, funcs), ...section(7, exports), ...section(10, code),
  ]);
}
