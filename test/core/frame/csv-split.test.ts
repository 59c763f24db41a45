// A CSV read split by columns with a helper thread (csv-split.ts) gives exactly what the one-thread
// read gives: the same table, report, warnings and errors, on every shared dataset and on the
// awkward cases (a second pass on either side, maxRows, a bad row, Windows-1252, a failing helper).
// The helper runs its real kernel in this process (test/helpers/in-process-threads.ts); the real
// worker runs in test/e2e (the benchmark-sized read).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { bytesSource, readAnyTableStream } from "../../../src/core/frame/read-stream";
import { helperProfiles, planColumnSplit, runCsvColumnsJob } from "../../../src/core/frame/csv-split";
import { profileColumn } from "../../../src/core/frame/profile";
import { createCsvReader } from "../../../src/core/frame/csv";
import type { Column } from "../../../src/core/frame/table";
import type { ReadTableOptions } from "../../../src/core/frame/read-table";
import { profileTable } from "../../../src/core/frame/profile";
import { sharedData } from "../../helpers/node-context";
import { inProcessThreads } from "../../helpers/in-process-threads";
import { CancelledError } from "../../../src/core/cells/types";

const enc = (s: string) => new TextEncoder().encode(s);
const NOW = Date.UTC(2026, 0, 1);

async function outcome(bytes: Uint8Array, options: ReadTableOptions, threads?: ReturnType<typeof inProcessThreads>, chunk = 65536) {
  try {
    const r = await readAnyTableStream(bytesSource(bytes, chunk), options, { threads, minBytes: 0 });
    // Statistics the read computed (the helper's columns, text columns from the reader's counts)
    // are those the profile computes itself.
    const profile = profileTable(r.table, r.report, { now: NOW, precomputed: r.statistics, rowHashes: r.rowHashes });
    expect(profile).toEqual(profileTable(r.table, r.report, { now: NOW }));
    return {
      columns: r.table.columns.map((c) => ({ name: c.name, type: c.type, values: Array.from(c.values as ArrayLike<unknown>) })),
      report: r.report, encoding: r.encoding, bytes: r.bytes,
      profile,
      helperColumns: r.statistics?.filter(Boolean).length ?? 0,
    };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

/** The split read equals the one-thread read, and the helper was really used (open, push, finish, columns). */
async function expectSameAsOneThread(bytes: Uint8Array, options: ReadTableOptions = {}, chunk = 65536) {
  const one = await outcome(bytes, options, undefined, chunk);
  const threads = inProcessThreads(1);
  const split = await outcome(bytes, options, threads, chunk);
  expect(split).toEqual(one.error ? one : { ...one, helperColumns: split.helperColumns });
  if ((one.columns?.length ?? 0) > 1) {
    expect(threads.jobs).toBeGreaterThanOrEqual(4);
    expect(split.helperColumns).toBeGreaterThan(0);
  }
  return one;
}

function sharedCsvs(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.csv$|CDNOW_(master|sample)\.txt$/.test(e.name)) found.push(p);
    }
  };
  walk(sharedData);
  return found.sort();
}

describe("split read on the shared datasets", () => {
  const files = sharedCsvs();
  test("there are datasets to read", () => expect(files.length).toBeGreaterThan(20));
  for (const file of files) {
    test(path.relative(sharedData, file), async () => {
      const bytes = new Uint8Array(readFileSync(file));
      const one = await expectSameAsOneThread(bytes);
      // Groceries is basket lines (ragged by design: the basket cell reads it as transactions).
      if (!file.endsWith("groceries.csv")) expect("error" in one ? one.error : "").toBe("");
    });
  }
});

describe("plan", () => {
  test("text columns stay with the caller; numbers and dates go to the helper until the work is even", () => {
    const csv = "id,name,when,a,b,c\n" + Array.from({ length: 50 }, (_, i) => `${i},n${i % 7},2024-01-${String(1 + (i % 28)).padStart(2, "0")},${i * 1.5},${i % 3},${-i}`).join("\n") + "\n";
    // The caller starts with 2 (its own share) + 1.2 for name (text); id (a number, 1), when (a
    // date, 1.5) and a (1) fill the helper to 3.5; b (1) evens the caller up to 4.2, and c goes to
    // the helper.
    const plan = planColumnSplit(enc(csv), {})!;
    expect(plan.owned).toEqual([false, true, false, false, true, false]);
    // Profile costs: the sort-heavy all-distinct numbers 3, a category 0.2 (counted as it is
    // read), the rest 1 (11.2 in all).
    expect(plan.profileCosts).toEqual([3, 0.2, 1, 3, 1, 3]);
    // The helper profiles the costliest of its columns until it has 40% (4.48): id and a.
    expect(helperProfiles(plan)).toEqual([0, 3]);
  });
  test("no plan for one column or an unreadable start", () => {
    expect(planColumnSplit(enc("a\n1\n2\n"), {})).toBeNull();
    expect(planColumnSplit(enc("no newline at all"), {})).toBeNull();
  });
});

