// Data ingest through the real worker in Chromium: gzip via DecompressionStream, sort / filter /
// search in `read`, and danfo's describe() checked against our profile.
import { describe, expect, it } from "vitest";
import { startComputeWorker } from "../../src/bridge/compute-client";
import * as XLSX from "xlsx";
import { parquetWriteBuffer } from "hyparquet-writer";

const baseUrl = new URL("/", location.href).href;

async function gzip(text: string): Promise<ArrayBuffer> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Response(stream).arrayBuffer();
}

describe("data ingest in the worker", () => {
  it("reads a .gz file, then sorts, filters and searches through read", async () => {
    const client = startComputeWorker(() => undefined);
    try {
      await client.api.init({ backend: "cpu", baseUrl });
      const lines = Array.from({ length: 5000 }, (_, i) => `${i},${i % 7 === 0 ? "North" : "South"},${(i * 37) % 1000}`);
      await client.api.bindFile("deals.csv.gz", { bytes: await gzip(`id,region,amount\n${lines.join("\n")}\n`) });
      const out = await client.runCell(
        { cellId: "d", version: 1, kind: "data", params: { source: { type: "file", name: "deals.csv.gz" } }, inputs: {}, seed: 1 },
        () => undefined,
      );
      expect(out.nRows).toBe(5000);
      const sorted = await client.api.read({ handle: out.handle, offset: 0, limit: 3, sortBy: { column: "amount", descending: true } });
      expect(Array.from(sorted.table.columns[2].values as Float64Array)).toEqual([999, 999, 999]);
      const north = await client.api.read({ handle: out.handle, limit: 2, filters: [{ column: "region", op: "eq", value: "north" }] });
      expect(north.totalRows).toBe(715);
      expect(north.sourceRows).toBe(5000);
      const searched = await client.api.read({ handle: out.handle, limit: 1, search: "nor", filters: [{ column: "amount", op: "lt", value: 100 }] });
      expect(searched.totalRows).toBeGreaterThan(0);
      expect(searched.totalRows).toBeLessThan(715);

    } finally {
      client.terminate();
    }
  });

  it("streams a .gz and a Blob through the worker: same table, pass 2 re-reads the stream, progress in bytes and rows, Cancel mid-stream", async () => {
    const client = startComputeWorker(() => undefined);
    try {
      await client.api.init({ backend: "cpu", baseUrl });
      // About 6 MB: many stream chunks; the boolean column makes the reader stream the file twice.
      const lines = Array.from({ length: 150_000 }, (_, i) => `${i},${i % 3 ? "yes" : "no"},"Zoë, ${i % 11}",${(i * 37) % 1000}.5,2024-0${1 + (i % 9)}-15`);
      const text = `id,won,account,amount,closed\n${lines.join("\n")}\n`;
      const size = new TextEncoder().encode(text).length;
      await client.api.bindFile("big.csv.gz", { bytes: await gzip(text) });
      await client.api.bindFile("big.csv", { blob: new Blob([text]) });
      const run = (name: string, onProgress: (p: { message?: string }) => void = () => undefined) =>
        client.runCell({ cellId: name, version: 1, kind: "data", params: { source: { type: "file", name } }, inputs: {}, seed: 1 }, onProgress);
      const messages: string[] = [];
      const fromBlob = await run("big.csv", (p) => p.message && messages.push(p.message));
      const fromGz = await run("big.csv.gz");
      const expected = { rows: 150_000, bytes: size, columnTypes: { id: "number", won: "boolean", account: "string", amount: "number", closed: "date" } };
      expect(fromBlob.summary).toMatchObject(expected);
      expect(fromGz.summary).toMatchObject(expected);
      expect(fromGz.summary.profile).toEqual(fromBlob.summary.profile);
      expect(messages.some((m) => /^Parsing: .* of .*, [\d,]+ rows$/.test(m))).toBe(true);
      // Cancel while the file streams: the run ends cancelled, and the worker reads the next file normally.
      // Four times the rows, so that the parse outlasts the round trip of a progress message and the Cancel.
      const body = `${lines.join("\n")}\n`;
      await client.api.bindFile("bigger.csv", { blob: new Blob([text, body, body, body]) });
      let cancelAt = "";
      const cancelled = run("bigger.csv", (p) => {
        if (!cancelAt && p.message?.startsWith("Parsing:")) void client.api.cancel("bigger.csv"), (cancelAt = p.message);
      });
      await expect(cancelled).rejects.toThrow(/cancel/i);
      expect(cancelAt).toMatch(/^Parsing: /);
      expect((await run("big.csv.gz")).summary).toMatchObject(expected);
    } finally {
      client.terminate();
    }
  });

  it("reads an Excel workbook (a chosen sheet) and a Parquet file in the worker", async () => {
    const client = startComputeWorker(() => undefined);
    try {
      await client.api.init({ backend: "cpu", baseUrl });
      const book = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([["note"], ["ignore me"]]), "Cover");
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([["region", "amount", "when"], ["North", 10.5, "2024-01-31"], ["South", 3, "2024-02-01"]]), "Deals");
      await client.api.bindFile("book.xlsx", { bytes: XLSX.write(book, { type: "array", bookType: "xlsx" }) as ArrayBuffer });
      const sheet = await client.runCell(
        { cellId: "x", version: 1, kind: "data", params: { source: { type: "file", name: "book.xlsx" }, sheet: "Deals" }, inputs: {}, seed: 1 },
        () => undefined,
      );
      expect(sheet.summary).toMatchObject({ format: "xlsx", sheet: "Deals", rows: 2, columnTypes: { region: "string", amount: "number", when: "date" } });
      const parquet = parquetWriteBuffer({
        columnData: [
          { name: "region", data: ["North", null, "South"], type: "STRING" },
          { name: "amount", data: [1.5, 2, null], type: "DOUBLE" },
        ],
      });
      await client.api.bindFile("d.parquet", { bytes: parquet });
      const out = await client.runCell(
        { cellId: "p", version: 1, kind: "data", params: { source: { type: "file", name: "d.parquet" } }, inputs: {}, seed: 1 },
        () => undefined,
      );
      expect(out.summary).toMatchObject({ format: "parquet", rows: 3, columnTypes: { region: "string", amount: "number" }, missing: { region: 1, amount: 1 } });
      const rows = await client.api.read({ handle: out.handle, offset: 0, limit: 3 });
      expect(Array.from(rows.table.columns[1].values as Float64Array)).toEqual([1.5, 2, NaN]);
    } finally {
      client.terminate();
    }
  });

  it("danfo describe() agrees with our profile", async () => {
    const client = startComputeWorker(() => undefined);
    try {
      await client.api.init({ backend: "cpu", baseUrl });
      const lines = Array.from({ length: 5000 }, (_, i) => `${i},${(i * 37) % 1000}`);
      await client.api.bindFile("d.csv", { bytes: new TextEncoder().encode(`id,amount\n${lines.join("\n")}\n`).buffer as ArrayBuffer });
      const out = await client.runCell(
        { cellId: "d", version: 1, kind: "data", params: { source: { type: "file", name: "d.csv" } }, inputs: {}, seed: 1 },
        () => undefined,
      );
      const described = await client.api.read({ handle: out.handle, extra: "describe", limit: 20 });
      const stats = described.table.columns[0].values as string[];
      const amount = described.table.columns.find((c) => c.name === "amount")!.values as Float64Array;
      const profile = (out.summary.profile as { name: string; mean: number; max: number }[]).find((p) => p.name === "amount")!;
      expect(amount[stats.indexOf("mean")]).toBeCloseTo(profile.mean, 3);
      expect(amount[stats.indexOf("max")]).toBe(profile.max);
    } finally {
      client.terminate();
    }
  });
});
