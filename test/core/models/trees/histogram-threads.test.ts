// Boosting's work on several threads (histograms, partitions, score passes) gives what one thread
// gives, to the bit. The helper threads here run the helper's own job functions in this process
// over SharedArrayBuffers; the real Web Workers are exercised end to end (test/e2e/runner.e2e.test.ts).
import { describe, expect, it } from "vitest";
import { applyBins, fitBins } from "../../../../src/core/models/trees/binning";
import { accumulateRows, histogramLayout } from "../../../../src/core/models/trees/histogram";
import { accumulateOnThreads } from "../../../../src/core/models/trees/histogram-threads";
import { inProcessThreads } from "../../../helpers/in-process-threads";
import { partitionOnThreads, partitionRows } from "../../../../src/core/models/trees/partition";
import { boostingStep, leafMarks, STEP_BLOCK } from "../../../../src/core/models/trees/boosting-step";
import { gradientBoostingAlgorithm } from "../../../../src/core/models/trees";
import { makeTable } from "../../../../src/core/frame/table";
import { mulberry32 } from "../../../../src/core/random";
import { fitContext } from "./trees-data";

const n = 40_000, p = 7, rand = mulberry32(17);
const x = Float64Array.from({ length: n * p }, () => Math.round(rand() * 1e4) / 100);
const y = Float64Array.from({ length: n }, (_, i) => Math.sin(x[i * p] / 10) * 3 + x[i * p + 1] / 20 - (x[i * p + 2] > 50 ? 2 : 0) + rand());