describe("text profiles from the reader's counts", () => {
  test("a category column is profiled from counts; a column with a quoted \"\" value, or an id column, by a pass", async () => {
    const csv = "cat,quoted,id\n" + Array.from({ length: 30_000 }, (_, i) => `${["b", "a", "", "c"][i % 4]},${i === 7 ? '"say ""hi"""' : `q${i % 3}`},id${i}`).join("\n") + "\n";
    const r = await readAnyTableStream(bytesSource(enc(csv), 4096), {});
    // Only the category column was counted (the quoted value bypasses the dictionary; the id
    // column overflows it).
    expect(r.statistics?.map((s) => s !== undefined)).toEqual([true]);
    const stats = r.statistics![0]!;
    expect(stats).toMatchObject({ missing: 7_500, distinct: 3, top: [{ value: "a", count: 7_500 }, { value: "b", count: 7_500 }, { value: "c", count: 7_500 }] });
    expect(profileTable(r.table, r.report, { now: NOW, precomputed: r.statistics })).toEqual(profileTable(r.table, r.report, { now: NOW }));
  });
});

describe("the helper's running tallies", () => {
  test("number and date columns are handed over with statistics from counts taken as they were read; a many-valued one without", () => {
    const lines = ["id,day,score,amount,flag"];
    for (let i = 0; i < 80_000; i++) {
      lines.push(`${i},2024-01-${String(1 + (i % 28)).padStart(2, "0")},${i % 5 === 0 ? "" : ((i * 7) % 97) / 10},${(i * 1.37).toFixed(2)},${i % 2}`);
    }
    const bytes = enc(lines.join("\n") + "\n");
    const session = 424_242;
    runCsvColumnsJob({ op: "open", session, options: {}, size: bytes.length, owned: [false, true, true, true, true] });
    for (let at = 0; at < bytes.length; at += 7000) runCsvColumnsJob({ op: "push", session, chunk: bytes.slice(at, at + 7000) });
    expect(runCsvColumnsJob({ op: "finish", session }).again).toBe(false);
    const { parts, statistics } = runCsvColumnsJob({ op: "columns", session, profile: [] });
    runCsvColumnsJob({ op: "close", session });
    expect(parts.map((p) => p.name)).toEqual(["day", "score", "amount", "flag"]);
    expect(statistics.map((s) => s !== undefined)).toEqual([true, true, false, true]);
    parts.forEach((part, k) => {
      if (!statistics[k]) return;
      const column = { name: part.name, type: part.decision.type, values: part.values } as Column;
      expect(statistics[k]).toEqual(profileColumn(column, part.invalid));
    });
    expect(statistics[1]).toMatchObject({ missing: 16_000, distinct: 97 });
    // The tallies are taken during the read: past the reader's first MiB, pass 1's live values show.
    const reader = createCsvReader({}, { size: bytes.length }, [false, true, true, true, true]);
    reader.push(bytes.slice(0, 1_500_000));
    const live = reader.liveNumbers();
    expect(live.rows).toBeGreaterThan(30_000);
    expect(live.builders.map((b) => b !== null)).toEqual([false, true, true, true, true]);
  });
});

