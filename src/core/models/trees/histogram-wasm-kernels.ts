/**
 * The WebAssembly histogram kernels (see histogram-wasm.ts), written with src/core/wasm/encoder.ts. Each
 * is the loop of its JavaScript twin in histogram.ts, with the same adds in the same order, so
 * the sums are the same to the bit. Addresses are byte addresses in the module's memory; a
 * histogram bin is 24 bytes [count, W, S] as in histogram.ts.
 *
 * - `gather(idx, s, m, out)`: out[k] = s[idx[k]] for k < m.
 * - `gatherW(idx, s, w, m, outS, outW)`: the same for gradients and weights.
 * - `cols<F>(idx, g, m, c_0…c_F−1, h_0…h_F−1)`: for each of the m rows idx[k], and each of F
 *   features (column c_f of codes, histogram block h_f): count += 1, S += g[k].
 * - `colsW<F>(idx, g, u, m, c…, h…)`: the same with W += u[k].
 * - `root<F>(s, n, c…, h…)`: S += s[i] for every row i < n (a boosting round's root: no row list).
 * - `partition(column, cut, idx, m, left, right)`: runPartitionJob's loop (partition.ts): each of
 *   the m rows idx[k] goes to left (code ≤ cut) or right, in order; returns how many went left.
 */
import { encodeModule, F64, f64, I32, i32, memOp, OP, type WasmFunction } from "../../wasm/encoder";

/** Feature counts per pass (four features' histograms, 24 KB, stay in the L1 cache). */
export const KERNEL_WIDTHS = [4, 2, 1] as const;

const get = (k: number) => [OP.localGet, k];
const set = (k: number) => [OP.localSet, k];
/** local k += by. */
const bump = (k: number, by: number) => [...get(k), ...i32(by), OP.i32Add, ...set(k)];
/** `if (m <= 0) return` (with `value` for a function with a result). */
const returnIfEmpty = (m: number, value: number[] = []) => [...get(m), ...i32(0), OP.i32LeS, OP.if, 0x40, ...value, OP.return, OP.end];
/** f64 at [b + offset] += the value `value` pushes. */
const addAt = (b: number, offset: number, value: number[]) => [
  ...get(b), ...get(b), ...memOp(OP.f64Load, 3, offset), ...value, OP.f64Add, ...memOp(OP.f64Store, 3, offset),
];
/** b := h + 24 · codes[c + i]. */
const binAddress = (c: number, i: number[], h: number, b: number) => [
  ...get(c), ...i, OP.i32Add, ...memOp(OP.i32Load8u, 0), ...i32(24), OP.i32Mul, ...get(h), OP.i32Add, ...set(b),
];
/** loop { body; br_if (ptr < end) }. */
const loopWhile = (body: number[], ptr: number, end: number) => [
  OP.loop, 0x40, ...body, ...get(ptr), ...get(end), OP.i32LtU, OP.brIf, 0, OP.end,
];

function gather(): WasmFunction {
  const [idx, s, m, out, end] = [0, 1, 2, 3, 4];
  const body = [
    ...returnIfEmpty(m),
    ...get(idx), ...get(m), ...i32(4), OP.i32Mul, OP.i32Add, ...set(end),
    ...loopWhile([
      ...get(out), ...get(idx), ...memOp(OP.i32Load, 2), ...i32(8), OP.i32Mul, ...get(s), OP.i32Add, ...memOp(OP.f64Load, 3), ...memOp(OP.f64Store, 3),
      ...bump(idx, 4), ...bump(out, 8),
    ], idx, end),
  ];
  return { name: "gather", params: 4, locals: [I32], body };
}

function gatherW(): WasmFunction {
  const [idx, s, w, m, outS, outW, end, i] = [0, 1, 2, 3, 4, 5, 6, 7];
  const body = [
    ...returnIfEmpty(m),
    ...get(idx), ...get(m), ...i32(4), OP.i32Mul, OP.i32Add, ...set(end),
    ...loopWhile([
      ...get(idx), ...memOp(OP.i32Load, 2), ...i32(8), OP.i32Mul, ...set(i),
      ...get(outS), ...get(i), ...get(s), OP.i32Add, ...memOp(OP.f64Load, 3), ...memOp(OP.f64Store, 3),
      ...get(outW), ...get(i), ...get(w), OP.i32Add, ...memOp(OP.f64Load, 3), ...memOp(OP.f64Store, 3),
      ...bump(idx, 4), ...bump(outS, 8), ...bump(outW, 8),
    ], idx, end),
  ];
  return { name: "gatherW", params: 6, locals: [I32, I32], body };
}

