/**
 * A CSV read split by columns between the compute worker and a helper thread. Both tokenise every
 * record (tokenising is the cheap part: about a sixth of a read); each converts only the columns
 * it owns (numbers, dates, text pooling: the rest). The caller's reader keeps what a read reports
 * (shape errors, line numbers, progress) and takes in the helper's columns at the end, so the
 * table, report and errors are those of a one-thread read (tested on every shared dataset).
 *
 * Which columns go where is planned from a sample of the file's start: text columns stay with the
 * caller (a text column's strings would be copied back from the helper), numbers and dates fill
 * the helper until both sides have about the same work.
 */
import type { HelperThreads } from "../threads/helper-threads";
import { createCsvReader, parseCsvWithReport, type CsvColumnPart, type CsvOptions, type CsvReader } from "./csv";
import { NumericTally } from "./column-stats";
import { profileColumn, type ColumnStatistics } from "./profile";
import type { NumberBuilder } from "./text-column";
import { xorNumberHashes, type NumberRowHashes } from "./profile-checks";
import type { Column } from "./table";

/**
 * Files smaller than this are read on one thread. The CRM benchmark file in the app, alternated
 * with a one-thread build (load average 3-5): 20 MB 458 and 435 ms against 419 and 410 (slower);
 * 50 MB 742 against 806-811 ms; 100 MB 1,238 against 1,424-1,473 ms.
 */
export const SPLIT_MIN_BYTES = 32 << 20;
/** The sample the plan is made from, at most (cut at its last newline). */
const PLAN_BYTES = 256 << 10;
/** Chunks are handed to the helper in batches of at least this many bytes (one message each). */
const BATCH_BYTES = 1 << 20;
/**
 * Batches the helper may have queued before the caller waits for it: the shared memory of a batch
 * is reused once the helper has read it (a fresh buffer per batch would leave up to the whole
 * file in buffers that only a collection in both threads frees).
 */
const RING = 4;

/**
 * What a column costs to read and to profile, relative to a number column with few distinct
 * values, from its sampled values (1M-row CRM file, Node, ms to convert + profile): an id-like
 * text column 150 + 20, a date 50 + 13, a category 35 + 2 (its profile comes from the counts the
 * reader kept), a number 25 + 15, one with many distinct values (a sort-heavy profile) 24 + 47.
 */
function costsOf(column: Column): { read: number; profile: number } {
  const present: (string | number | null)[] = [];
  for (const v of column.values) if (v !== null && v === v) present.push(v);
  const distinct = new Set(present).size;
  const mostlyDistinct = present.length >= 50 && distinct > 0.9 * present.length;
  if (column.type === "string") return mostlyDistinct ? { read: 4, profile: 1.5 } : { read: 1.2, profile: 0.2 };
  if (column.type === "date") return { read: 1.5, profile: 1 };
  return mostlyDistinct ? { read: 1, profile: 3 } : { read: 1, profile: 1 };
}

/** The caller's own share besides its columns (duplicate rows, reading and handing over the bytes), in the same units. */
const CALLER_OVERHEAD = 2;

/**
 * How a read is split: which columns the caller's reader converts (`owned`, true) and which the
 * helper does, and each column's sampled profile cost (to share out the profile at the end).
 */
export interface ColumnSplitPlan {
  readonly owned: readonly boolean[];
  readonly profileCosts: readonly number[];
}

/**
 * The plan, from the first bytes of the file; null to read on one thread (one column, or no sample
 * that parses: the one-thread read then reports whatever is wrong). Text columns stay with the
 * caller (their strings would be copied back); the others go to whichever side has less work so far.
 */
