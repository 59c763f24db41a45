import { mulberry32 } from "../steps/types";
import type { HelperThreads } from "../threads/helper-threads";
import { sqDist } from "./kmeans-distance";
import { runSeedingJob, SEED_BLOCK, type SeedingJob } from "./kmeans-seeding-job";
import type { KMeansArena } from "./kmeans-wasm";

export { sqDist };

/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007) in its "greedy" form, as scikit-learn does: each
 * new centre is the best of 2 + ⌊ln k⌋ candidates drawn in proportion to D(x)², which gives
 * noticeably better starts than plain k-means++ for the same cost.
 *
 * `x` is row-major n×p float64; returns k×p row-major centres, and the index of the centre nearest
 * each row (ties to the lower index), which is the first assignment of Lloyd's algorithm, computed
 * exactly on the way. Seeded, so a notebook re-runs to the same clusters.
 *
 * Speed without changing the answer: the candidates of a round are all drawn first (the weights do
 * not change between them), then scored four at a time in one pass over the rows, each row read
 * once for the four, skipping rows that provably cannot move (kmeans-seeding-job.ts). A row's
 * term for the winner is its new D(x)², so the next round draws from those terms directly and the
 * rows take the winner at the start of the next pass. With `threads` (their arrays in shared
 * memory), each pass is split by blocks of rows between this thread and the helpers; sums are
 * added in block order, so the centres are the same on any number of threads. When x is an
 * `arena`'s rows (kmeans-wasm.ts), the scoring runs as WebAssembly (SIMD), to the same bits.
 */
export async function kmeansPlusPlus(
  x: Float64Array, n: number, p: number, k: number, seed: number, threads?: HelperThreads, arena?: KMeansArena,
): Promise<{ centres: Float64Array; labels: Int32Array }> {
  const rand = mulberry32(seed);
  const centres = new Float64Array(k * p);
  const trials = 2 + Math.floor(Math.log(k));
  const slots = Math.ceil(trials / 4) * 4; // candidates padded to groups of four
  const memory = (bytes: number) => (threads ? threads.shared(bytes) : new ArrayBuffer(bytes));
  const wasm = arena?.serves(x, n, p, k) ? arena : undefined;
  const closest = wasm ? wasm.closest : new Float64Array(memory(8 * n));
  /** Which chosen centre each row is nearest to (the pruning bound is taken from it). */
  const owner = wasm ? wasm.owner : new Int32Array(memory(4 * n));
  const scored = wasm ? wasm.scored : new Float64Array(memory(32 * n));
  const base = { x, p, k, closest, owner, scored, initRow: -1, applySlot: -1, applyAs: 0, candidates: null, quarter: null, wasm: wasm?.wasm ?? null };
  /** A group to score: in the arena too when the kernel runs (the passes only read it). */
  const scoring = (group: { candidates: Float64Array; quarter: Float64Array }) => {
    wasm?.setGroup(group.candidates, group.quarter, k);
    return group;
  };

  const first = Math.floor(rand() * n);
  centres.set(x.subarray(first * p, first * p + p), 0);
  const initSums = await seedingPass(threads, { ...base, initRow: first }, n);
  let pot = blockTotals(initSums)[0];
  /**
   * Where the current D(x)² are: `closest` (stride 1), or one slot of `scored` (stride 4); and
   * their per-block sums (slot `slot` of every 4 in `blocks`), which let the draws skip blocks.
   */
  let weights = { values: closest, at: 0, stride: 1, blocks: initSums, slot: 0 };
  let apply = { slot: -1, as: 0 };
  const cand = new Int32Array(trials);
  const draws = new Float64Array(trials);
  const pots = new Float64Array(slots);
  for (let c = 1; c < k; c++) {
    for (let t = 0; t < trials; t++) draws[t] = rand();
    sampleByWeight(weights, n, pot, draws, cand);
    for (let g = 0; g < slots; g += 4) {
      const group = scoring(candidateGroup(x, p, k, centres, c, cand.subarray(g, Math.min(trials, g + 4))));
      // The previous round's winner is applied before this group is scored (and only once).
      const groupSums = await seedingPass(threads, { ...base, applySlot: apply.slot, applyAs: apply.as, ...group }, n);
      apply = { slot: -1, as: 0 };
      pots.set(blockTotals(groupSums), g);
      if (g + 4 >= slots) {
        let best = 0;
        for (let t = 1; t < trials; t++) if (pots[t] < pots[best]) best = t;
        if (best < g) {
          // The winner was in an earlier group, whose terms were overwritten: score it alone again.
          const alone = await seedingPass(threads, { ...base, ...scoring(candidateGroup(x, p, k, centres, c, cand.subarray(best, best + 1))) }, n);
          apply = { slot: 0, as: c };
          weights = { values: scored, at: 0, stride: 4, blocks: alone, slot: 0 };
        } else {
          apply = { slot: best - g, as: c };
          weights = { values: scored, at: apply.slot, stride: 4, blocks: groupSums, slot: apply.slot };
        }
        centres.set(x.subarray(cand[best] * p, cand[best] * p + p), c * p);
        pot = pots[best];
      }
    }
  }
  if (apply.slot >= 0) await seedingPass(threads, { ...base, applySlot: apply.slot, applyAs: apply.as }, n);
  // The arena's owner array is the next restart's: the labels leave in a copy of their own.
  return { centres, labels: wasm ? owner.slice() : owner };
}