describe("split read, awkward cases", () => {
  const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join("\n") + "\n";

  test("a number column that turns invalid late needs a second pass on the helper's side only", async () => {
    const csv = "name,amount,when\n" + rows(20_000, (i) => `n${i % 13},${i === 15_000 ? "n/a?" : i / 4},2024-02-${String(1 + (i % 28)).padStart(2, "0")}`);
    const one = await expectSameAsOneThread(enc(csv), {}, 4099);
    expect(JSON.stringify(one)).toContain("n/a?");
  });

  test("a text column that turns out to have a type on the caller's side (second pass there)", async () => {
    // Slash dates are read in pass 2, and a free-text column with many distinct values.
    const csv = "note,day,x\n" + rows(12_000, (i) => `"free, text ${i * 7919}",${1 + (i % 28)}/0${1 + (i % 9)}/2023,${i}`);
    await expectSameAsOneThread(enc(csv), {}, 10_000);
  });

  test("a file of many more batches than the ring holds: reused shared memory is never read stale", async () => {
    // About 12.8 MB in 65,537-byte chunks: 12 batches of 1 MiB through the 4 slots, records cut
    // everywhere. Reading a slot the caller had already refilled would fail the helper, and the
    // one-thread read that replaces it would not count as helped (expectSameAsOneThread).
    const bytes = enc("k,a,b\n" + rows(800_000, (i) => `k${i % 7},${i},${(i * 7919) % 100_003}`));
    expect(bytes.length).toBeGreaterThan(10 * 2 ** 20);
    const one = await expectSameAsOneThread(bytes, {}, 65_537);
    expect(one.columns?.[2].values[799_999]).toBe((799_999 * 7919) % 100_003);
  });

  test("maxRows stops both sides at the same row", async () => {
    const csv = "a,b,c\n" + rows(30_000, (i) => `x${i % 5},${i},${i * 2}`);
    const one = await expectSameAsOneThread(enc(csv), { maxRows: 12_345 }, 8192);
    expect(one.columns?.[1].values.length).toBe(12_345);
  });

  test("a ragged row gives the one-thread error and line", async () => {
    // Past the first batches, so that the helper has read (and failed on) the row too.
    const csv = "a,b,c\n" + rows(200_000, (i) => (i === 170_000 ? `x,1` : `x${i % 5},${i},${i * 2}`));
    const one = await outcome(enc(csv), {}, undefined, 8192);
    const threads = inProcessThreads(1);
    expect(await outcome(enc(csv), {}, threads, 8192)).toEqual(one);
    // In this process the helper's jobs run on later turns of the event loop (its own failure
    // on that row included, which must not surface anywhere).
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(threads.jobs).toBeGreaterThan(2);
    expect("error" in one && one.error).toMatch(/line 170002/);
  });

  test("forced types, decimal comma, semicolons and skipped lines travel to the helper", async () => {
    const csv = "title line\n" + "a;b;c\n" + rows(9_000, (i) => `k${i % 4};${i},5;${i % 2 ? "yes" : "no"}`);
    await expectSameAsOneThread(enc(csv), { skipRows: 1, decimal: ",", types: { a: "string", c: "string" } }, 5000);
  });

  test("Windows-1252 bytes (auto encoding restarts the read)", async () => {
    const text = "name,amount\n" + rows(9_000, (i) => `caf\u00e9 ${i % 9},${i}`);
    const bytes = Uint8Array.from(text, (ch) => ch.charCodeAt(0));
    const one = await expectSameAsOneThread(bytes, {}, 7000);
    expect("encoding" in one && one.encoding).toBe("windows-1252");
  });

  test("Cancel stops a split read (it is not taken for a failed helper and read again)", async () => {
    const csv = "a,b,c\n" + rows(200_000, (i) => `x${i % 5},${i},${i * 2}`);
    const signal = { aborted: false };
    let opened = 0;
    const bytes = enc(csv);
    const source = {
      size: bytes.length,
      async *open() {
        opened++;
        for (let at = 0, n = 0; at < bytes.length; at += 65536, n++) {
          if (n === 20) signal.aborted = true;
          yield bytes.subarray(at, at + 65536);
        }
      },
    };
    const threads = inProcessThreads(1);
    await expect(readAnyTableStream(source, { signal }, { threads, minBytes: 0 })).rejects.toBeInstanceOf(CancelledError);
    expect(opened).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(threads.jobs).toBeGreaterThan(2);
  });

  test("a helper that fails: the read is done again on one thread, with the same result", async () => {
    const csv = "a,b,c\n" + rows(20_000, (i) => `x${i % 5},${i},${i * 2}`);
    const one = await outcome(enc(csv), {});
    const threads = inProcessThreads(1, true);
    expect(await outcome(enc(csv), {}, threads, 8192)).toEqual(one);
  });
});
