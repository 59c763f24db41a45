import { describe, expect, test } from "vitest";
import { preprocessCell } from "../../../src/core/cells/preprocess";
import { ParamError, type CellOutput } from "../../../src/core/cells/types";
import { getColumn, makeTable, type Table } from "../../../src/core/frame/table";
import { nodeContext } from "../../helpers/node-context";
import { STEP_TEMPLATES, PREPROCESS_1M_STEPS, makePreprocessBenchmarkTable } from "../../../src/core/steps";
import { CELL_PORTS } from "../../../src/core/cells/ports";

const n = 200;
const deals = makeTable([
  { name: "lead_score", type: "number", values: Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? NaN : i)) },
  { name: "region", type: "string", values: Array.from({ length: n }, (_, i) => ["North", "South", "East"][i % 3]) },
  { name: "segment", type: "string", values: Array.from({ length: n }, (_, i) => (i % 2 ? "SMB" : "Enterprise")) },
  { name: "won", type: "boolean", values: Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0)) },
]);
const input = (table: Table): Record<string, CellOutput> => ({ data: { table, summary: {} } });
const run = (params: unknown, table = deals) => preprocessCell.run(input(table), preprocessCell.parse(params), nodeContext({ seed: 42 }));

const notebookSteps = [
  { op: "impute", columns: ["lead_score"], strategy: "median" },
  { op: "onehot", columns: ["region", "segment"] },
  { op: "split", test: 0.2, seed: 42, stratify: "won" },
];

