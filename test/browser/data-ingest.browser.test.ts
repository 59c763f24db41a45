// Data ingest through the real worker in Chromium: gzip via DecompressionStream, sort / filter /
// search in `read`, and danfo's describe() checked against our profile.
import { describe, expect, it } from "vitest";
import { startComputeWorker } from "../../src/bridge/compute-client";

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
