// Trained models saved and used again: every algorithm predicts exactly as fitted after a round
// trip through the store (structured clone) and through a model file; a model cell restores a
// stored fit only for the very same settings and numbers; bad model files get named errors.
import { describe, expect, it } from "vitest";
import { modelCell, type ImportedModelParams, type ModelParams } from "../../../src/core/cells/model";
import type { CellOutput, RunContext } from "../../../src/core/cells/types";
import { getNumeric, makeTable, withColumn, type Table } from "../../../src/core/frame/table";
import { decodeModelFile, encodeModelFile, ModelFileError } from "../../../src/core/models/model-file";
import { fromRecord } from "../../../src/core/models/saved-models";
import { mulberry32 } from "../../../src/core/steps/types";
import { MemoryModelStore } from "../../helpers/memory-model-store";
import { nodeContext } from "../../helpers/node-context";

/** 300 seeded rows: four measurements, two small integer codes, a won/lost label and an amount. */
function dealTable(seed = 3, rows = 300): Table {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const x = Array.from({ length: 4 }, () => new Float64Array(rows));
  const c1 = new Float64Array(rows), c2 = new Float64Array(rows), amount = new Float64Array(rows);
  const won: string[] = [];
  for (let i = 0; i < rows; i++) {
    for (const col of x) col[i] = normal();
    c1[i] = Math.floor(rand() * 3);
    c2[i] = Math.floor(rand() * 4);
    const eta = 1.2 * x[0][i] - 0.8 * x[1][i] + 0.5 * c1[i] - 0.6 + 0.5 * normal();
    won.push(eta > 0 ? "won" : "lost");
    amount[i] = 100 + 30 * x[0][i] + 10 * x[2][i] ** 2 - 5 * c2[i] + 8 * normal();
  }
  return makeTable([
    ...x.map((values, j) => ({ name: `x${j + 1}`, type: "number" as const, values })),
    { name: "c1", type: "number", values: c1 },
    { name: "c2", type: "number", values: c2 },
    { name: "outcome", type: "string", values: won },
    { name: "amount", type: "number", values: amount },
  ]);
}

const X = ["x1", "x2", "x3", "x4", "c1", "c2"];
const CASES: { name: string; params: Record<string, unknown> }[] = [
  { name: "linear", params: { task: "regression", algorithm: "linear", target: "amount", features: X } },
  { name: "logistic", params: { task: "classification", algorithm: "logistic", target: "outcome", features: X } },
  { name: "decision tree (classification)", params: { task: "classification", algorithm: "decision_tree", target: "outcome", features: X } },
  { name: "decision tree (regression)", params: { task: "regression", algorithm: "decision_tree", target: "amount", features: X } },
  { name: "random forest", params: { task: "regression", algorithm: "random_forest", target: "amount", features: X, nTrees: 5 } },
  { name: "boosting (classification)", params: { task: "classification", algorithm: "gradient_boosting", target: "outcome", features: X, maxIter: 10 } },
  { name: "boosting (regression)", params: { task: "regression", algorithm: "gradient_boosting", target: "amount", features: X, maxIter: 10 } },
  { name: "gaussian naive Bayes", params: { task: "classification", algorithm: "naive_bayes", target: "outcome", features: X } },
  { name: "categorical naive Bayes", params: { task: "classification", algorithm: "naive_bayes", variant: "categorical", target: "outcome", features: ["c1", "c2"] } },
  { name: "linear SVM", params: { task: "classification", algorithm: "svm", target: "outcome", features: X } },
  { name: "RBF SVM", params: { task: "classification", algorithm: "svm", kernel: "rbf", components: 40, target: "outcome", features: X } },
  { name: "SVM regression", params: { task: "regression", algorithm: "svm", target: "amount", features: X } },
  { name: "MLP (classification)", params: { task: "classification", algorithm: "mlp", hidden: [8, 4], epochs: 3, target: "outcome", features: X } },
  { name: "MLP (regression)", params: { task: "regression", algorithm: "mlp", hidden: [8], epochs: 3, dropout: 0.2, target: "amount", features: X } },
];

async function runModel(table: Table, params: unknown, ctx: RunContext): Promise<CellOutput> {
  return modelCell.run({ data: { table, summary: {} } }, modelCell.parse(params) as ModelParams | ImportedModelParams, ctx);
}

const scoresOf = (out: CellOutput) => {
  const probability = out.table.columns.find((c) => c.name === "probability");
  return probability ? getNumeric(out.table, "probability").values : getNumeric(out.table, "prediction").values;
};

