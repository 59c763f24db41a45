import { describe, expect, it } from "vitest";
import { fitKMeans } from "../../../src/core/models/kmeans";
import { kmeansPlusPlus } from "../../../src/core/models/kmeans-init";
import { SEED_BLOCK } from "../../../src/core/models/kmeans-seeding-job";
import { KMeansArena } from "../../../src/core/models/kmeans-wasm";
import { mulberry32 } from "../../../src/core/random";
import { pairSums } from "../../../src/core/models/kmeans-silhouette";
import { silhouetteSumsWasm } from "../../../src/core/models/kmeans-silhouette-wasm";
import { inProcessThreads } from "../../helpers/in-process-threads";

/** n rows of p features around `blobs` centres, some rows exact duplicates (ties), a few huge. */
function blobs(n: number, p: number, blobs: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  const centres = Array.from({ length: blobs * p }, () => 20 * rand() - 10);
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rand() * blobs);
    for (let j = 0; j < p; j++) x[i * p + j] = centres[c * p + j] + (rand() - 0.5) * (1 + j);
    if (i % 1013 === 7 && i > 0) x.copyWithin(i * p, (i - 1) * p, i * p);
    if (i % 4099 === 11) x[i * p] = 1e6;
  }
  return x;
}

function inArena(x: Float64Array, n: number, p: number, shared: boolean): { arena: KMeansArena; x: Float64Array } {
  const arena = KMeansArena.create(n, p, shared);
  if (!arena) throw new Error("no WebAssembly arena in this runtime");
  arena.x.set(x);
  return { arena, x: arena.x };
}

describe("k-means++ scoring in WebAssembly", () => {
  it("gives the JavaScript loops' centres and labels to the bit, for several p and k (one and two candidate groups)", async () => {
    for (const [n, p] of [[5000, 1], [9000, 3], [20_000, 8], [3000, 13]] as const) {
      const x = blobs(n, p, 6, 100 + p);
      const w = inArena(x, n, p, false);
      for (const k of [1, 2, 8, 25]) {
        const js = await kmeansPlusPlus(x, n, p, k, 5);
        const wasm = await kmeansPlusPlus(w.x, n, p, k, 5, undefined, w.arena);
        expect(Array.from(wasm.centres)).toEqual(Array.from(js.centres));
        expect(Array.from(wasm.labels)).toEqual(Array.from(js.labels));
      }
    }
  });

  it("gives the same on helper threads over a shared arena, and a whole fit equals the fit without WebAssembly", async () => {
    const n = 3 * SEED_BLOCK + 1234, p = 8;
    const x = blobs(n, p, 8, 9);
    const w = inArena(x, n, p, true);
    expect(w.x.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const k of [8, 25]) {
      const js = await kmeansPlusPlus(x, n, p, k, 42);
      for (const helpers of [1, 3]) {
        const threads = inProcessThreads(helpers);
        const wasm = await kmeansPlusPlus(w.x, n, p, k, 42, threads, w.arena);
        expect(threads.jobs).toBeGreaterThan(0);
        expect(Array.from(wasm.centres)).toEqual(Array.from(js.centres));
        expect(Array.from(wasm.labels)).toEqual(Array.from(js.labels));
      }
    }
    const a = await fitKMeans(x, n, p, { k: 8, nInit: 2, seed: 3, engine: "js" });
    const b = await fitKMeans(w.x, n, p, { k: 8, nInit: 2, seed: 3, engine: "js", threads: inProcessThreads(1), arena: w.arena });
    expect(b.inertia).toBe(a.inertia);
    expect(b.restartInertias).toEqual(a.restartInertias);
    expect(Array.from(b.centres)).toEqual(Array.from(a.centres));
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
  });

  it("is not used for rows outside the arena (the JS loops run)", async () => {
    const n = 2000, p = 4;
    const x = blobs(n, p, 3, 1);
    const { arena } = inArena(x, n, p, false);
    expect(arena.serves(x, n, p, 3)).toBe(false);
    expect(arena.serves(arena.x, n, p, 3)).toBe(true);
    const a = await kmeansPlusPlus(x, n, p, 3, 1, undefined, arena);
    const b = await kmeansPlusPlus(x, n, p, 3, 1);
    expect(Array.from(a.centres)).toEqual(Array.from(b.centres));
  });
});

describe("the silhouette's pair sums in WebAssembly", () => {
  it("equal the JavaScript loop's to the bit (odd and even row counts, several p and k)", () => {
    for (const [n, p, k] of [[2, 1, 2], [3, 2, 2], [301, 8, 5], [1000, 3, 8], [257, 13, 3]] as const) {
      const x = blobs(n, p, k, n + p);
      const labels = Int32Array.from({ length: n }, (_, i) => (i * 7 + (i >> 3)) % k);
      const wasm = silhouetteSumsWasm(x, n, p, labels, k);
      expect(wasm).toBeDefined();
      expect(Array.from(wasm!)).toEqual(Array.from(pairSums(x, n, p, labels, k)));
    }
  });
});
