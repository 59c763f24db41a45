// The streaming CSV read (issue 3) gives exactly what the whole-buffer read gives: the same table,
// report, warnings and errors (with their line numbers), wherever the chunks are cut.
import { describe, expect, test } from "vitest";
import { createCsvReader, parseCsvWithReport, type CsvOptions } from "../../../src/core/frame/csv";
import { readAnyTable, readTable, type ReadTableOptions } from "../../../src/core/frame/read-table";
import { bytesSource, readAnyTableStream, type ChunkSource } from "../../../src/core/frame/read-stream";
import { CancelledError } from "../../../src/core/cells/types";
import { mulberry32 } from "../../../src/core/random";

const enc = (s: string) => new TextEncoder().encode(s);

/** The outcome of a read as plain data (values, report) or the error's message, for toEqual. */
function outcome(read: () => { table: { columns: readonly { name: string; type: string; values: ArrayLike<unknown> }[] }; report: object }) {
  try {
    const r = read();
    return { columns: r.table.columns.map((c) => ({ name: c.name, type: c.type, values: Array.from(c.values) })), report: r.report };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

async function outcomeAsync(read: () => Promise<{ table: { columns: readonly { name: string; type: string; values: ArrayLike<unknown> }[] }; report: object; encoding?: string }>) {
  try {
    const r = await read();
    return { columns: r.table.columns.map((c) => ({ name: c.name, type: c.type, values: Array.from(c.values) })), report: r.report, encoding: r.encoding };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

/** Reads `bytes` pushed in the given pieces (twice when a second pass is needed). */
function readPieces(bytes: Uint8Array, cuts: readonly number[], options: CsvOptions) {
  const reader = createCsvReader(options, { size: bytes.length });
  const pieces = [0, ...cuts, bytes.length].slice(1).map((end, i, ends) => bytes.slice(i === 0 ? 0 : ends[i - 1], end));
  const feed = () => {
    for (const p of pieces) if (!reader.push(p)) break;
  };
  feed();
  if (reader.finish()) {
    feed();
    reader.finish();
  }
  return reader.result();
}

// Quotes holding delimiters, newlines and doubled quotes, CRLF and LF, a blank line, a BOM,
// multi-byte UTF-8, a boolean column and a number column with an invalid value (both need pass 2).
const TRICKY =
  "\uFEFFid,name,note,ok,amount\r\n" +
  '1,"Zoë, Ltd","two\r\nlines",yes,12.5\r\n' +
  '2,"say ""hi""",plain,no,n/a\n' +
  "\n" +
  '3,北京,"€ ""quoted"" ,",yes,-3\r\n' +
  "4,🙂 smile,,no,1e3\n" +
  '5,"",last,yes,7';

describe("chunk boundaries", () => {
  const bytes = enc(TRICKY);
  const whole = outcome(() => parseCsvWithReport(bytes, { delimiter: "," }));

  test("the tricky file needs a second pass and reads as expected whole", () => {
    expect(whole).toMatchObject({ report: { header: true } });
    const reader = createCsvReader({ delimiter: "," });
    reader.push(bytes);
    expect(reader.finish()).toBe(true);
    expect((whole as { columns: { name: string; type: string }[] }).columns.map((c) => c.type)).toEqual(["number", "string", "string", "boolean", "string"]);
  });

  test("a cut at every byte gives the same table and report", () => {
    for (let k = 0; k <= bytes.length; k++) {
      expect(outcome(() => readPieces(bytes, [k], { delimiter: "," })), `cut at byte ${k}`).toEqual(whole);
    }
  });

  test("chunks of 1 to 9 bytes give the same table and report", () => {
    for (let size = 1; size <= 9; size++) {
      const cuts = Array.from({ length: Math.ceil(bytes.length / size) - 1 }, (_, i) => (i + 1) * size);
      expect(outcome(() => readPieces(bytes, cuts, { delimiter: "," })), `chunks of ${size}`).toEqual(whole);
    }
  });

  test("whitespace-separated text, CRLF split anywhere", () => {
    const ws = enc(" id  date  n   amount\r\n 00001 19970101  1   11.77\r\n\r\n 00002 19970112  2   12.00  \r\n 3 19970113 4 x\r\n");
    const expected = outcome(() => parseCsvWithReport(ws, { delimiter: " " }));
    expect(expected).toMatchObject({ report: { delimiter: " " } });
    for (let k = 0; k <= ws.length; k++) expect(outcome(() => readPieces(ws, [k], { delimiter: " " })), `cut at ${k}`).toEqual(expected);
  });

  test("errors and their line numbers are the same at every cut", () => {
    const broken = [
      'a,b\n1,2\n3,"open\n\n4,5\n',
      "a,b\r\n1,2\r\n3,4,5\r\n",
      'a,b\n1,"x" y\n',
      "a,a\n1,2\n",
      "\n\n \r\n",
      "a,b\n1,2\n",
    ];
    for (const text of broken) {
      const b = enc(text);
      const expected = outcome(() => parseCsvWithReport(b, { delimiter: "," }));
      for (let k = 0; k <= b.length; k++) expect(outcome(() => readPieces(b, [k], { delimiter: "," })), `${JSON.stringify(text)} cut at ${k}`).toEqual(expected);
    }
  });

  test("seeded random files cut at random places match the whole read", () => {
    const pieces = ["a", "Zz", "12", "-3.5", "2024-01-31", "yes", "", '"x,y"', '"two\nlines"', '"q""q"', "é€", "🙂", " 7 ", "n/a", "\r"];
    for (let seed = 1; seed <= 150; seed++) {
      const rand = mulberry32(seed);
      const int = (n: number) => Math.floor(rand() * n);
      const nCols = 1 + int(4);
      const lines = [Array.from({ length: nCols }, (_, c) => `c${c}`).join(",")];
      for (let r = int(12); r >= 0; r--) {
        lines.push(Array.from({ length: nCols + (rand() < 0.03 ? 1 : 0) }, () => pieces[int(pieces.length)].replace("\r", "")).join(","));
        if (rand() < 0.1) lines.push("");
      }
      const eol = rand() < 0.5 ? "\n" : "\r\n";
      const b = enc(lines.join(eol) + (rand() < 0.5 ? eol : ""));
      const expected = outcome(() => parseCsvWithReport(b, { delimiter: "," }));
      const cuts = [...new Set(Array.from({ length: 1 + int(6) }, () => int(b.length + 1)))].sort((x, y) => x - y);
      expect(outcome(() => readPieces(b, cuts, { delimiter: "," })), `seed ${seed}, cuts ${cuts}`).toEqual(expected);
    }
  });
});

/** A source of `bytes` in chunks of `size` that counts its opens and its early releases. */
function countingSource(bytes: Uint8Array, size: number, onChunk?: (n: number) => void) {
  const stats = { opens: 0, released: 0 };
  const source: ChunkSource = {
    size: bytes.length,
    async *open() {
      stats.opens++;
      let n = 0;
      let done = false;
      try {
        for (let at = 0; at < bytes.length; at += size) {
          onChunk?.(n++);
          yield bytes.subarray(at, at + size);
        }
        done = true;
      } finally {
        if (!done) stats.released++;
      }
    },
  };
  return { source, stats };
}

describe("readAnyTableStream", () => {
  /** A CRM-like file over 1 MiB, so that the delimiter and header are sniffed from a partial first window. */
  function bigFile(rows: number, extra?: (r: number) => string): Uint8Array {
    const rand = mulberry32(7);
    const lines = ["\uFEFFid;region;amount;when;active;note"];
    for (let r = 0; r < rows; r++) {
      const region = ["North", "South", "Zoë", "東"][r % 4];
      lines.push(`${r};${region};${(rand() * 1000).toFixed(2)};2024-0${1 + (r % 9)}-1${r % 10};${r % 3 ? "true" : "false"};"a; ""b"" ${r % 7}"${extra?.(r) ?? ""}`);
    }
    return enc(lines.join("\r\n") + "\r\n");
  }

  test("a file over 1 MiB in odd chunk sizes reads as the whole buffer does (sniffed delimiter, pass 2 re-opens the stream)", async () => {
    const bytes = bigFile(40_000);
    expect(bytes.length).toBeGreaterThan(1.5 * 2 ** 20);
    const expected = outcome(() => readTable(bytes));
    expect(expected).toMatchObject({ report: { delimiter: ";" } });
    for (const size of [65_536 + 3, 1_000_003, 4 << 20]) {
      const { source, stats } = countingSource(bytes, size);
      expect(await outcomeAsync(() => readAnyTableStream(source)), `chunks of ${size}`).toEqual({ ...expected, encoding: "utf-8" });
      // The boolean column is read in pass 2, from a second read of the source.
      expect(stats.opens).toBe(2);
    }
  });

  test("a Latin-1 byte only in a late chunk restarts the read as Windows-1252, as the whole read decides up front", async () => {
    const latin = bigFile(30_000);
    const at = latin.lastIndexOf(0x62); // a "b" near the end becomes 0xE9 (é in Latin-1)
    latin[at] = 0xe9;
    const expected = await outcomeAsync(() => readAnyTable(latin));
    expect(expected).toMatchObject({ encoding: "windows-1252" });
    expect((expected as { report: { warnings: string[] } }).report.warnings[0]).toMatch(/^line 30001 has byte 0xE9, which is not UTF-8/);
    const { source, stats } = countingSource(latin, 300_001);
    expect(await outcomeAsync(() => readAnyTableStream(source))).toEqual(expected);
    expect(stats.released).toBe(1); // the UTF-8 read stopped early
    const forced = await outcomeAsync(() => readAnyTable(latin, { encoding: "utf-8" }));
    expect(forced).toMatchObject({ error: expect.stringContaining("line 30001 has byte 0xE9") });
    expect(await outcomeAsync(() => readAnyTableStream(countingSource(latin, 300_001).source, { encoding: "utf-8" }))).toEqual(forced);
  });

  test("multi-byte UTF-8 split across chunks at every position is valid; a sequence cut by the end of file is not", async () => {
    const small = enc("name,n\nZoë,1\n北京,2\n🙂,3\n");
    const expected = await outcomeAsync(() => readAnyTable(small));
    for (let size = 1; size <= small.length; size++) {
      expect(await outcomeAsync(() => readAnyTableStream(countingSource(small, size).source)), `chunks of ${size}`).toEqual(expected);
    }
    const cutShort = enc("name,n\nZoë,1\n北京,2\n🙂");
    const truncated = cutShort.subarray(0, cutShort.length - 1);
    const whole = await outcomeAsync(() => readAnyTable(truncated, { encoding: "utf-8" }));
    expect(whole).toMatchObject({ error: expect.stringContaining("not UTF-8") });
    for (let size = 1; size <= truncated.length; size++) {
      expect(await outcomeAsync(() => readAnyTableStream(countingSource(truncated, size).source, { encoding: "utf-8" }))).toEqual(whole);
      expect(await outcomeAsync(() => readAnyTableStream(countingSource(truncated, size).source))).toEqual(await outcomeAsync(() => readAnyTable(truncated)));
    }
  });

  test("errors are the ones the whole read gives, even when a parse error comes before a NUL byte", async () => {
    const cases: [string, ReadTableOptions][] = [
      ["a,b\n1,2\n3,4,5\n6,7\n", {}],
      ["a,b\n1,2\n3,4,5\n6,\u00007\n", {}],
      ["a,b\n1,2\n", { types: { c: "number" } }],
      ["", {}],
      ["x\ny\n", { skipRows: 5 }],
    ];
    for (const [text, options] of cases) {
      const b = enc(text);
      const expected = await outcomeAsync(() => readAnyTable(b, options));
      for (let size = 1; size <= Math.max(1, b.length); size++) {
        expect(await outcomeAsync(() => readAnyTableStream(countingSource(b, size).source, options)), `${JSON.stringify(text)} in chunks of ${size}`).toEqual(expected);
      }
    }
    const late = bigFile(20_000);
    late[late.length - 10] = 0;
    const withRagged = bigFile(20_000, (r) => (r === 5 ? ";extra" : ""));
    withRagged[withRagged.length - 10] = 0;
    for (const b of [late, withRagged]) {
      const expected = await outcomeAsync(() => readAnyTable(b));
      expect(expected).toMatchObject({ error: expect.stringContaining("NUL byte") });
      expect(await outcomeAsync(() => readAnyTableStream(countingSource(b, 100_003).source))).toEqual(expected);
    }
  });

  test("a quoted field longer than many chunks, and a quote never closed, read as the whole buffer does", async () => {
    const long = "x".repeat(300_000);
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},short ${i}`);
    const withLong = enc(`id,text\n${rows.join("\n")}\n7,"${long}\n${long}"\n${rows.join("\n")}\n`);
    const unclosed = enc(`id,text\n1,"never closed\n${rows.join("\n")}\n`.padEnd(3_000_000, "z"));
    for (const b of [withLong, unclosed]) {
      const expected = await outcomeAsync(() => readAnyTable(b));
      // The carried record is rescanned only after its bytes double, not once per 4 KiB chunk.
      expect(await outcomeAsync(() => readAnyTableStream(countingSource(b, 4096).source))).toEqual(expected);
    }
  });

  test("JSON and maxRows previews read as before", async () => {
    const json = enc('[{"id": 1, "when": "2024-01-31"}, {"id": 2}]');
    expect(await outcomeAsync(() => readAnyTableStream(bytesSource(json, 5)))).toEqual(await outcomeAsync(() => readAnyTable(json)));
    const bytes = bigFile(20_000);
    expect(await outcomeAsync(() => readAnyTableStream(bytesSource(bytes, 70_001), { maxRows: 10 }))).toEqual(
      await outcomeAsync(() => readAnyTable(bytes, { maxRows: 10 })),
    );
  });

  test("Cancel between chunks stops the read and releases the stream", async () => {
    const bytes = bigFile(40_000);
    const signal = { aborted: false };
    const { source, stats } = countingSource(bytes, 100_000, (n) => {
      if (n === 5) signal.aborted = true;
    });
    await expect(readAnyTableStream(source, { signal })).rejects.toBeInstanceOf(CancelledError);
    expect(stats.released).toBe(1);
  });

  test("progress counts bytes and rows as the chunks arrive", async () => {
    const bytes = bigFile(150_000);
    const seen: [number, number][] = [];
    await readAnyTableStream(bytesSource(bytes, 1 << 20), { onProgress: (f, rows) => seen.push([f, rows]) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toEqual([1, 150_000]);
    for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBeGreaterThanOrEqual(seen[i - 1][0]);
  });
});