export function planColumnSplit(head: Uint8Array, options: CsvOptions): ColumnSplitPlan | null {
  const cut = head.lastIndexOf(0x0a, Math.min(head.length, PLAN_BYTES) - 1);
  if (cut < 0) return null;
  let columns: readonly Column[];
  try {
    columns = parseCsvWithReport(head.subarray(0, cut + 1), { ...csvOptionsOnly(options), maxRows: 2000 }).table.columns;
  } catch {
    return null;
  }
  if (columns.length < 2) return null;
  const costs = columns.map(costsOf);
  const profileCosts = costs.map((c) => c.profile);
  if (columns.every((c) => c.type === "string")) return { owned: columns.map((_, c) => c % 2 === 0), profileCosts };
  const owned = columns.map((c) => c.type === "string");
  let callerLoad = CALLER_OVERHEAD, helperLoad = 0;
  columns.forEach((column, c) => column.type === "string" && (callerLoad += costs[c].read));
  columns.forEach((column, c) => {
    if (column.type === "string") return;
    if (helperLoad <= callerLoad) helperLoad += costs[c].read;
    else (owned[c] = true), (callerLoad += costs[c].read);
  });
  return { owned, profileCosts };
}

/**
 * The helper's share of the profile: it runs the profile code once per read, cold, slower than the
 * compute worker (in Chromium, 245 ms for its seven CRM columns where the compute worker took 150
 * for six that cost about the same in Node). On the CRM file, 40% and 50% both end the read
 * 170-220 ms after the last chunk, against 235-290 ms when the helper profiled all its columns.
 */
const HELPER_PROFILE_SHARE = 0.4;

/**
 * The helper's columns it profiles itself at the end (the caller profiles the rest, with its own):
 * the costliest first, until the helper has its share of the profile.
 */
export function helperProfiles(plan: ColumnSplitPlan): number[] {
  const total = HELPER_PROFILE_SHARE * plan.profileCosts.reduce((a, b) => a + b, 0);
  const theirs = plan.owned.flatMap((own, c) => (own ? [] : [c])).sort((a, b) => plan.profileCosts[b] - plan.profileCosts[a] || a - b);
  const chosen: number[] = [];
  let share = 0;
  for (const c of theirs) {
    if (share >= total) break;
    chosen.push(c);
    share += plan.profileCosts[c];
  }
  return chosen.sort((a, b) => a - b);
}

/** The options a reader needs, without the caller's callbacks (which cannot travel to a thread). */
export function csvOptionsOnly(o: CsvOptions): CsvOptions {
  const { delimiter, header, skipRows, decimal, dateOrder, types, maxRows } = o;
  return Object.fromEntries(Object.entries({ delimiter, header, skipRows, decimal, dateOrder, types, maxRows }).filter(([, v]) => v !== undefined));
}

/** A message to the helper's half of a split read (kernel `csvColumns`). */
export type CsvColumnsJob =
  | { readonly op: "open"; readonly session: number; readonly options: CsvOptions; readonly size?: number; readonly owned: readonly boolean[] }
  | { readonly op: "push"; readonly session: number; readonly chunk: Uint8Array }
  | { readonly op: "finish"; readonly session: number }
  | { readonly op: "columns"; readonly session: number; readonly profile: readonly number[] }
  | { readonly op: "statistics"; readonly session: number }
  | { readonly op: "close"; readonly session: number };

const sessions = new Map<number, { reader: CsvReader; kept: CsvColumnPart[]; running: RunningProfile }>();

/**
 * What the helper works out of its number and date columns batch by batch, as the rows come in
 * (it waits on the caller's batches for part of the read anyway): each column's profile counts
 * (`NumericTally`) and the rows' hashes for duplicate rows (`xorNumberHashes`). At the end most of
 * its columns are then profiled from their counts at once, and the caller hashes none of them.
 */
class RunningProfile {
  private readonly byColumn: ({ builder: NumberBuilder; tally: NumericTally; hashed: number } | null)[] = [];
  private hashes = new Int32Array(0);

  /** Counts and hashes the rows read since the last batch. */
  update(reader: CsvReader): void {
    const { rows, builders } = reader.liveNumbers();
    this.room(rows);
    builders.forEach((builder, c) => {
      let entry = this.byColumn[c];
      if (entry && entry.builder !== builder) entry = this.drop(c);
      if (builder === null) return;
      entry ??= this.byColumn[c] = { builder, tally: new NumericTally(), hashed: 0 };
      if (!entry.tally.overflowed) entry.tally.add(builder.values, entry.tally.rows, rows);
      xorNumberHashes(this.hashes, c, builder.values, entry.hashed, rows);
      entry.hashed = rows;
    });
  }

