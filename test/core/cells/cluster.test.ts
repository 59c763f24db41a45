import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import { clusterCell } from "../../../src/core/cells/cluster";
import { getNumeric, makeTable, type Table } from "../../../src/core/frame/table";
import { nodeContext } from "../../helpers/node-context";
import { advertisingTable } from "../models/reference";
import { asInput } from "./model-fixtures";

const run = (table: Table, raw: object) => clusterCell.run({ data: asInput(table) }, clusterCell.parse(raw), nodeContext());

/** Three well-separated blobs in 2-D, 60 rows each, plus one row with a missing value. */
function blobs(): Table {
  const xs: number[] = [], ys: number[] = [];
  const centres = [[0, 0], [10, 0], [0, 10]];
  for (const [cx, cy] of centres) for (let i = 0; i < 60; i++) {
    xs.push(cx + Math.sin(i * 1.7) * 0.8);
    ys.push(cy + Math.cos(i * 2.3) * 0.8);
  }
  xs.push(NaN);
  ys.push(1);
  return makeTable([{ name: "spend", type: "number", values: Float64Array.from(xs) }, { name: "visits", type: "number", values: Float64Array.from(ys) }]);
}

describe("cluster cell", () => {
  it("finds three blobs: cluster column, sizes, profiles in data units, silhouette near 1", async () => {
    const before = tf.memory().numTensors;
    const out = await run(blobs(), { features: ["spend", "visits"], k: 3, seed: 1 });
    expect(tf.memory().numTensors).toBe(before);
    const cluster = getNumeric(out.table, "cluster").values;
    expect(Number.isNaN(cluster[180])).toBe(true);
    expect(out.summary.sizes).toEqual([60, 60, 60]);
    expect(out.summary.silhouette as number).toBeGreaterThan(0.85);
    const profiles = out.extras!.profiles;
    const means = Array.from(getNumeric(profiles, "spend").values).map((v) => Math.round(v) + 0).sort((a, b) => a - b);
    expect(means).toEqual([0, 0, 10]);
    expect((out.summary.warnings as string[])[0]).toMatch(/1 row with a missing feature/);
    expect(out.extras!.points.nRows).toBe(180);
  });

  it("sweeps a k range for the elbow chart: inertia falls with k and the silhouette peaks at the true k", async () => {
    const out = await run(blobs(), { features: ["spend", "visits"], k: 3, kRange: [2, 5], seed: 1 });
    const elbow = out.extras!.elbow;
    const inertia = Array.from(getNumeric(elbow, "inertia").values);
    expect(Array.from(getNumeric(elbow, "k").values)).toEqual([2, 3, 4, 5]);
    inertia.slice(1).forEach((v, i) => expect(v).toBeLessThan(inertia[i]));
    const sil = Array.from(getNumeric(elbow, "silhouette").values);
    expect(sil.indexOf(Math.max(...sil))).toBe(1);
  });

  it("is reproducible by seed, defaults to every numeric column, and names bad params", async () => {
    const t = advertisingTable();
    const a = await run(t, { k: 4, seed: 3 });
    const b = await run(t, { k: 4, seed: 3 });
    expect(a.summary.inertia).toBe(b.summary.inertia);
    expect(a.summary.features).toEqual(t.columns.filter((c) => c.type === "number").map((c) => c.name));
    expect(() => clusterCell.parse({ k: 0 })).toThrow(/params.k/);
    expect(() => clusterCell.parse({ kRange: [5, 2] })).toThrow(/params.kRange/);
  });
});
