// The real compute worker (blob-started module worker, comlink, TF.js backends) in Chromium.
import { describe, expect, it } from "vitest";
import { startComputeWorker } from "../../src/bridge/compute-client";

// The sample CSV lives in public/, served by Vitest's dev server at the root.
const baseUrl = new URL("/", location.href).href;

describe("compute worker", () => {
  it("auto skips the software WebGPU adapter and names the reason", async () => {
    const client = startComputeWorker(() => undefined);
    try {
      const info = await client.api.init({ backend: "auto", baseUrl });
      const webgpu = info.probes.find((p) => p.backend === "webgpu");
      expect(webgpu?.ok).toBe(false);
      expect(webgpu?.note).toMatch(/software adapter|no WebGPU adapter|not available/);
      expect(["wasm", "cpu"]).toContain(info.backend);
      expect(info.reason.length).toBeGreaterThan(10);
    } finally {
      client.terminate();
    }
  });

  it("runs data -> preprocess -> logistic model in the worker and frees every tensor on release", async () => {
    const client = startComputeWorker(() => undefined);
    try {
      await client.api.init({ backend: "wasm", baseUrl });
      const base = await client.api.stats();
      const data = await client.runCell(
        { cellId: "d", version: 1, kind: "data", params: { source: { type: "sample", name: "opportunities" } }, inputs: {}, seed: 1 },
        () => undefined,
      );
      expect(data.nRows).toBeGreaterThan(1000);
      const clean = await client.runCell(
        {
          cellId: "p", version: 1, kind: "preprocess", seed: 1, inputs: { data: data.handle },
          params: { steps: [
            { op: "impute", columns: ["lead_score"], strategy: "median" },
            { op: "onehot", columns: ["region", "segment"] },
            { op: "split", test: 0.2, seed: 42, stratify: "won" },
          ] },
        },
        () => undefined,
      );
      const progress: number[] = [];
      const model = await client.runCell(
        { cellId: "m", version: 1, kind: "model", seed: 1, inputs: { data: clean.handle },
          params: { task: "classification", algorithm: "logistic", target: "won", exclude: ["amount"] } },
        (p) => progress.push(p.fraction),
      );
      expect(model.backend).toBe("wasm");
      expect(model.columns.map((c) => c.name)).toContain("probability");
      const slice = await client.api.read({ handle: model.handle, columns: ["probability"], limit: 50 });
      const probabilities = slice.table.columns[0].values as Float64Array;
      expect(Array.from(probabilities).every((p) => Number.isNaN(p) || (p >= 0 && p <= 1))).toBe(true);
      await client.api.release([model.handle, clean.handle, data.handle]);
      const after = await client.api.stats();
      expect(after.numTensors).toBe(base.numTensors);
      expect(after.handles).toBe(0);
    } finally {
      client.terminate();
    }
  });

  it("a forced WebGPU backend runs on the software adapter when asked", async () => {
    const client = startComputeWorker(() => undefined);
    try {
      const info = await client.api.init({ backend: "webgpu", baseUrl });
      expect(info.backend).toBe("webgpu");
      expect(info.reason).toMatch(/chosen in settings/);
    } finally {
      client.terminate();
    }
  });

  it("a lost GPU device makes the worker fail loudly, so the page can recover", async () => {
    let crashed = "";
    const gone = new Promise<void>((resolve) => {
      const client = startComputeWorker((message) => {
        crashed = message;
        client.terminate();
        resolve();
      });
      void (async () => {
        await client.api.init({ backend: "webgpu", baseUrl });
        await client.api.crash("gpu-device");
      })();
    });
    await gone;
    expect(crashed).toMatch(/GPU device lost \(destroyed/);
  });

  it("the worker refuses requests to another origin", async () => {
    const client = startComputeWorker(() => undefined);
    try {
      await client.api.init({ backend: "cpu", baseUrl });
      await client.api.bindFile("leak.csv", { url: "https://example.com/steal.csv" });
      await expect(
        client.runCell({ cellId: "d", version: 1, kind: "data", params: { source: { type: "file", name: "leak.csv" } }, inputs: {}, seed: 1 }, () => undefined),
      ).rejects.toThrow(/Blocked request to https:\/\/example.com|Content Security Policy|Failed to fetch/);
    } finally {
      client.terminate();
    }
  });
});