  /**
   * After the read: by part, the tally of a column kept from pass 1, counted to the end (undefined
   * past FEW distinct values, for a column read otherwise, or text), and the row hashes of all
   * the number and date parts.
   */
  finish(reader: CsvReader, parts: readonly CsvColumnPart[]): { tallies: (NumericTally | undefined)[]; hashes?: NumberRowHashes } {
    const kept = reader.keptNumbers();
    const numbers = parts.filter((p) => p.decision.type !== "string");
    const n = parts[0]?.rows ?? 0;
    this.room(n);
    // Hashes of values that did not become the column's (another candidate, a second pass) come out.
    this.byColumn.forEach((entry, c) => entry && kept[c] !== entry.builder && this.drop(c));
    const tallies = parts.map((part) => {
      if (part.decision.type === "string") return undefined;
      const values = part.values as Float64Array;
      const entry = this.byColumn[part.index];
      xorNumberHashes(this.hashes, part.index, values, entry?.hashed ?? 0, part.rows);
      if (!entry) return undefined;
      entry.hashed = part.rows;
      return entry.tally.add(values, entry.tally.rows, part.rows) ? entry.tally : undefined;
    });
    if (numbers.length === 0) return { tallies };
    const hashes = this.hashes.length === n ? this.hashes : this.hashes.slice(0, n);
    return { tallies, hashes: { hashes, columns: numbers.map((p) => p.index) } };
  }

  /** Takes a column's hashes back out (its values were not the column's in the end). */
  private drop(c: number): null {
    const entry = this.byColumn[c]!;
    xorNumberHashes(this.hashes, c, entry.builder.values, 0, entry.hashed);
    return (this.byColumn[c] = null);
  }

  private room(rows: number): void {
    if (rows <= this.hashes.length) return;
    const bigger = new Int32Array(Math.max(rows, Math.ceil(1.5 * this.hashes.length)));
    bigger.set(this.hashes);
    this.hashes = bigger;
  }
}

/** What the helper answers: whether it needs a second pass, and at the end its columns and their statistics. */
export interface CsvColumnsAnswer {
  readonly again: boolean;
  readonly parts: CsvColumnPart[];
  /** By part: its statistics, or undefined where the caller profiles it. */
  readonly statistics: (ColumnStatistics | undefined)[];
  /** With the first columns: the row hashes of all the helper's number and date columns (for duplicate rows). */
  readonly hashes?: NumberRowHashes;
}

/**
 * The helper's side: one reader per session, fed in message order. `finish` answers whether a
 * second pass is needed; `columns` hands over the converted columns but those in `profile`, which
 * `statistics` then hands over with their profile statistics (computed here while the caller
 * profiles the rest), ending the session.
 */
export function runCsvColumnsJob(job: CsvColumnsJob): CsvColumnsAnswer {
  const none = { again: false, parts: [], statistics: [] };
  if (job.op === "open") {
    sessions.set(job.session, { reader: createCsvReader(job.options, { size: job.size }, job.owned), kept: [], running: new RunningProfile() });
    return none;
  }
  const session = sessions.get(job.session);
  if (session === undefined) throw new Error(`no CSV read ${job.session} on this thread`);
  const reader = session.reader;
  try {
    switch (job.op) {
      case "push":
        // Read in place: the caller writes this memory again only after this answer, and the
        // reader keeps no view of a chunk past its push (a cut record is copied).
        reader.push(job.chunk);
        session.running.update(reader);
        return none;
      case "finish":
        return { again: reader.finish(), parts: [], statistics: [] };
      case "columns": {
        // Columns tallied to the end are profiled here at once and handed over with their
        // statistics; of the rest, those in `profile` are kept and profiled for `statistics`.
        const parts = reader.columns();
        const { tallies, hashes } = session.running.finish(reader, parts);
        const statistics: (ColumnStatistics | undefined)[] = [];
        const handed: CsvColumnPart[] = [];
        session.kept = [];
        parts.forEach((part, k) => {
          const tally = tallies[k];
          if (tally) {
            handed.push(part);
            statistics.push(profileColumn({ name: part.name, type: part.decision.type, values: part.values } as Column, part.invalid, null, tally));
          } else if (job.profile.includes(part.index)) session.kept.push(part);
          else handed.push(part), statistics.push(undefined);
        });
        return { again: false, parts: handed, statistics, ...(hashes ? { hashes } : {}) };
      }
      case "statistics": {
        sessions.delete(job.session);
        return { again: false, parts: session.kept, statistics: profileParts(session.kept) };
      }
      case "close":
        sessions.delete(job.session);
        return none;
    }
  } catch (e) {
    sessions.delete(job.session);
    throw e;
  }
}

