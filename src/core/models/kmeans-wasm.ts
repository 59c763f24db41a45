/**
 * k-means++ scoring (kmeans-seeding-job.ts, scoreFour) in WebAssembly with SIMD: the four
 * candidates' distances are taken two at a time in f64x2 lanes, each lane doing the JavaScript
 * loop's subtractions, products and adds in the same order (WebAssembly never fuses a multiply and
 * an add), so every term and every block sum is the same to the bit. What changes is the machine
 * code: no bounds checks, half the arithmetic instructions.
 *
 * WebAssembly reads only its own memory, so a fit that uses the kernel keeps the rows and the
 * seeding arrays in one `KMeansArena`, a WebAssembly.Memory: shared when helper threads take part
 * (each helper instantiates the module on the same memory), private otherwise. The cluster cell
 * builds the design matrix straight into it (x at byte 0). Where WebAssembly, its SIMD or a
 * shared WebAssembly memory is missing, no arena is made and the JavaScript loops run.
 */
import { encodeModule, F64, I32, i32, memOp, OP, SIMD, simd, uleb, V128, type WasmFunction } from "../wasm/encoder";
import { wasmApi, wasmMemory, type WasmMemory } from "../wasm/api";
import { SEED_BLOCK } from "./kmeans-seeding-job";


/** Centres the arena has room for (pruning thresholds for k centres); larger k uses the JS loops. */
export const ARENA_MAX_K = 128;
/** Features the kernel is unrolled for at most; wider rows use the JS loops. */
export const ARENA_MAX_P = 64;

/** What a thread needs to run the kernel on an arena (travels in a seeding job). */
export interface SeedingWasm {
  readonly memory: WasmMemory;
  /** Identifies the arena, so a helper instantiates the module once per arena, not once per job. */
  readonly id: number;
  readonly p: number;
  /** Byte address of the current group: candidates by pairs (32·p bytes), then thresholds by centre (32·ARENA_MAX_K). */
  readonly group: number;
  /** Byte address of the per-block sums (4 numbers per block of SEED_BLOCK rows). */
  readonly sums: number;
}

let nextId = (Math.random() * 0x40000000) >>> 0;

/** One memory for the rows (x at byte 0) and the seeding arrays. */
export class KMeansArena {
  private constructor(
    readonly memory: WasmMemory, readonly n: number, readonly p: number,
    readonly x: Float64Array, readonly closest: Float64Array, readonly owner: Int32Array, readonly scored: Float64Array,
    readonly wasm: SeedingWasm,
  ) {}

  /**
   * An arena for n rows of p features; shared memory for helper threads. Undefined where
   * WebAssembly (its SIMD, or shared WebAssembly memory) is missing or refused, or the memory
   * would be too large or p too wide: the caller then keeps its arrays and the JS loops.
   */
  static create(n: number, p: number, shared: boolean): KMeansArena | undefined {
    if (!wasmApi || !(n >= 1) || !(p >= 1) || p > ARENA_MAX_P || !kernelModule(shared, p)) return undefined;
    const blocks = Math.ceil(n / SEED_BLOCK);
    let top = 0;
    const take = (bytes: number) => {
      const at = top;
      top = Math.ceil((at + bytes) / 64) * 64;
      return at;
    };
    const xAt = take(8 * n * p), closestAt = take(8 * n), ownerAt = take(4 * n), scoredAt = take(32 * n);
    const groupAt = take(32 * p + 32 * ARENA_MAX_K), sumsAt = take(32 * blocks);
    const memory = wasmMemory(top, shared);
    if (!memory) return undefined;
    const b = memory.buffer;
    return new KMeansArena(
      memory, n, p,
      new Float64Array(b, xAt, n * p), new Float64Array(b, closestAt, n), new Int32Array(b, ownerAt, n), new Float64Array(b, scoredAt, 4 * n),
      { memory, id: nextId++, p, group: groupAt, sums: sumsAt },
    );
  }

  /** True when x is this arena's rows (n×p at byte 0) and k centres fit. */
  serves(x: Float64Array, n: number, p: number, k: number): boolean {
    return x.buffer === this.memory.buffer && x.byteOffset === 0 && n === this.n && p === this.p && k <= ARENA_MAX_K;
  }

