/**
 * One pass of k-means++ seeding over a range of rows (kmeans-init.ts): the part of a round that
 * touches every row, written so that several threads can each take a range. Sums are kept per
 * block of SEED_BLOCK rows and added up in block order by the caller, so the potentials, and with
 * them every choice, are the same on any number of threads.
 */
import { sqDist } from "./kmeans-distance";
import { scoreBlockWasm, type SeedingWasm } from "./kmeans-wasm";

/** Rows per block of partial sums (ranges handed to threads are whole blocks). */
export const SEED_BLOCK = 32_768;

/** What a seeding pass does on rows [from, to). */
export interface SeedingJob {
  /** Row-major n×p rows (shared memory when threads run passes). */
  readonly x: Float64Array;
  readonly p: number;
  readonly k: number;
  readonly from: number;
  readonly to: number;
  /** Per row: squared distance to the nearest chosen centre, and that centre's index. */
  readonly closest: Float64Array;
  readonly owner: Int32Array;
  /** Per row, 4 slots: min(closest, distance to candidate slot) of the group scored last. */
  readonly scored: Float64Array;
  /** ≥ 0: first, closest := distance to this row (the first centre), owner := 0. */
  readonly initRow: number;
  /** ≥ 0: first, rows nearer the candidate in this slot of `scored` take it as centre `applyAs`. */
  readonly applySlot: number;
  readonly applyAs: number;
  /**
   * The group of four candidates to score (4·p coordinates) and their pruning thresholds (4·k:
   * |candidate − centre a|²/4, Infinity for padding), or null to score nothing.
   */
  readonly candidates: Float64Array | null;
  readonly quarter: Float64Array | null;
  /**
   * Set when the arrays lie in a KMeansArena (kmeans-wasm.ts) whose group holds the same
   * candidates: the scoring (with the apply before it) then runs as WebAssembly, to the same bits.
   */
  readonly wasm?: SeedingWasm | null;
}

/**
 * Runs a pass; returns 4 sums per block of the range: the four candidates' potentials
 * Σ min(D(x)², |x − cand|²), or in slot 0 Σ D(x)² after an init with no candidates.
 */
export function runSeedingJob(job: SeedingJob): Float64Array {
  const { x, p, k, from, to, closest, owner, scored } = job;
  const sums = new Float64Array(4 * Math.ceil((to - from) / SEED_BLOCK));
  // Block by block through small functions: a helper thread runs this code cold, and a long loop
  // would first run as slower on-stack-replaced code (docs/models.md, linear regression).
  const wasm = job.wasm && job.candidates ? job.wasm : null;
  const wasmSums = wasm ? new Float64Array(x.buffer, wasm.sums, 4 * Math.ceil(to / SEED_BLOCK)) : null;
  for (let b0 = from, s = 0; b0 < to; b0 += SEED_BLOCK, s += 4) {
    const b1 = Math.min(to, b0 + SEED_BLOCK);
    if (job.initRow >= 0) initBlock(x, p, job.initRow * p, b0, b1, closest, owner);
    if (wasm && wasmSums) {
      const block = Math.floor(b0 / SEED_BLOCK);
      scoreBlockWasm(wasm, x, closest, owner, scored, b0, b1, job.applySlot, job.applyAs, block);
      sums.set(wasmSums.subarray(4 * block, 4 * block + 4), s);
      continue;
    }
    if (job.applySlot >= 0) applyBlock(b0, b1, job.applySlot, job.applyAs, closest, owner, scored);
    if (job.candidates && job.quarter) scoreFour(x, p, k, b0, b1, closest, owner, job.quarter, job.candidates, scored, sums, s);
    else sums[s] = sumBlock(closest, b0, b1);
  }
  return sums;
}

/** closest := squared distance to the first centre (row offset c0), owner := 0. */
function initBlock(x: Float64Array, p: number, c0: number, from: number, to: number, closest: Float64Array, owner: Int32Array): void {
  for (let i = from, o = from * p; i < to; i++, o += p) {
    closest[i] = sqDist(x, o, x, c0, p);
    owner[i] = 0;
  }
}

/** Rows nearer the candidate in `slot` of `scored` than to their centre take it as centre `as`. */
function applyBlock(from: number, to: number, slot: number, as: number, closest: Float64Array, owner: Int32Array, scored: Float64Array): void {
  for (let i = from, q = 4 * from + slot; i < to; i++, q += 4) {
    const d = scored[q];
    if (d < closest[i]) {
      closest[i] = d;
      owner[i] = as;
    }
  }
}

function sumBlock(v: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += v[i];
  return s;
}

/**
 * Scores the four candidates over rows [from, to): their potentials into sums[at..at+3], and
 * each row's four terms into `scored`. A row whose nearest chosen centre o is closer than half
 * the way to a candidate (|cand − o|² > 4·D(x)²) cannot move to it (triangle inequality), so when
 * that holds for all four its distances are not computed.
 */
function scoreFour(
  x: Float64Array, p: number, k: number, from: number, to: number, closest: Float64Array, owner: Int32Array,
  quarter: Float64Array, rows: Float64Array, scored: Float64Array, sums: Float64Array, at: number,
): void {
  const b0 = 0, b1 = p, b2 = 2 * p, b3 = 3 * p;
  const h0 = 0, h1 = k, h2 = 2 * k, h3 = 3 * k;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = from, o = from * p, q = 4 * from; i < to; i++, o += p, q += 4) {
    const ci = closest[i];
    const ow = owner[i];
    if (quarter[h0 + ow] > ci && quarter[h1 + ow] > ci && quarter[h2 + ow] > ci && quarter[h3 + ow] > ci) {
      s0 += ci; s1 += ci; s2 += ci; s3 += ci;
      scored[q] = scored[q + 1] = scored[q + 2] = scored[q + 3] = ci;
      continue;
    }
    let e0 = 0, e1 = 0, e2 = 0, e3 = 0;
    for (let j = 0; j < p; j++) {
      const v = x[o + j];
      const u0 = v - rows[b0 + j];
      const u1 = v - rows[b1 + j];
      const u2 = v - rows[b2 + j];
      const u3 = v - rows[b3 + j];
      e0 += u0 * u0; e1 += u1 * u1; e2 += u2 * u2; e3 += u3 * u3;
    }
    const d0 = e0 < ci ? e0 : ci, d1 = e1 < ci ? e1 : ci, d2 = e2 < ci ? e2 : ci, d3 = e3 < ci ? e3 : ci;
    s0 += d0; s1 += d1; s2 += d2; s3 += d3;
    scored[q] = d0; scored[q + 1] = d1; scored[q + 2] = d2; scored[q + 3] = d3;
  }
  sums[at] = s0; sums[at + 1] = s1; sums[at + 2] = s2; sums[at + 3] = s3;
}