/**
 * Up to four candidate rows as a group to score: their coordinates (4·p) and pruning thresholds
 * |cand − centre a|²/4 against the `chosen` centres so far, shaded down by 1e-9 against rounding
 * (Infinity for padding and for centres not chosen yet).
 */
function candidateGroup(
  x: Float64Array, p: number, k: number, centres: Float64Array, chosen: number, rows: Int32Array,
): { candidates: Float64Array; quarter: Float64Array } {
  const candidates = new Float64Array(4 * p);
  const quarter = new Float64Array(4 * k).fill(Infinity);
  rows.forEach((row, t) => {
    candidates.set(x.subarray(row * p, row * p + p), t * p);
    for (let a = 0; a < chosen; a++) quarter[t * k + a] = (sqDist(x, row * p, centres, a * p, p) / 4) * (1 - 1e-9);
  });
  return { candidates, quarter };
}

/** Runs a pass over all n rows: blocks split between this thread and the helpers; 4 sums per block, in block order. */
async function seedingPass(threads: HelperThreads | undefined, job: Omit<SeedingJob, "from" | "to">, n: number): Promise<Float64Array> {
  const blocks = Math.ceil(n / SEED_BLOCK);
  const parts = threads ? Math.min(blocks, threads.helpers + 1) : 1;
  const edge = (q: number) => Math.min(n, Math.round((q * blocks) / parts) * SEED_BLOCK);
  const jobs: SeedingJob[] = [];
  for (let q = 1; q < parts; q++) jobs.push({ ...job, from: edge(q), to: edge(q + 1) });
  // A helper that fails costs only speed: its share is then run here (the passes only write rows
  // of their own range, so running one again gives the same result).
  const pending = jobs.length > 0 ? threads!.run("kmeansSeeding", jobs).catch(() => null) : Promise.resolve([]);
  const own = runSeedingJob({ ...job, from: 0, to: edge(1) });
  const rest = (await pending) ?? jobs.map(runSeedingJob);
  const out = new Float64Array(4 * blocks);
  out.set(own, 0);
  let at = own.length;
  for (const sums of rest) out.set(sums, at), (at += sums.length);
  return out;
}

/** The four sums added over the blocks, in block order. */
function blockTotals(sums: Float64Array): Float64Array {
  const out = new Float64Array(4);
  for (let b = 0; b < sums.length; b += 4) for (let t = 0; t < 4; t++) out[t] += sums[b + t];
  return out;
}

/** Weights w[at + stride·i] of n rows, and their sums per SEED_BLOCK rows in slot `slot` of every 4 of `blocks`. */
export interface BlockedWeights {
  readonly values: Float64Array;
  readonly at: number;
  readonly stride: number;
  readonly blocks: Float64Array;
  readonly slot: number;
}

/**
 * For each draw u, row i with probability w[i] / total (the last positive weight when rounding
 * runs off the end), into `out`. Each draw first skips whole blocks whose sum its remainder
 * exceeds, then walks rows one by one from there (into later blocks if rounding asks for it), so
 * a draw reads one block of rows instead of all the rows before it.
 */
export function sampleByWeight(weights: BlockedWeights, n: number, total: number, draws: Float64Array, out: Int32Array): void {
  const { values: w, at, stride, blocks, slot } = weights;
  const m = draws.length;
  if (!(total > 0)) {
    for (let t = 0; t < m; t++) out[t] = Math.floor(draws[t] * n);
    return;
  }
  for (let t = 0; t < m; t++) {
    let target = draws[t] * total;
    let b = 0;
    const nBlocks = blocks.length / 4;
    while (b + 1 < nBlocks && target - blocks[4 * b + slot] >= 0) {
      target -= blocks[4 * b + slot];
      b++;
    }
    out[t] = -1;
    for (let i = b * SEED_BLOCK, q = at + stride * i; i < n; i++, q += stride) {
      target -= w[q];
      if (target < 0) { out[t] = i; break; }
    }
    if (out[t] < 0) out[t] = lastPositive(w, at, stride, n);
  }
}

/** The last row with a positive weight (0 when none). */
function lastPositive(w: Float64Array, at: number, stride: number, n: number): number {
  for (let i = n - 1, q = at + stride * i; i >= 0; i--, q -= stride) if (w[q] > 0) return i;
  return 0;
}