/** Profile statistics of columns as a reader returned them. */
export function profileParts(parts: readonly CsvColumnPart[]): ColumnStatistics[] {
  return parts.map((p) => profileColumn({ name: p.name, type: p.decision.type, values: p.values } as Column, p.invalid, p.counts));
}

let nextSession = 1;

/**
 * The caller's handle on the helper's half: chunks are batched into shared memory and sent
 * without waiting (the helper reads while the caller does), up to RING batches ahead.
 * Any failure of the helper is kept in `failure` and surfaces at `finish` or `columns`.
 */
export class CsvHelperSession {
  private readonly session = nextSession++;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** Shared memory for batches, each with the answer to the last push that used it. */
  private readonly ring: { memory: Uint8Array; read: Promise<unknown> }[] = [];
  private batches = 0;
  failure: Error | null = null;

  constructor(private readonly threads: HelperThreads, options: CsvOptions, size: number | undefined, owned: readonly boolean[]) {
    this.post({ op: "open", session: this.session, options: csvOptionsOnly(options), ...(size === undefined ? {} : { size }), owned: owned.map((o) => !o) });
  }

  /** Queues a chunk of the file (not kept past the next batch: it is copied then). */
  async push(chunk: Uint8Array): Promise<void> {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= BATCH_BYTES) await this.flush();
  }

  /** Ends the pass; true when the helper's columns need a second pass over the bytes. */
  async finish(): Promise<boolean> {
    await this.flush();
    const result = await this.post({ op: "finish", session: this.session });
    await Promise.all(this.ring.map((slot) => slot.read));
    if (this.failure) throw this.failure;
    return result!.again;
  }

  /**
   * The helper's columns, after the last `finish`: at once those it does not profile (`profile`
   * lists those it does), then the others with their statistics.
   */
  columns(profile: readonly number[]): { first: Promise<CsvColumnsAnswer>; profiled: Promise<CsvColumnsAnswer> } {
    const answer = async (asked: Promise<CsvColumnsAnswer | null>) => {
      const result = await asked;
      if (this.failure) throw this.failure;
      return result!;
    };
    const first = answer(this.post({ op: "columns", session: this.session, profile }));
    const profiled = answer(this.post({ op: "statistics", session: this.session }));
    return { first, profiled };
  }

  /** Drops the helper's reader (after a failure on the caller's side); never throws. */
  close(): void {
    this.pending = [];
    void this.post({ op: "close", session: this.session });
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const k = this.batches++ % RING;
    const slot = this.ring[k];
    // The helper answers a push once it has parsed the batch and holds no view of it.
    if (slot) await slot.read;
    const memory = slot && slot.memory.length >= this.pendingBytes ? slot.memory : new Uint8Array(this.threads.shared(Math.max(2 * BATCH_BYTES, this.pendingBytes)));
    const batch = memory.subarray(0, this.pendingBytes);
    let at = 0;
    for (const p of this.pending) batch.set(p, at), (at += p.length);
    this.pending = [];
    this.pendingBytes = 0;
    this.ring[k] = { memory, read: this.post({ op: "push", session: this.session, chunk: batch }) };
  }

  /** Sends one message; resolves with its answer, or with null once the helper has failed. */
  private post(job: CsvColumnsJob): Promise<CsvColumnsAnswer | null> {
    if (this.failure) return Promise.resolve(null);
    return this.threads.run("csvColumns", [job]).then(
      ([result]) => result,
      (e: unknown) => {
        this.failure ??= e instanceof Error ? e : new Error(String(e));
        return null;
      },
    );
  }
}