describe("saved models", () => {
  it.each(CASES)("$name predicts exactly as fitted after the store and after a model file", async ({ params }) => {
    const table = dealTable();
    const other = dealTable(11, 120); // rows the model never saw
    const store = new MemoryModelStore();
    const first = await runModel(table, params, { ...nodeContext(), models: store });
    expect(first.summary.training).toMatchObject({ restored: false, stored: true });
    const expectedOther = await first.model!.predict(other);

    const again = await runModel(table, params, { ...nodeContext(), models: store });
    expect(again.summary.training).toMatchObject({ restored: true });
    expect(scoresOf(again)).toEqual(scoresOf(first));
    expect(again.summary.metrics).toEqual(first.summary.metrics);
    expect(await again.model!.predict(other)).toEqual(expectedOther);

    const record = decodeModelFile(encodeModelFile(await first.model!.record()), "m.json");
    const restored = await fromRecord(record);
    expect(await restored.predict(other)).toEqual(expectedOther);
    restored.dispose();
    for (const out of [first, again]) out.model!.dispose();
  });

  it("trains again when a setting, the seed or a single training number changes", async () => {
    const table = dealTable();
    const params = { task: "regression", algorithm: "gradient_boosting", target: "amount", features: X, maxIter: 5 };
    const store = new MemoryModelStore();
    await runModel(table, params, { ...nodeContext(), models: store });
    const restored = async (t: Table, p: unknown, seed = 42) => (await runModel(t, p, { ...nodeContext({ seed }), models: store })).summary.training;
    expect(await restored(table, params)).toMatchObject({ restored: true });
    expect(await restored(table, { ...params, maxIter: 6 })).toMatchObject({ restored: false });
    expect(await restored(table, params, 7)).toMatchObject({ restored: false });
    const x1 = Float64Array.from(getNumeric(table, "x1").values);
    x1[123] += 1e-9;
    expect(await restored(withColumn(table, { name: "x1", type: "number", values: x1 }), params)).toMatchObject({ restored: false });
  });

  it("keeps no model larger than the store takes, and says so", async () => {
    const store = new MemoryModelStore(0, 2048);
    const out = await runModel(dealTable(), CASES[4].params, { ...nodeContext(), models: store });
    expect(out.summary.training).toMatchObject({ restored: false, stored: false });
    expect((out.summary.warnings as string[]).join(" ")).toMatch(/The trained model takes [\d.]+ (KiB|MiB), more than the 0\.0 MiB kept per model/);
    expect(store.records.size).toBe(0);
  });

  it("stores nothing for fits quicker than the store's threshold", async () => {
    const store = new MemoryModelStore(60_000);
    const out = await runModel(dealTable(), CASES[0].params, { ...nodeContext(), models: store });
    expect(out.summary.training).toMatchObject({ restored: false, stored: false });
    expect(store.records.size).toBe(0);
  });

  it("scores new rows with an exported model file, with metrics where the target is known", async () => {
    const table = dealTable();
    const trained = await runModel(table, CASES[5].params, nodeContext());
    const file = encodeModelFile(await trained.model!.record());
    const ctx = { ...nodeContext(), readSource: async () => new TextEncoder().encode(file) };
    const fresh = dealTable(19, 150);
    const scored = await runModel(fresh, { source: { type: "file", name: "win.model.json" } }, ctx);
    expect(getNumeric(scored.table, "probability").values).toEqual(await trained.model!.predict(fresh));
    expect(scored.summary).toMatchObject({ algorithm: "gradient_boosting", task: "classification", positive: "won", negative: "lost", nTest: 150 });
    expect((scored.summary.metrics as { test: { roc_auc: number } }).test.roc_auc).toBeGreaterThan(0.7);

    const unlabeled = makeTable(fresh.columns.filter((c) => c.name !== "outcome"));
    const blind = await runModel(unlabeled, { source: { type: "file", name: "win.model.json" } }, ctx);
    expect(blind.summary.warnings).toContain('No "outcome" column: predictions only, no metrics');

    const lacking = makeTable(fresh.columns.filter((c) => c.name !== "x3"));
    await expect(runModel(lacking, { source: { type: "file", name: "win.model.json" } }, ctx)).rejects.toThrow(/win\.model\.json uses "x3"/);
    const relabeled = withColumn(fresh, { name: "outcome", type: "string", values: (fresh.columns[6].values as (string | null)[]).map((v) => (v === "won" ? "yes" : v)) });
    await expect(runModel(relabeled, { source: { type: "file", name: "win.model.json" } }, ctx)).rejects.toThrow(/trained on "won" and "lost"/);
    expect(() => modelCell.parse({ source: { type: "file", name: "m.json" }, algorithm: "linear" })).toThrow(/params\.algorithm/);
  });

  it("refuses broken model files with the field that is wrong", async () => {
    const trained = await runModel(dealTable(), CASES[4].params, nodeContext());
    const good = JSON.parse(encodeModelFile(await trained.model!.record()));
    const broken = (edit: (f: any) => void) => {
      const f = structuredClone(good);
      edit(f);
      return JSON.stringify(f);
    };
    expect(() => decodeModelFile("{not json", "a.json")).toThrow(/a\.json is not a model file: it is not JSON/);
    expect(() => decodeModelFile('{"format": "other"}', "b.json")).toThrow(/not a Sales Notebook model file/);
    expect(() => decodeModelFile(broken((f) => (f.version = 99)), "c.json")).toThrow(/version 99/);
    expect(() => decodeModelFile(broken((f) => (f.algorithm = "magic")), "d.json")).toThrow(/algorithm: "magic"/);
    expect(() => decodeModelFile(broken((f) => (f.task = "classification")), "e.json")).toThrow(ModelFileError);
    expect(() => decodeModelFile(broken((f) => (f.features = ["x1", "x1"])), "f.json")).toThrow(/listed twice/);
    expect(() => decodeModelFile(broken((f) => (f.parameters.arrays.treeValue.length = 3)), "g.json")).toThrow(/treeValue: \d+ bytes do not hold 3 float64 values/);
    expect(() => decodeModelFile(broken((f) => (f.parameters.arrays.treeLeft.base64 = "%%%")), "h.json")).toThrow(/treeLeft\.base64 is not base64/);

    // Decodes, but the trees do not fit together: restoring says which node.
    const left = new Int32Array(Uint8Array.from(atob(good.parameters.arrays.treeLeft.base64), (ch) => ch.charCodeAt(0)).buffer);
    left[0] = 0; // the root's left child pointing at itself: a walk would never end
    const loop = broken((f) => (f.parameters.arrays.treeLeft.base64 = btoa(String.fromCharCode(...new Uint8Array(left.buffer)))));
    const ctx = { ...nodeContext(), readSource: async () => new TextEncoder().encode(loop) };
    await expect(runModel(dealTable(), { source: { type: "file", name: "loop.json" } }, ctx)).rejects.toThrow(/loop\.json: parameters\.arrays: node 0 of tree 0 is not a valid split/);
  });
});
