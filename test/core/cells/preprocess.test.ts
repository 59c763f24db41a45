import { describe, expect, test } from "vitest";
import { preprocessCell } from "../../../src/core/cells/preprocess";
import { ParamError, type CellOutput } from "../../../src/core/cells/types";
import { getColumn, makeTable, type Table } from "../../../src/core/frame/table";
import { nodeContext } from "../../helpers/node-context";

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
    [{ steps: [{ op: "drop" }] }, 'params.steps[0].op: must be one of "impute", "onehot", "scale", "split"'],
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
});
