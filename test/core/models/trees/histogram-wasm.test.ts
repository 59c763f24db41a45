// The WebAssembly histogram kernels give the JavaScript loops' histograms to the bit (the same
// adds in the same order), in private and in shared memory, its partition the JavaScript
// partition's rows, and a tree grown with them is the tree grown without them, on one thread or
// with helpers.
import { describe, expect, it } from "vitest";
import { applyBins, fitBins } from "../../../../src/core/models/trees/binning";
import { growTree } from "../../../../src/core/models/trees/grow-tree";
import { accumulateColumns, accumulateRootSums, histogramLayout } from "../../../../src/core/models/trees/histogram";
import { accumulateWasm, HistogramArena } from "../../../../src/core/models/trees/histogram-wasm";
import { partitionOnThreads, partitionRows } from "../../../../src/core/models/trees/partition";
import { newton } from "../../../../src/core/models/trees/criteria";
import { mulberry32 } from "../../../../src/core/random";
import { inProcessThreads } from "../../../helpers/in-process-threads";

describe("WebAssembly histogram kernels", () => {
  // 7 features: a group of four, a pair and a single; 70,000 rows: several gathered chunks.
  const n = 70_000, p = 7, r = mulberry32(21);
  const x = Float64Array.from({ length: n * p }, () => Math.round(r() * 1e5) / 7);
  const s0 = Float64Array.from({ length: n }, () => r() - 0.5), w0 = Float64Array.from({ length: n }, () => 0.5 + r());

  for (const shared of [false, true]) {
    it(`add what accumulateColumns and accumulateRootSums add, to the bit (${shared ? "shared" : "private"} memory)`, () => {
      const mapper = fitBins(x, n, p, 255);
      const { offsets, size } = histogramLayout(mapper.nBins);
      const arena = HistogramArena.create(n * p + 16 * n + 4 * n, 2, size, shared)!;
      expect(arena).toBeDefined();
      const bm = applyBins(mapper, x, n, p, (bytes) => arena.u8(bytes));
      expect(arena.holds(bm.codes)).toBe(true);
      const s = arena.f64(n), w = arena.f64(n), idx = arena.u32(n);
      s.set(s0); w.set(w0);
      const rows = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 1);
      idx.set(rows);
      const start = 17, end = rows.length - 9;
      for (const weights of [w, null]) {
        for (const [from, to] of [[0, p], [1, 6], [4, 7], [6, 7]]) {
          // Histograms that already hold something: the kernels add to it, as the loops do.
          const seed = Float64Array.from({ length: size }, () => Math.round(r() * 8));
          const js = Float64Array.from(seed), wasm = Float64Array.from(seed);
          accumulateColumns(js, offsets, bm.codes, n, weights, s, idx, start, end, null, from, to);
          accumulateWasm(arena.thread(1), wasm, offsets, bm.codes, n, weights, s, idx, start, end, from, to, false);
          expect(Array.from(wasm)).toEqual(Array.from(js));
        }
      }
      const js = new Float64Array(size), wasm = new Float64Array(size);
      accumulateRootSums(js, offsets, bm.codes, n, s, 0, p);
      accumulateWasm(arena.thread(0), wasm, offsets, bm.codes, n, null, s, idx, 0, n, 0, p, true);
      expect(Array.from(wasm)).toEqual(Array.from(js));
    });
  }

  it("grow the tree grown without them, with hessians or unit weights, alone or with helpers", async () => {
    const mapper = fitBins(x, n, p, 255);
    const { size } = histogramLayout(mapper.nBins);
    const plain = applyBins(mapper, x, n, p);
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    for (const unitWeights of [true, false]) {
      const options = { criterion: newton(0), maxDepth: Infinity, minSamplesSplit: 2, minSamplesLeaf: 20, minWeightLeaf: 1e-3, minGain: 0, maxLeafNodes: 31, maxFeatures: p, random: () => 0 };
      const w = unitWeights ? new Float64Array(n).fill(1) : w0;
      const expected = await growTree(plain, { w, s: s0, unitWeights }, rows, options, new Float64Array(p));
      for (const helpers of [0, 2]) {
        const threads = helpers > 0 ? inProcessThreads(helpers) : undefined;
        const arena = HistogramArena.create(n * p + 20 * n, helpers + 1, size, threads !== undefined)!;
        const bm = applyBins(mapper, x, n, p, (bytes) => arena.u8(bytes));
        const s = arena.f64(n), wa = arena.f64(n);
        s.set(s0); wa.set(w);
        const importance = new Float64Array(p);
        const got = await growTree(bm, { w: wa, s, unitWeights }, rows, { ...options, threads, arena, rowBuffer: arena.u32(n) }, importance);
        expect(got.tree.nLeaves).toBe(31);
        for (const key of ["feature", "threshold", "value", "left", "right", "count"] as const) {
          expect(Array.from(got.tree[key])).toEqual(Array.from(expected.tree[key]));
        }
      }
    }
  });

  it("partition a node's rows as the JavaScript loop does, alone and with helpers (or failed ones)", async () => {
    const mapper = fitBins(x, n, p, 255);
    const { size } = histogramLayout(mapper.nBins);
    const rows = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 7 !== 3);
    const plain = applyBins(mapper, x, n, p);
    for (const [j, cut] of [[0, 100], [2, 3], [1, 254], [4, 0]]) {
      const expected = Uint32Array.from(rows);
      const mid = partitionRows(plain.codes, n, j, cut, expected, 100, rows.length - 50, new Uint32Array(n));
      for (const helpers of [0, 1, 2]) {
        for (const failing of [false, true]) {
          const arena = HistogramArena.create(n * p + 12 * n, helpers + 1, size, helpers > 0)!;
          const bm = applyBins(mapper, x, n, p, (bytes) => arena.u8(bytes));
          const idx = arena.u32(n), left = arena.u32(n), right = arena.u32(n);
          idx.set(rows);
          const got = helpers === 0
            ? partitionRows(bm.codes, n, j, cut, idx, 100, rows.length - 50, left, arena.thread(0))
            : await partitionOnThreads(inProcessThreads(helpers, failing), bm.codes, n, j, cut, idx, 100, rows.length - 50, left, right, arena);
          expect(got).toBe(mid);
          expect(Array.from(idx.subarray(0, rows.length))).toEqual(Array.from(expected));
        }
      }
    }
  });
});
