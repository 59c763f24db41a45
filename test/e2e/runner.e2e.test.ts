// The headless runner as a user runs it: `npx sales-notebook run ...` on the built app.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { writeBenchCsv, writeBlobsCsv, writeRegressionCsv } from "../../scripts/make-bench-data.mjs";
import { parseCsv } from "../../src/core/frame/csv";
import { modelCell } from "../../src/core/cells/model";
import { clusterCell } from "../../src/core/cells/cluster";
import { dataCell } from "../../src/core/cells/data";
import type { CellKind } from "../../src/core/cells/types";
import { nodeContext } from "../helpers/node-context";

/** The runner on the build under test: E2E_DIST when set (as test/helpers/e2e.ts serves), else its default dist/. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const dist = process.env.E2E_DIST && args[0] === "run" ? ["--dist", process.env.E2E_DIST] : [];
  return new Promise((resolve) => {
    execFile("node", ["bin/sales-notebook.mjs", ...args, ...dist], { timeout: 200_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Runs a data cell (the CSV written by `write`) feeding one `kind` cell through the runner on the
 * built app, and the same cell in Node on the same table; returns both cells' summaries.
 */
async function inAppAndInNode(
  write: (file: string) => Promise<unknown>, kind: typeof modelCell | typeof clusterCell, kindId: string, params: Record<string, unknown>,
): Promise<{ inApp: any; inNode: any }> {
  const dir = await mkdtemp(path.join(tmpdir(), "runner-"));
  const data = path.join(dir, "table.csv");
  await write(data);
  const notebook = path.join(dir, "nb.json");
  await writeFile(notebook, JSON.stringify({
    format: "sales-notebook", version: 1, title: "t", settings: { backend: "wasm" },
    cells: [
      { id: "table", kind: "data", params: { source: { type: "file", name: "table.csv" } } },
      { id: "cell", kind: kindId, inputs: { data: "table" }, params },
    ],
  }));
  const out = path.join(dir, "r.json");
  const { code, stderr } = await runCli(["run", notebook, "--data", `table.csv=${data}`, "--out", out]);
  expect(code, stderr).toBe(0);
  const inApp = JSON.parse(await readFile(out, "utf8")).cells[1].summary;
  const table = parseCsv(new Uint8Array(await readFile(data)));
  const cell = kind as CellKind<unknown>;
  const inNode = (await cell.run({ data: { table, summary: {} } }, cell.parse(params), nodeContext())).summary;
  return { inApp, inNode };
}

// The page gets at most 3 helpers besides the compute worker, one per spare core.
const appThreads = Math.min(4, availableParallelism());

describe("the app's helper threads (the page is cross-origin isolated)", () => {
  it("boosting builds histograms and splits rows on a helper worker and grows the trees one thread grows", async () => {
    const params = { task: "regression", algorithm: "gradient_boosting", target: "y", maxIter: 15, earlyStopping: "off" };
    // 70,000 rows: the root's split is large enough to go to the helper too (PARALLEL_PARTITION_MIN_ROWS).
    const { inApp, inNode } = await inAppAndInNode((file) => writeRegressionCsv(file, 70_000, 8, 3), modelCell, "model", params);
    expect(inApp.boosting.threads).toBe(appThreads);
    expect(inNode.boosting.threads).toBe(1);
    expect(inApp.boosting.trainLoss).toBe(inNode.boosting.trainLoss);
  });

  it("k-means++ runs its passes on a helper worker and finds the clusters one thread finds", async () => {
    const { inApp, inNode } = await inAppAndInNode((file) => writeBlobsCsv(file, 70_000, 4, 5, 3), clusterCell, "cluster", { k: 5, nInit: 2, seed: 9 });
    expect(inApp.threads).toBe(appThreads);
    expect(inNode.threads).toBe(1);
    expect(inApp.restartInertias).toEqual(inNode.restartInertias);
    expect(inApp.sizes).toEqual(inNode.sizes);
  });
});