function cols(width: number, weighted: boolean): WasmFunction {
  // Parameters: idx, g, [u], m, c_0…, h_0…; then locals end, i, b, gk, [uk].
  const idx = 0, g = 1, u = weighted ? 2 : -1, m = weighted ? 3 : 2;
  const c = (f: number) => m + 1 + f, h = (f: number) => m + 1 + width + f;
  const params = m + 1 + 2 * width;
  const end = params, i = params + 1, b = params + 2, gk = params + 3, uk = params + 4;
  const perFeature: number[] = [];
  for (let f = 0; f < width; f++) {
    perFeature.push(...binAddress(c(f), get(i), h(f), b), ...addAt(b, 0, f64(1)));
    if (weighted) perFeature.push(...addAt(b, 8, get(uk)));
    perFeature.push(...addAt(b, 16, get(gk)));
  }
  const body = [
    ...returnIfEmpty(m),
    ...get(idx), ...get(m), ...i32(4), OP.i32Mul, OP.i32Add, ...set(end),
    ...loopWhile([
      ...get(idx), ...memOp(OP.i32Load, 2), ...set(i),
      ...get(g), ...memOp(OP.f64Load, 3), ...set(gk),
      ...(weighted ? [...get(u), ...memOp(OP.f64Load, 3), ...set(uk)] : []),
      ...perFeature,
      ...bump(idx, 4), ...bump(g, 8), ...(weighted ? bump(u, 8) : []),
    ], idx, end),
  ];
  return { name: `${weighted ? "colsW" : "cols"}${width}`, params, locals: weighted ? [I32, I32, I32, F64, F64] : [I32, I32, I32, F64], body };
}

function root(width: number): WasmFunction {
  // Parameters: s, n, c_0…, h_0…; locals i, end (s + 8n), b, gk. `s` walks the gradients.
  const s = 0, n = 1, c = (f: number) => 2 + f, h = (f: number) => 2 + width + f;
  const params = 2 + 2 * width;
  const i = params, end = params + 1, b = params + 2, gk = params + 3;
  const perFeature: number[] = [];
  for (let f = 0; f < width; f++) perFeature.push(...binAddress(c(f), get(i), h(f), b), ...addAt(b, 16, get(gk)));
  const body = [
    ...returnIfEmpty(n),
    ...get(s), ...get(n), ...i32(8), OP.i32Mul, OP.i32Add, ...set(end),
    ...i32(0), ...set(i),
    ...loopWhile([
      ...get(s), ...memOp(OP.f64Load, 3), ...set(gk),
      ...perFeature,
      ...bump(i, 1), ...bump(s, 8),
    ], s, end),
  ];
  return { name: `root${width}`, params, locals: [I32, I32, I32, F64], body };
}

function partition(): WasmFunction {
  const [column, cut, idx, m, left, right, end, i, toRight, l] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const body = [
    ...get(left), ...set(l),
    ...returnIfEmpty(m, i32(0)),
    ...get(idx), ...get(m), ...i32(4), OP.i32Mul, OP.i32Add, ...set(end),
    ...loopWhile([
      ...get(idx), ...memOp(OP.i32Load, 2), ...set(i),
      // Branch-free, as runPartitionJob: the row is written to both sides and one cursor moves.
      ...get(cut), ...get(column), ...get(i), OP.i32Add, ...memOp(OP.i32Load8u, 0), OP.i32Sub, ...i32(31), OP.i32ShrU, ...set(toRight),
      ...get(l), ...get(i), ...memOp(OP.i32Store, 2),
      ...get(right), ...get(i), ...memOp(OP.i32Store, 2),
      ...get(l), ...i32(4), ...get(toRight), ...i32(2), OP.i32Shl, OP.i32Sub, OP.i32Add, ...set(l),
      ...get(right), ...get(toRight), ...i32(2), OP.i32Shl, OP.i32Add, ...set(right),
      ...bump(idx, 4),
    ], idx, end),
    ...get(l), ...get(left), OP.i32Sub, ...i32(2), OP.i32ShrU,
  ];
  return { name: "partition", params: 6, returnsI32: true, locals: [I32, I32, I32, I32], body };
}

/** The module's bytes, for a shared or an unshared memory. */
export function histogramModuleBytes(shared: boolean): Uint8Array {
  const functions = [gather(), gatherW(), partition()];
  for (const width of KERNEL_WIDTHS) functions.push(cols(width, false), cols(width, true), root(width));
  return encodeModule(functions, shared);
}
