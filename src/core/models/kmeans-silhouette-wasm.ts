/**
 * The silhouette's pair loop (kmeans-silhouette.ts) in WebAssembly with SIMD: two other rows at a
 * time in f64x2 lanes, each lane summing its squares over the features in the JavaScript order and
 * taking the same correctly rounded square root, then the four per-cluster adds of the two pairs
 * done one by one in the JavaScript order. So the per-cluster sums, and the score, are the same to
 * the bit. The rows are copied feature by feature into a private WebAssembly.Memory (a sample of
 * a few thousand rows: under a millisecond), so that the two rows of a pair are side by side.
 */
import { encodeModule, F64, I32, i32, memOp, OP, SIMD, simd, uleb, V128, type WasmFunction } from "../wasm/encoder";
import { wasmApi, wasmMemory } from "../wasm/api";

/** Features the kernel is unrolled for at most (wider rows use the JS loop). */
const MAX_P = 64;

const modules = new Map<number, object | null>();

function moduleFor(p: number): object | null {
  if (!modules.has(p)) {
    let module: object | null = null;
    try {
      module = wasmApi ? new wasmApi.Module(encodeModule([rowKernel(p)], false)) : null;
    } catch {
      module = null;
    }
    modules.set(p, module);
  }
  return modules.get(p)!;
}

/**
 * Σ over the other rows of each cluster of the distance from row i, per row (n×k, row i's sums at
 * i·k), as silhouetteScore's pair loop adds them; undefined where WebAssembly SIMD is missing (the
 * caller then runs the JS loop).
 */
export function silhouetteSumsWasm(x: Float64Array, n: number, p: number, labels: Int32Array, k: number): Float64Array | undefined {
  if (!wasmApi || p < 1 || p > MAX_P || n < 2) return undefined;
  const module = moduleFor(p);
  if (!module) return undefined;
  const stride = n + 2; // feature-major, padded so that the last pair's second lane reads inside
  const xtAt = 0, labelsAt = align(xtAt + 8 * p * stride), sumsAt = align(labelsAt + 4 * n), xiAt = align(sumsAt + 8 * n * k);
  const bytes = align(xiAt + 16 * p);
  const memory = wasmMemory(bytes, false);
  if (!memory) return undefined;
  const b = memory.buffer;
  const xt = new Float64Array(b, xtAt, p * stride);
  for (let i = 0, o = 0; i < n; i++, o += p) for (let j = 0; j < p; j++) xt[j * stride + i] = x[o + j];
  new Int32Array(b, labelsAt, n).set(labels.subarray(0, n));
  const xi = new Float64Array(b, xiAt, 2 * p);
  const row = new wasmApi.Instance(module, { m: { mem: memory } }).exports.row as (...args: number[]) => void;
  for (let i = 0; i + 1 < n; i++) {
    for (let j = 0; j < p; j++) xi[2 * j] = xi[2 * j + 1] = x[i * p + j];
    row(xtAt, 8 * stride, n, i, labelsAt, sumsAt, k, xiAt);
  }
  return new Float64Array(b, sumsAt, n * k);
}

const align = (bytes: number) => Math.ceil(bytes / 64) * 64;

const get = (k: number) => [OP.localGet, k];
const set = (k: number) => [OP.localSet, k];
const V = (op: number) => simd(op);
const vload = (offset: number) => simd(SIMD.v128Load, 3, ...uleb(offset));

/**
 * `row(xt, stride, n, i, labels, sums, k, xi)`: for the other rows r = i+1… in pairs, d = |x_i − x_r|
 * (xi: x_i's features, each twice), then sums[i·k + label r] += d and sums[r·k + label i] += d.
 */
function rowKernel(p: number): WasmFunction {
  const [xt, stride, n, i, labels, sums, k, xi] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [r, a, li, si] = [8, 9, 10, 11];
  const [acc, u] = [12, 13];
  const [d] = [14];
  const locals = [I32, I32, I32, I32, V128, V128, F64];
  const distance: number[] = [];
  for (let j = 0; j < p; j++) {
    distance.push(...get(xi), ...vload(16 * j), ...get(a), ...vload(0), ...V(SIMD.f64x2Sub), ...set(u));
    if (j === 0) distance.push(...get(u), ...get(u), ...V(SIMD.f64x2Mul), ...set(acc));
    else distance.push(...get(acc), ...get(u), ...get(u), ...V(SIMD.f64x2Mul), ...V(SIMD.f64x2Add), ...set(acc));
    if (j + 1 < p) distance.push(...get(a), ...get(stride), OP.i32Add, ...set(a));
  }
  /** sums[at] += d, `at` a byte address pushed by `address`. */
  const addD = (address: number[]) => [...address, ...address, ...memOp(OP.f64Load, 3), ...get(d), OP.f64Add, ...memOp(OP.f64Store, 3)];
  /** The pair (i, row) with distance d: row i's sum for row's cluster, then row's sum for i's cluster. */
  const scatter = (row: number[]) => [
    ...addD([...get(si), ...get(labels), ...row, ...i32(2), OP.i32Shl, OP.i32Add, ...memOp(OP.i32Load, 2), ...i32(3), OP.i32Shl, OP.i32Add]),
    ...addD([...get(sums), ...row, ...get(k), OP.i32Mul, ...get(li), OP.i32Add, ...i32(3), OP.i32Shl, OP.i32Add]),
  ];
  const rPlus1 = [...get(r), ...i32(1), OP.i32Add];
  const body = [
    ...get(labels), ...get(i), ...i32(2), OP.i32Shl, OP.i32Add, ...memOp(OP.i32Load, 2), ...set(li),
    ...get(sums), ...get(i), ...get(k), OP.i32Mul, ...i32(3), OP.i32Shl, OP.i32Add, ...set(si),
    ...get(i), ...i32(1), OP.i32Add, ...set(r),
    OP.block, 0x40, OP.loop, 0x40,
    ...get(r), ...get(n), OP.i32GeS, OP.brIf, 1,
    ...get(xt), ...get(r), ...i32(3), OP.i32Shl, OP.i32Add, ...set(a),
    ...distance,
    ...get(acc), ...V(SIMD.f64x2Sqrt), ...set(acc),
    ...get(acc), ...V(SIMD.f64x2ExtractLane), 0, ...set(d),
    ...scatter(get(r)),
    ...rPlus1, ...get(n), OP.i32LtU, OP.if, 0x40,
    ...get(acc), ...V(SIMD.f64x2ExtractLane), 1, ...set(d),
    ...scatter(rPlus1),
    OP.end,
    ...get(r), ...i32(2), OP.i32Add, ...set(r),
    OP.br, 0,
    OP.end, OP.end,
  ];
  return { name: "row", params: 8, locals, body };
}