describe("the app's helper threads: a large CSV read by columns", () => {
  it("a 36 MB CRM file is read on two threads and gives the table, types and profile one thread gives", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "runner-"));
    const data = path.join(dir, "crm.csv");
    // 360,000 rows (36 MB): above the 32 MiB from which a read is split (csv-split.ts SPLIT_MIN_BYTES).
    await writeBenchCsv(data, 360_000, 11);
    const notebook = path.join(dir, "nb.json");
    await writeFile(notebook, JSON.stringify({
      format: "sales-notebook", version: 1, title: "t", settings: { backend: "wasm" },
      cells: [{ id: "table", kind: "data", params: { source: { type: "file", name: "crm.csv" } } }],
    }));
    const out = path.join(dir, "r.json");
    // The table itself comes back as CSV (--export), to compare the values too.
    const exported = path.join(dir, "table.csv");
    const { code, stderr } = await runCli(["run", notebook, "--data", `crm.csv=${data}`, "--out", out, "--export", `table=${exported}`]);
    expect(code, stderr).toBe(0);
    const inApp = JSON.parse(await readFile(out, "utf8")).cells[0].summary;
    const inNode = (await dataCell.run({}, dataCell.parse({ source: { type: "file", name: "crm.csv" } }), nodeContext({ files: { "crm.csv": data } }))).summary;
    // Two threads where the machine has a core to spare (as the boosting test above).
    expect(inApp.threads).toBe(appThreads > 1 ? 2 : undefined);
    expect(inNode.threads).toBeUndefined();
    const { threads: _, ...rest } = inApp;
    // The profile's future-date check uses the clock: equal unless a run straddles a day boundary.
    expect(rest).toEqual(inNode);
    const table = parseCsv(new Uint8Array(await readFile(exported)));
    const original = parseCsv(new Uint8Array(await readFile(data)));
    expect(table.columns.map((c) => [c.name, c.type, Array.from(c.values as ArrayLike<unknown>)]))
      .toEqual(original.columns.map((c) => [c.name, c.type, Array.from(c.values as ArrayLike<unknown>)]));
  });
});

describe("sales-notebook run", () => {
  it("runs the shipped default notebook, exits 0 and writes per-cell results and an export", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "runner-"));
    const out = path.join(dir, "result.json");
    const csv = path.join(dir, "budget.csv");
    const { code, stderr } = await runCli(["run", "public/notebooks/default.json", "--out", out, "--export", `budget=${csv}`]);
    expect(code, stderr).toBe(0);
    const result = JSON.parse(await readFile(out, "utf8"));
    expect(result.ok).toBe(true);
    expect(["wasm", "cpu"]).toContain(result.backend);
    const byId = Object.fromEntries(result.cells.map((c: { id: string }) => [c.id, c]));
    expect(Object.values(byId).every((c) => (c as { status: string }).status === "done")).toBe(true);
    expect(byId.deals.nRows).toBe(6483);
    expect(byId.win.summary.metrics.test.roc_auc).toBeGreaterThan(0.6);
    expect(byId.budget.summary.allocated).toBeCloseTo(byId.budget.summary.budget, 6);
    expect(typeof byId.win.ms).toBe("number");
    const exported = (await readFile(csv, "utf8")).trim().split("\n");
    expect(exported[0].split(",")).toContain("spend");
    expect(exported.length).toBe(1 + byId.budget.nRows);
  });

  it("binds --data files, and reports a failing cell with exit status 1", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "runner-"));
    const data = path.join(dir, "sales.csv");
    await writeFile(data, "month,region,revenue\n2024-01-01,North,10\n2024-02-01,North,12\n");
    const notebook = path.join(dir, "nb.json");
    await writeFile(notebook, JSON.stringify({
      format: "sales-notebook", version: 1, title: "t",
      cells: [
        { id: "sales", kind: "data", params: { source: { type: "file", name: "sales.csv" } } },
        { id: "bad", kind: "model", inputs: { data: "sales" }, params: { task: "regression", algorithm: "linear", target: "nope" } },
      ],
    }));
    const out = path.join(dir, "r.json");
    const { code } = await runCli(["run", notebook, "--data", `sales.csv=${data}`, "--out", out]);
    expect(code).toBe(1);
    const result = JSON.parse(await readFile(out, "utf8"));
    expect(result.cells[0]).toMatchObject({ id: "sales", status: "done", nRows: 2, nColumns: 3 });
    expect(result.cells[1].status).toBe("error");
    expect(result.cells[1].error).toMatch(/"nope"/);
  });

  it("rejects a malformed notebook with exit status 2 and names the bad field", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "runner-"));
    const notebook = path.join(dir, "broken.json");
    await writeFile(notebook, JSON.stringify({ format: "sales-notebook", version: 1, title: "t", cells: [{ id: "a", kind: "data", params: [] }] }));
    const { code, stderr } = await runCli(["run", notebook]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cells\[0\]\.params/);
  });
});
