// The MLP's own training loop in the real worker on the WASM backend (the Node tests run the CPU
// backend): the same seed trains the same network, and Cancel reaches a running fit.
import { describe, expect, it } from "vitest";
import { startComputeWorker } from "../../src/bridge/compute-client";
import type { RunCellResult } from "../../src/bridge/api";

const baseUrl = new URL("/", location.href).href;
const FEATURES = ["amount", "marketing_touches", "discount", "lead_score"];

async function session() {
  const client = startComputeWorker(() => undefined);
  await client.api.init({ backend: "wasm", baseUrl });
  const data = await client.runCell({ cellId: "d", version: 1, kind: "data", params: { source: { type: "sample", name: "opportunities" } }, inputs: {}, seed: 1 }, () => undefined);
  return { client, data };
}

describe("MLP in the worker (WASM)", () => {
  it("re-trains to identical probabilities with dropout and a 512-row batch", async () => {
    const { client, data } = await session();
    // A fresh seed per run, so no stored fit from an earlier run is restored instead of training.
    const seed = Math.floor(Math.random() * 1e9);
    const params = { task: "classification", algorithm: "mlp", target: "won", features: FEATURES, hidden: "64,64", dropout: 0.2, epochs: 8, batchSize: 512, validationFraction: 0.1 };
    const train = () => client.runCell({ cellId: "m", version: 1, kind: "model", seed, inputs: { data: data.handle }, params: params as never }, () => undefined);
    const probabilities = async (r: RunCellResult) =>
      Array.from((await client.api.read({ handle: r.handle, columns: ["probability"], limit: 100_000 })).table.columns[0].values as Float64Array);
    try {
      const base = await client.api.stats();
      const first = await train();
      expect(first.backend).toBe("wasm");
      expect(first.summary.training).toMatchObject({ restored: false });
      const expected = await probabilities(first);
      expect(expected.every((p) => Number.isNaN(p) || (p > 0 && p < 1))).toBe(true);
      await client.api.forgetModel(first.handle);
      const second = await train();
      expect(second.summary.training).toMatchObject({ restored: false });
      expect(await probabilities(second)).toEqual(expected);
      await client.api.release([first.handle, second.handle]);
      expect((await client.api.stats()).numTensors).toBe(base.numTensors);
    } finally {
      client.terminate();
    }
  });

  it("Cancel stops a long fit mid-training and frees its tensors", async () => {
    const { client, data } = await session();
    try {
      const base = await client.api.stats();
      let cancelled = false;
      const run = client.runCell(
        { cellId: "long", version: 1, kind: "model", seed: 3, inputs: { data: data.handle },
          params: { task: "regression", algorithm: "mlp", target: "amount", features: FEATURES.slice(1), hidden: "128,128", epochs: 5000, batchSize: 32 } as never },
        (p) => {
          // The first epoch report (progress is throttled, so not necessarily epoch 1's): training is under way, cancel it.
          if (!cancelled && /^epoch \d+\//.test(p.message ?? "")) {
            cancelled = true;
            void client.api.cancel("long");
          }
        },
      );
      const started = performance.now();
      await expect(run).rejects.toThrow(/cancel/i);
      expect(cancelled).toBe(true);
      expect(performance.now() - started).toBeLessThan(30_000);
      expect((await client.api.stats()).numTensors).toBe(base.numTensors);
    } finally {
      client.terminate();
    }
  });
});