describe("boosting on helper threads: histograms, partitions and score passes", () => {
  it("split the features between the caller and 1-7 helpers and add up to the one-thread histogram", async () => {
    const threads = inProcessThreads(1);
    const bm = applyBins(fitBins(x, n, p, 255), x, n, p, threads.shared);
    const { offsets, size } = histogramLayout(bm.mapper.nBins);
    const s = new Float64Array(threads.shared(8 * n)), w = new Float64Array(threads.shared(8 * n));
    for (let i = 0; i < n; i++) (s[i] = y[i] - 1), (w[i] = 1 + (i % 4) / 4);
    const idx = new Uint32Array(threads.shared(4 * n));
    idx.set(Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 1));
    const all = Int32Array.from({ length: p }, (_, j) => j);
    const one = new Float64Array(size);
    accumulateRows(one, offsets, bm, all, { w, s }, idx, 50, 20_000);
    for (const helpers of [1, 2, 3, 7]) {
      const h = new Float64Array(size);
      await accumulateOnThreads(inProcessThreads(helpers), h, offsets, bm.codes, bm.n, p, w, s, idx, 50, 20_000);
      expect(Array.from(h)).toEqual(Array.from(one));
    }
  });

  it("boosting grows the same trees with and without helpers, and says how many threads it used", async () => {
    const train = { x, y, n, p, features: Array.from({ length: p }, (_, j) => `x${j}`), rows: Int32Array.from({ length: n }, (_, i) => i), droppedRows: 0, constantFeatures: [] };
    const options = gradientBoostingAlgorithm.parseOptions({ maxIter: 8, earlyStopping: "off" }, "params");
    const threads = inProcessThreads(2);
    const alone = await gradientBoostingAlgorithm.fit(train, "regression", options, fitContext(5));
    const shared = await gradientBoostingAlgorithm.fit(train, "regression", options, { ...fitContext(5), threads });
    // Helpers that fail cost only speed: their shares are built on the caller's thread.
    const failed = await gradientBoostingAlgorithm.fit(train, "regression", options, { ...fitContext(5), threads: inProcessThreads(2, true) });
    expect(await failed.save()).toEqual(await alone.save());
    expect(threads.jobs).toBeGreaterThan(8 * 2);
    expect((alone.summary as any).boosting.threads).toBe(1);
    expect((shared.summary as any).boosting.threads).toBe(3);
    expect((shared.summary as any).boosting.trainLoss).toBe((alone.summary as any).boosting.trainLoss);
    const table = makeTable(train.features.map((name, j) => ({ name, type: "number" as const, values: Float64Array.from({ length: n }, (_, i) => x[i * p + j]) })));
    expect(Array.from(await shared.predict(table))).toEqual(Array.from(await alone.predict(table)));
    expect(await shared.save()).toEqual(await alone.save());
  });

  it("split a node's rows on 1-3 helpers (or on failed ones) exactly as one thread does", async () => {
    const threads = inProcessThreads(1);
    const bm = applyBins(fitBins(x, n, p, 255), x, n, p, threads.shared);
    const rows = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 7 !== 3);
    for (const [j, cut] of [[0, 100], [2, 3], [1, 254], [4, 0]]) {
      const expected = Uint32Array.from(rows);
      const mid = partitionRows(bm.codes, n, j, cut, expected, 100, rows.length - 50, new Uint32Array(n));
      for (const helpers of [1, 2, 3]) {
        for (const failing of [false, true]) {
          const shared = (length: number) => new Uint32Array(threads.shared(4 * length));
          const idx = shared(n);
          idx.set(rows);
          const got = await partitionOnThreads(inProcessThreads(helpers, failing), bm.codes, n, j, cut, idx, 100, rows.length - 50, shared(n), shared(n));
          expect(got).toBe(mid);
          expect(Array.from(idx.subarray(0, rows.length))).toEqual(Array.from(expected));
        }
      }
    }
  });

  it("boosting steps give one thread's scores, gradients and loss on 1-3 helpers (or failed ones)", async () => {
    const m = 9 * STEP_BLOCK + 123, r = mulberry32(4);
    const memory = (length: number) => new Float64Array(new SharedArrayBuffer(8 * length));
    const y = memory(m), raw = memory(m);
    for (let i = 0; i < m; i++) (y[i] = r() < 0.4 ? 1 : 0), (raw[i] = r() * 2 - 1);
    const idx = new Uint32Array(new SharedArrayBuffer(4 * m));
    idx.set(Uint32Array.from({ length: m }, (_, i) => i).sort((a, b) => ((a * 7919) % m) - ((b * 7919) % m)));
    const cuts = [0, 5, 40_000, 40_001, 100_000, m];
    const leaves = { start: Int32Array.from(cuts.slice(0, -1)), end: Int32Array.from(cuts.slice(1)), value: Float64Array.of(0.5, -0.25, 1e-3, 2, -1) };
    const run = async (threads?: ReturnType<typeof inProcessThreads>) => {
      const out = [];
      for (const loss of ["half_squared_error", "log_loss"] as const) {
        const arrays = { loss, y, g: memory(m), h: memory(m), leafOf: leafMarks(m, 31, (bytes) => new SharedArrayBuffer(bytes)) };
        const next = memory(m);
        const before = await boostingStep(threads, arrays, raw, next, null);
        const after = await boostingStep(threads, arrays, raw, next, { idx, leaves });
        out.push({ before, after, next: Array.from(next), g: Array.from(arrays.g), h: Array.from(arrays.h) });
      }
      return out;
    };
    const alone = await run();
    expect(alone[0].next[idx[3]]).toBe(raw[idx[3]] + 0.5);
    expect(alone[0].next[idx[m - 1]]).toBe(raw[idx[m - 1]] - 1);
    expect(alone[0].g[7]).toBe(alone[0].next[7] - y[7]);
    expect(alone[0].after).not.toBe(alone[0].before);
    for (const helpers of [1, 2, 3]) {
      for (const failing of [false, true]) {
        const threads = inProcessThreads(helpers, failing);
        expect(await run(threads)).toEqual(alone);
        if (!failing) expect(threads.jobs).toBe(2 * 3 * helpers);
      }
    }
  });
});