  /**
   * Writes a group for the kernel: `candidates` (4·p, candidate t's features at t·p) as pairs
   * [c0 c1][c2 c3] per feature, and `quarter` (4·k, candidate t's threshold for centre a at t·k + a)
   * as the four thresholds of each centre side by side.
   */
  setGroup(candidates: Float64Array, quarter: Float64Array, k: number): void {
    const p = this.p;
    const at = new Float64Array(this.memory.buffer, this.wasm.group, 4 * p + 4 * ARENA_MAX_K);
    for (let j = 0; j < p; j++) for (let t = 0; t < 4; t++) at[4 * j + t] = candidates[t * p + j];
    for (let a = 0; a < k; a++) for (let t = 0; t < 4; t++) at[4 * p + 4 * a + t] = quarter[t * k + a];
  }
}

const modules = new Map<string, object | null>();

/** The compiled module for a shared or private memory and p features; null where it cannot be compiled. */
function kernelModule(shared: boolean, p: number): object | null {
  const key = `${shared}:${p}`;
  if (!modules.has(key)) {
    let module: object | null = null;
    try {
      module = wasmApi ? new wasmApi.Module(seedingModuleBytes(shared, p)) : null;
    } catch {
      module = null;
    }
    modules.set(key, module);
  }
  return modules.get(key)!;
}

type Kernel = (...args: number[]) => void;

/** The instance for the latest arena this thread saw, held weakly (it holds the arena's memory). */
let cached: { id: number; kernels: WeakRef<Record<string, Kernel>> } | null = null;

function kernelsFor(ctx: SeedingWasm): Record<string, Kernel> {
  const hit = cached?.id === ctx.id ? cached.kernels.deref() : undefined;
  if (hit) return hit;
  const shared = typeof SharedArrayBuffer !== "undefined" && ctx.memory.buffer instanceof SharedArrayBuffer;
  const module = kernelModule(shared, ctx.p);
  if (!module || !wasmApi) throw new Error("WebAssembly k-means kernels are unavailable");
  const kernels = new wasmApi.Instance(module, { m: { mem: ctx.memory } }).exports as Record<string, Kernel>;
  cached = { id: ctx.id, kernels: new WeakRef(kernels) };
  return kernels;
}

/**
 * scoreFour (kmeans-seeding-job.ts) over rows [from, to) of one block, as WebAssembly: first, with
 * applySlot ≥ 0, rows nearer the candidate in that slot of `scored` take it as centre applyAs (as
 * applyBlock); then the current group (written by KMeansArena.setGroup) is scored. The block's four
 * sums go to the arena's sums at `block`. The arrays must lie in ctx's arena.
 */
export function scoreBlockWasm(
  ctx: SeedingWasm, x: Float64Array, closest: Float64Array, owner: Int32Array, scored: Float64Array,
  from: number, to: number, applySlot: number, applyAs: number, block: number,
): void {
  const k = kernelsFor(ctx);
  const kernel = applySlot >= 0 ? k.applyScore : k.score;
  kernel(x.byteOffset, closest.byteOffset, owner.byteOffset, scored.byteOffset, from, to,
    ctx.group, ctx.group + 32 * ctx.p, applySlot, applyAs, ctx.sums + 32 * block);
}

// ---- The kernel ----------------------------------------------------------------------------

const get = (k: number) => [OP.localGet, k];
const set = (k: number) => [OP.localSet, k];
const bump = (k: number, by: number) => [...get(k), ...i32(by), OP.i32Add, ...set(k)];
const V = (op: number) => simd(op);
/** v128 load/store with 16-byte alignment hint and a constant offset. */
const vload = (offset: number) => simd(SIMD.v128Load, 4, ...uleb(offset));
const vstore = (offset: number) => simd(SIMD.v128Store, 4, ...uleb(offset));

/**
 * `score` / `applyScore(x, closest, owner, scored, from, to, cand, quarter, applySlot, applyAs, sums)`:
 * byte addresses except from, to (rows), applySlot (0…3) and applyAs (a centre index).
 */
