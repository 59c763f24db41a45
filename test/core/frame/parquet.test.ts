// Parquet: files written by Apache Arrow (pyarrow 25, test/reference/parquet_fixtures.py, committed
// under test/fixtures/parquet) and by hyparquet-writer at test time, read by our hyparquet-based
// reader (an independent implementation) and compared value by value with what was written.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parquetWriteBuffer } from "hyparquet-writer";
import { dataCell } from "../../../src/core/cells/data";
import { readAnyTable } from "../../../src/core/frame/read-table";
import { getColumn, type Table } from "../../../src/core/frame/table";
import { nodeContext, repoRoot } from "../../helpers/node-context";

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(repoRoot, "test/fixtures/parquet", name)));
// Values as plain arrays (numbers, or text and null) for comparison with what was written.
const values = (t: Table, name: string): number[] => Array.from(getColumn(t, name).values as ArrayLike<number>);

describe("Parquet written by pyarrow", () => {
  test.each(["deals-snappy.parquet", "deals-zstd.parquet", "deals-gzip.parquet", "deals-uncompressed.parquet"])(
    "%s: schema types map to ours and every value matches what pyarrow wrote",
    async (file) => {
      const read = await readAnyTable(fixture(file));
      expect(read.format).toBe("parquet");
      const t = read.table;
      expect(t.columns.map((c) => [c.name, c.type])).toEqual([
        ["id", "number"], ["qty", "number"], ["amount", "number"], ["ratio", "number"], ["price", "number"],
        ["won", "boolean"], ["close_date", "date"], ["created", "date"], ["region", "string"],
      ]);
      // 2^53 + 1 rounds to the nearest double, 2^53 (ties to even), as Number() does.
      expect(values(t, "id")).toEqual([1, 2, 3, NaN, 2 ** 53]);
      expect(values(t, "qty")).toEqual([5, -2, NaN, 7, 0]);
      expect(values(t, "amount")).toEqual([1200.5, 80, NaN, 4410.25, -1.5]);
      expect(values(t, "ratio")).toEqual([0.5, NaN, 0.25, 1, 2]);
      expect(values(t, "price").map((v) => Math.round(v * 100) / 100)).toEqual([19.99, -0.01, NaN, 1000, 0.1]);
      expect(values(t, "won")).toEqual([1, 0, NaN, 1, 0]);
      expect(values(t, "close_date")).toEqual([Date.UTC(2024, 0, 31), Date.UTC(2024, 1, 29), NaN, Date.UTC(1969, 11, 31), Date.UTC(2000, 0, 1)]);
      expect(values(t, "created")).toEqual([
        Date.UTC(2024, 0, 2, 3, 4, 5, 678), NaN, Date.UTC(1999, 11, 31, 23, 59, 59), Date.UTC(2024, 1, 29, 12), 0,
      ]);
      expect(getColumn(t, "region").values).toEqual(["North", "South", null, "North", "Ost-Süd"]);
      // 2^53 + 1 has no exact double: said, not silently rounded.
      expect(read.report.warnings).toContain('column "id": 1 integer(s) beyond ±2^53 lost precision when read as numbers');
    },
  );

  test("a list column is refused, naming the column", async () => {
    await expect(readAnyTable(fixture("nested-list.parquet"))).rejects.toThrow('column "tags" is a nested group (LIST)');
  });
});

describe("Parquet written by hyparquet-writer, through the data cell", () => {
  const N = 2500;
  const region = Array.from({ length: N }, (_, i) => (i % 7 === 0 ? null : ["North", "South", "East"][i % 3]));
  const amount = Array.from({ length: N }, (_, i) => (i % 11 === 0 ? null : i * 1.25 - 100));
  const won = Array.from({ length: N }, (_, i) => (i % 13 === 0 ? null : i % 2 === 0));
  const closed = Array.from({ length: N }, (_, i) => (i % 17 === 0 ? null : new Date(Date.UTC(2023, 0, 1) + i * 3_600_000)));
  const units = Array.from({ length: N }, (_, i) => i - 50);

  function writeFile(options: Record<string, unknown> = {}): string {
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: "region", data: region, type: "STRING" },
        { name: "amount", data: amount, type: "DOUBLE" },
        { name: "won", data: won, type: "BOOLEAN" },
        { name: "closed", data: closed, type: "TIMESTAMP" },
        { name: "units", data: units, type: "INT32" },
      ],
      rowGroupSize: 1000,
      ...options,
    } as Parameters<typeof parquetWriteBuffer>[0]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "parquet-")), "deals.parquet");
    writeFileSync(file, new Uint8Array(buffer));
    return file;
  }

  test("three row groups of a known table come back with the same values and types, and a profile", async () => {
    const file = writeFile();
    const out = await dataCell.run({}, dataCell.parse({ source: { type: "file", name: "deals.parquet" } }), nodeContext({ files: { "deals.parquet": file } }));
    const t = out.table!;
    expect(out.summary).toMatchObject({ format: "parquet", rows: N, columns: 5,
      columnTypes: { region: "string", amount: "number", won: "boolean", closed: "date", units: "number" } });
    expect(getColumn(t, "region").values).toEqual(region);
    expect(values(t, "amount")).toEqual(amount.map((v) => v ?? NaN));
    expect(values(t, "won")).toEqual(won.map((v) => (v === null ? NaN : v ? 1 : 0)));
    expect(values(t, "closed")).toEqual(closed.map((v) => v?.getTime() ?? NaN));
    expect(values(t, "units")).toEqual(units);
    const profile = out.summary.profile as { name: string; kind: string }[];
    expect(profile.find((p) => p.name === "region")?.kind).toBe("categorical");
  });

  test("format parquet is honoured, and types can be forced", async () => {
    const file = writeFile();
    const out = await dataCell.run({}, dataCell.parse({ source: { type: "file", name: "d.parquet" }, format: "parquet", types: { units: "string" } }),
      nodeContext({ files: { "d.parquet": file } }));
    expect(getColumn(out.table!, "units")).toMatchObject({ type: "string" });
    expect(getColumn(out.table!, "units").values.slice(0, 2)).toEqual(["-50", "-49"]);
  });

  test("errors name the file: cut short, not Parquet, an unsupported codec", async () => {
    const file = writeFile();
    const bytes = readFileSync(file);
    const dir = path.dirname(file);
    writeFileSync(path.join(dir, "cut.parquet"), bytes.subarray(0, bytes.length - 100));
    writeFileSync(path.join(dir, "text.parquet"), "a,b\n1,2\n");
    writeFileSync(path.join(dir, "lzo.parquet"), new Uint8Array(writeParquetLzo()));
    const run = (name: string, params: object = {}) =>
      dataCell.run({}, dataCell.parse({ source: { type: "file", name }, ...params }), nodeContext({ files: { [name]: path.join(dir, name) } }));
    await expect(run("cut.parquet")).rejects.toThrow("cut.parquet: this Parquet file is cut short or damaged");
    await expect(run("text.parquet", { format: "parquet" })).rejects.toThrow("text.parquet: this is not a Parquet file");
    await expect(run("lzo.parquet")).rejects.toThrow('lzo.parquet: column "units" is compressed with LZO, which this app cannot read');
  });

  /** A file whose column chunk says LZO (written with a pass-through "compressor"). */
  function writeParquetLzo(): ArrayBuffer {
    return parquetWriteBuffer({
      columnData: [{ name: "units", data: units, type: "INT32" }],
      codec: "LZO",
      compressors: { LZO: (input: Uint8Array) => input },
    } as Parameters<typeof parquetWriteBuffer>[0]);
  }
});
