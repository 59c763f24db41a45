// Trained models kept in IndexedDB by the real worker: a new worker (as after a reload or a crash)
// restores the stored fit instead of training, predicts the same, and trains afresh once the
// stored copy is forgotten. The exported model file scores rows in another model cell.
import { describe, expect, it } from "vitest";
import { startComputeWorker } from "../../src/bridge/compute-client";
import type { RunCellResult } from "../../src/bridge/api";

const baseUrl = new URL("/", location.href).href;
// Boosting on the sample's 6,483 deals: 500 rounds take seconds here, far over the 200 ms under which fits are not stored.
const MODEL = { task: "classification", algorithm: "gradient_boosting", target: "won", features: ["amount", "marketing_touches", "discount"], maxIter: 500, earlyStopping: "off" };

async function session() {
  const client = startComputeWorker(() => undefined);
  await client.api.init({ backend: "wasm", baseUrl });
  const data = await client.runCell({ cellId: "d", version: 1, kind: "data", params: { source: { type: "sample", name: "opportunities" } }, inputs: {}, seed: 1 }, () => undefined);
  const model = (params: object, cellId = "m") =>
    client.runCell({ cellId, version: 1, kind: "model", seed: 1, inputs: { data: data.handle }, params: params as never }, () => undefined);
  const probabilities = async (r: RunCellResult) =>
    Array.from((await client.api.read({ handle: r.handle, columns: ["probability"], limit: 100_000 })).table.columns[0].values as Float64Array);
  return { client, model, probabilities };
}

describe("trained models in IndexedDB", () => {
  it("a new worker restores the stored model, and Retrain trains again", async () => {
    const first = await session();
    let trained: RunCellResult, fileText: string, expected: number[];
    try {
      trained = await first.model(MODEL);
      expect(trained.summary.training).toMatchObject({ restored: false, stored: true });
      expected = await first.probabilities(trained);
      fileText = await first.client.api.exportModel(trained.handle);
    } finally {
      first.client.terminate();
    }

    const second = await session();
    try {
      const restored = await second.model(MODEL);
      expect(restored.summary.training).toMatchObject({ restored: true, trainedAt: (trained.summary.training as { trainedAt: string }).trainedAt });
      expect(await second.probabilities(restored)).toEqual(expected);
      expect(restored.summary.metrics).toEqual(trained.summary.metrics);

      await second.client.api.forgetModel(restored.handle);
      const retrained = await second.model(MODEL);
      expect(retrained.summary.training).toMatchObject({ restored: false, stored: true });
      expect(await second.probabilities(retrained)).toEqual(expected);

      await second.client.api.bindFile("win.model.json", { bytes: new TextEncoder().encode(fileText).buffer as ArrayBuffer });
      const scored = await second.model({ source: { type: "file", name: "win.model.json" } }, "scorer");
      expect(await second.probabilities(scored)).toEqual(expected);
      expect(scored.summary.training).toMatchObject({ file: "win.model.json" });
    } finally {
      second.client.terminate();
    }
  });
});