function scoreKernel(p: number, apply: boolean): WasmFunction {
  const [x, closest, owner, scored, from, to, cand, quarter, applySlot, applyAs, sums] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const [xo, cp, op, sp, end, ow] = [11, 12, 13, 14, 15, 16];
  const [ci, d] = [17, 18];
  const [civ, e01, e23, s01, s23, v, u] = [19, 20, 21, 22, 23, 24, 25];
  const locals = [I32, I32, I32, I32, I32, I32, F64, F64, V128, V128, V128, V128, V128, V128, V128];
  const distances: number[] = [];
  for (let j = 0; j < p; j++) {
    distances.push(...get(xo), ...memOp(OP.f64Load, 3, 8 * j), ...V(SIMD.f64x2Splat), ...set(v));
    for (const [e, off] of [[e01, 0], [e23, 16]]) {
      // u = x_j − (c_a, c_b); e = u·u (the first feature), else e + u·u: the JS loop's order.
      distances.push(...get(v), ...get(cand), ...vload(32 * j + off), ...V(SIMD.f64x2Sub), ...set(u));
      if (j === 0) distances.push(...get(u), ...get(u), ...V(SIMD.f64x2Mul), ...set(e));
      else distances.push(...get(e), ...get(u), ...get(u), ...V(SIMD.f64x2Mul), ...V(SIMD.f64x2Add), ...set(e));
    }
  }
  const finishPair = (e: number, s: number, off: number) => [
    // d = e < ci ? e : ci, lane by lane; s += d; scored = d.
    ...get(e), ...get(civ), ...get(e), ...get(civ), ...V(SIMD.f64x2Lt), ...V(SIMD.v128Bitselect), ...set(e),
    ...get(s), ...get(e), ...V(SIMD.f64x2Add), ...set(s),
    ...get(sp), ...get(e), ...vstore(off),
  ];
  const applyRow = apply ? [
    // d = scored[4i + applySlot]; if (d < ci) { closest = ci = d; owner = ow = applyAs }
    ...get(sp), ...get(applySlot), ...i32(3), OP.i32Shl, OP.i32Add, ...memOp(OP.f64Load, 3), ...set(d),
    ...get(d), ...get(ci), OP.f64Lt, OP.if, 0x40,
    ...get(d), ...set(ci), ...get(cp), ...get(ci), ...memOp(OP.f64Store, 3),
    ...get(applyAs), ...set(ow), ...get(op), ...get(ow), ...memOp(OP.i32Store, 2),
    OP.end,
  ] : [];
  const body = [
    ...get(to), ...get(from), OP.i32Sub, ...i32(0), OP.i32LeS, OP.if, 0x40, OP.return, OP.end,
    ...get(from), ...i32(8 * p), OP.i32Mul, ...get(x), OP.i32Add, ...set(xo),
    ...get(from), ...i32(8), OP.i32Mul, ...get(closest), OP.i32Add, ...set(cp),
    ...get(from), ...i32(4), OP.i32Mul, ...get(owner), OP.i32Add, ...set(op),
    ...get(from), ...i32(32), OP.i32Mul, ...get(scored), OP.i32Add, ...set(sp),
    ...get(to), ...i32(8), OP.i32Mul, ...get(closest), OP.i32Add, ...set(end),
    OP.loop, 0x40,
    ...get(cp), ...memOp(OP.f64Load, 3), ...set(ci),
    ...get(op), ...memOp(OP.i32Load, 2), ...set(ow),
    ...applyRow,
    ...get(ci), ...V(SIMD.f64x2Splat), ...set(civ),
    // Pruned when all four thresholds of the row's centre exceed ci (the JS test, lane by lane).
    ...get(quarter), ...get(ow), ...i32(5), OP.i32Shl, OP.i32Add, ...vload(0), ...get(civ), ...V(SIMD.f64x2Gt),
    ...get(quarter), ...get(ow), ...i32(5), OP.i32Shl, OP.i32Add, ...vload(16), ...get(civ), ...V(SIMD.f64x2Gt),
    ...V(SIMD.v128And), ...V(SIMD.i64x2AllTrue),
    OP.if, 0x40,
    ...get(s01), ...get(civ), ...V(SIMD.f64x2Add), ...set(s01),
    ...get(s23), ...get(civ), ...V(SIMD.f64x2Add), ...set(s23),
    ...get(sp), ...get(civ), ...vstore(0),
    ...get(sp), ...get(civ), ...vstore(16),
    OP.else,
    ...distances,
    ...finishPair(e01, s01, 0),
    ...finishPair(e23, s23, 16),
    OP.end,
    ...bump(xo, 8 * p), ...bump(cp, 8), ...bump(op, 4), ...bump(sp, 32),
    ...get(cp), ...get(end), OP.i32LtU, OP.brIf, 0,
    OP.end,
    ...get(sums), ...get(s01), ...vstore(0),
    ...get(sums), ...get(s23), ...vstore(16),
  ];
  return { name: apply ? "applyScore" : "score", params: 11, locals, body };
}

/** The module's bytes for p features, for a shared or an unshared memory. */
export function seedingModuleBytes(shared: boolean, p: number): Uint8Array {
  return encodeModule([scoreKernel(p, false), scoreKernel(p, true)], shared);
}