describe("preprocess cell", () => {
  test("the default notebook order: split (listed last) runs first, so impute fits on train rows only", async () => {
    const out = await run({ steps: notebookSteps });
    const split = getColumn(out.table, "split").values as string[];
    const score = deals.columns[0].values as Float64Array;
    const train = Array.from(score).filter((v, i) => split[i] === "train" && !Number.isNaN(v)).sort((a, b) => a - b);
    const median = train.length % 2 ? train[train.length >> 1] : (train[train.length / 2 - 1] + train[train.length / 2]) / 2;
    expect(out.summary).toMatchObject({
      rowsBefore: 200, rowsAfter: 200, columnsBefore: 4, columnsAfter: 4 - 2 + 5 + 1, split: { train: 160, test: 40 },
    });
    const steps = out.summary.steps as { index: number; op: string; fitted: Record<string, unknown> }[];
    expect(steps.map((s) => [s.index, s.op])).toEqual([[2, "split"], [0, "impute"], [1, "onehot"]]);
    expect(steps[1].fitted.values).toEqual({ lead_score: median });
    expect(steps[2].fitted.categories).toEqual({ region: ["East", "North", "South"], segment: ["Enterprise", "SMB"] });
    expect(out.table.columns.map((c) => c.name)).toEqual([
      "lead_score", "region=East", "region=North", "region=South", "segment=Enterprise", "segment=SMB", "won", "split",
    ]);
  });

  test("the run's seed is used when the split step has none, and disabled steps are skipped", async () => {
    const a = await run({ steps: [{ op: "split", test: 0.25 }, { op: "scale", columns: ["region"], enabled: false }] });
    const b = await run({ steps: [{ op: "split", test: 0.25, seed: 42 }] });
    expect(getColumn(a.table, "split").values).toEqual(getColumn(b.table, "split").values);
    expect((a.summary.steps as unknown[]).length).toBe(1);
  });

  test("no steps passes the table through", async () => {
    const out = await run({ steps: [] });
    expect(out.table).toBe(deals);
    expect(out.summary).toMatchObject({ rowsAfter: 200, columnsAfter: 4, steps: [] });
  });

  test("a failing step names its index and op", async () => {
    await expect(run({ steps: [{ op: "impute", columns: ["lead_score"] }, { op: "scale", columns: ["nope"] }] })).rejects.toThrow(
      'steps[1] (scale): Column "nope" not found (columns: lead_score, region, segment, won)',
    );
    await expect(run({ steps: [{ op: "scale", columns: ["lead_score"], method: "robust" }, { op: "impute", columns: ["region"], strategy: "mean" }] })).rejects.toThrow(
      'steps[1] (impute): column "region" is text; "mean" needs numbers',
    );
  });

  test.each([
    [{ steps: {} }, "params.steps: must be a list of steps"],
    [{ steps: [{ op: "pivot" }] }, 'params.steps[0].op: must be one of "select", "drop", "filter", "drop_missing", "impute"'],
    [{ steps: [{ op: "impute", columns: [] }] }, "params.steps[0].columns: list at least one column to impute"],
    [{ steps: [notebookSteps[0], { op: "impute", columns: ["x"], strategy: "mode" }] }, "params.steps[1].strategy: must be one of"],
    [{ steps: [{ op: "scale", columns: ["x"], method: "zscore" }] }, "params.steps[0].method: must be one of"],
    [{ steps: [{ op: "onehot", columns: "region" }] }, "params.steps[0].columns: must be a list of column names"],
    [{ steps: [{ op: "split", test: 1.5 }] }, "params.steps[0].test: must be a number from 0 to 1"],
    [{ steps: [{ op: "split", test: 0 }] }, "params.steps[0].test: must be a fraction strictly between 0 and 1"],
    [{ steps: [{ op: "split", seed: -3 }] }, "params.steps[0].seed: must be an integer"],
    [{ steps: [{ op: "split" }, { op: "split" }] }, "params.steps[1]: only one split step may be enabled (another is steps[0])"],
    [{ steps: [{ op: "impute", columns: ["x"], enabled: "no" }] }, "params.steps[0].enabled: must be true or false"],
  ])("rejects %j with a ParamError naming the field", (params, message) => {
    expect(() => preprocessCell.parse(params)).toThrow(ParamError);
    expect(() => preprocessCell.parse(params)).toThrow(message);
  });

  test("the summary lists rows and columns before and after every step", async () => {
    const out = await run({ steps: [
      { op: "filter", where: { column: "region", op: "!=", value: "East" } },
      { op: "derive", name: "score2", expr: "lead_score * 2" },
      { op: "aggregate", by: ["region"], aggregations: [{ column: "score2", fn: "mean" }, { fn: "count" }] },
    ] });
    const steps = out.summary.steps as Record<string, unknown>[];
    expect(steps.map((s) => [s.op, s.rowsBefore, s.rowsAfter, s.columnsBefore, s.columnsAfter])).toEqual([
      ["filter", 200, 134, 4, 4], ["derive", 134, 134, 4, 5], ["aggregate", 134, 2, 5, 3],
    ]);
    expect(out.table.columns.map((c) => c.name)).toEqual(["region", "score2_mean", "count"]);
  });

  test("split moves up to just before the first fitted step, after the row-shaping steps listed earlier", async () => {
    const out = await run({ steps: [
      { op: "filter", expr: "region != 'East'" },
      { op: "impute", columns: ["lead_score"], strategy: "mean" },
      { op: "kfold", k: 4 },
      { op: "split", test: 0.25, stratify: "won" },
    ] });
    expect((out.summary.steps as { op: string }[]).map((s) => s.op)).toEqual(["filter", "split", "impute", "kfold"]);
    expect(out.summary.split).toEqual({ train: 100, test: 34 });
    const fold = getColumn(out.table, "fold").values as Float64Array;
    const split = getColumn(out.table, "split").values as string[];
    expect(split.every((s, i) => (s === "test") === Number.isNaN(fold[i]))).toBe(true);
  });

  test('a join reads the optional "right" input, which the ports declare', async () => {
    expect(CELL_PORTS.preprocess.optionalInputs).toEqual(["right"]);
    expect(preprocessCell.optionalInputs).toEqual(["right"]);
    const targets = makeTable([
      { name: "region", type: "string", values: ["North", "South"] },
      { name: "target", type: "number", values: Float64Array.from([5, 7]) },
    ]);
    const params = preprocessCell.parse({ steps: [{ op: "join", on: ["region"], how: "inner" }] });
    const out = await preprocessCell.run({ data: { table: deals, summary: {} }, right: { table: targets, summary: {} } }, params, nodeContext());
    expect(out.table.nRows).toBe(134);
    await expect(run({ steps: [{ op: "join", on: ["region"] }] })).rejects.toThrow('steps[0] (join): a join needs a second table: connect a cell to this cell\'s "right" input');
  });

  test("bad expressions, missing columns, constant columns and huge one-hots name their step", async () => {
    expect(() => preprocessCell.parse({ steps: [{ op: "derive", name: "x", expr: "lead_score +" }] })).toThrow(
      "params.steps[0].expr: the expression ends where a value is expected (at character 13)",
    );
    await expect(run({ steps: [{ op: "derive", name: "x", expr: "lead_scor * 2" }] })).rejects.toThrow('steps[0] (derive): expression "lead_scor * 2": unknown column "lead_scor"');
    await expect(run({ steps: [{ op: "clip", columns: ["amount"] }] })).rejects.toThrow('steps[0] (clip): Column "amount" not found');
    const flat = makeTable([{ name: "c", type: "number", values: new Float64Array(10).fill(3) }]);
    await expect(run({ steps: [{ op: "scale", columns: ["c"] }] }, flat)).rejects.toThrow('steps[0] (scale): column "c" is constant');
    const ids = makeTable([{ name: "id", type: "string", values: Array.from({ length: 100_000 }, (_, i) => `c${i}`) }]);
    await expect(run({ steps: [{ op: "onehot", columns: ["id"] }] }, ids)).rejects.toThrow('steps[0] (onehot): column "id" has more than 1000 categories');
  });

  // The UI offers every op of STEP_TEMPLATES, with a form each (test/core/steps/fields.test.ts).
  test("every step template parses", () => {
    for (const [op, { step }] of Object.entries(STEP_TEMPLATES)) {
      expect(() => preprocessCell.parse({ steps: [step] }), op).not.toThrow();
    }
  });

  test("the preprocess_1M benchmark steps run on a small generated table", async () => {
    const out = await run({ steps: PREPROCESS_1M_STEPS }, makePreprocessBenchmarkTable(2000));
    expect(out.summary.split).toEqual({ train: 1600, test: 400 });
    expect(out.table.columns.map((c) => c.name)).toContain("value_per_seat");
  });
});
