import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { notebookToIpynb } from "../../../src/core/export";
import { loadNotebook } from "../../../src/core/notebook";
import type { NotebookDocument } from "../../../src/core/notebook/types";
import { repoRoot } from "../../helpers/node-context";

const defaultDoc = (): NotebookDocument => loadNotebook(JSON.parse(readFileSync(path.join(repoRoot, "public/notebooks/default.json"), "utf8")));

interface NbCell { cell_type: string; id: string; source: string[]; metadata: object; outputs?: unknown[]; execution_count?: null }
const parse = (text: string) => JSON.parse(text) as { nbformat: number; nbformat_minor: number; metadata: { kernelspec: { name: string; language: string } }; cells: NbCell[] };
const text = (c: NbCell) => c.source.join("");

/** A small notebook around one cell under test: a data cell, then `cells`. */
function docWith(...cells: object[]): NotebookDocument {
  return loadNotebook({
    format: "sales-notebook", version: 1, title: "t", settings: { seed: 7 },
    cells: [{ id: "deals", kind: "data", params: { source: { type: "file", name: "sales.csv" } } }, ...cells],
  });
}

describe("notebookToIpynb", () => {
  it("writes the default notebook as valid nbformat 4.5 JSON with a python3 kernel", () => {
    const nb = parse(notebookToIpynb(defaultDoc(), { exportedAt: "2025-03-14" }));
    expect(nb.nbformat).toBe(4);
    expect(nb.nbformat_minor).toBe(5);
    expect(nb.metadata.kernelspec).toMatchObject({ name: "python3", language: "python" });
    const ids = new Set<string>();
    for (const c of nb.cells) {
      expect(["code", "markdown"]).toContain(c.cell_type);
      expect(c.id).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      ids.add(c.id);
      expect(Array.isArray(c.source)).toBe(true);
      c.source.forEach((line, i) => expect(i < c.source.length - 1 ? line.endsWith("\n") : !line.endsWith("\n")).toBe(true));
      expect(c.metadata).toEqual({});
      if (c.cell_type === "code") expect(c).toMatchObject({ outputs: [], execution_count: null });
    }
    expect(ids.size).toBe(nb.cells.length);
    expect(text(nb.cells[0])).toContain("Sales Notebook");
    expect(text(nb.cells[0])).toContain("2025-03-14");
    expect(text(nb.cells[1])).toContain('"opportunities": "data/opportunities.csv"');
    expect(text(nb.cells[1])).toMatch(/^import /m);
  });

  it("turns notes into markdown, names variables after cell ids and ends with the JSON summary", () => {
    const nb = parse(notebookToIpynb(defaultDoc()));
    const intro = defaultDoc().cells[0].params.markdown as string;
    expect(nb.cells.some((c) => c.cell_type === "markdown" && text(c) === intro)).toBe(true);
    const code = nb.cells.filter((c) => c.cell_type === "code").map(text).join("\n");
    for (const v of ["deals", "clean", "win", "win_eval", "size", "revenue", "budget"]) expect(code).toMatch(new RegExp(`^${v} = `, "m"));
    expect(text(nb.cells[nb.cells.length - 1])).toContain("print(json.dumps(RESULTS");
    // Only what the exporter does not reproduce yet is left out, each said in markdown.
    const notExported = nb.cells.map(text).filter((t) => t.startsWith("**Not exported: cell")).map((t) => /`([^`]+)`/.exec(t)?.[1]);
    expect(notExported).toEqual(["win_gb", "segments", "lifetime", "bundles"]);
    expect(nb.cells.some((c) => text(c).includes("exported without its optional input `compare`"))).toBe(true);
  });

  it("says, in markdown, that auto forecasts leave out the app's ETS and ARIMA candidates", () => {
    const nb = parse(notebookToIpynb(defaultDoc()));
    expect(nb.cells.some((c) => c.cell_type === "markdown" && /auto. also compares `ets` and `arima`/s.test(text(c)))).toBe(true);
  });

  it("exports unsupported kinds, steps and parameters as markdown naming them, and their dependents too", () => {
    const doc = docWith(
      { id: "prep-1", kind: "preprocess", inputs: { data: "deals" }, params: { steps: [{ op: "bin", columns: ["x"] }, { op: "split", test: 0.2 }] } },
      { id: "m", kind: "model", inputs: { data: "prep-1" }, params: { task: "regression", target: "y" } },
      { id: "seg", kind: "cluster", inputs: { data: "deals" }, params: { k: 3, features: ["x"] } },
      { id: "fc", kind: "forecast", inputs: { data: "deals" }, params: { time: "d", value: "v", method: "ets" } },
      { id: "tree", kind: "model", inputs: { data: "deals" }, params: { task: "regression", algorithm: "decision_tree", target: "y" } },
      { id: "al", kind: "allocate", inputs: { data: "deals" }, params: { unit: "u", value: "v", budget: 10, response: { type: "linear", rate: 2 } } },
    );
    const cells = parse(notebookToIpynb(doc)).cells.map(text);
    const notice = (id: string) => cells.find((t) => t.startsWith(`**Not exported: cell \`${id}\``)) ?? "";
    expect(notice("prep-1")).toContain("step 0 (`bin`) is not exported");
    expect(notice("m")).toContain("reads cell `prep-1`, which is not exported");
    expect(notice("seg")).toContain("kind `cluster` are not exported");
    expect(notice("fc")).toContain("`ets` method is not exported");
    expect(notice("tree")).toContain("`decision_tree` algorithm is not exported");
    expect(notice("al")).toContain("`linear` response");
    expect(cells.some((t) => /^prep_1 = /m.test(t))).toBe(false);
  });

  it("maps file sources to their names, takes paths from options and keeps ids apart as Python names", () => {
    const doc = docWith(
      { id: "a-b", kind: "preprocess", inputs: { data: "deals" }, params: { steps: [{ op: "drop", columns: ["x"] }] } },
      { id: "a_b", kind: "preprocess", inputs: { data: "a-b" }, params: { steps: [{ op: "drop", columns: ["y"] }] } },
      { id: "class", kind: "preprocess", inputs: { data: "a_b" }, params: { steps: [{ op: "drop", columns: ["z"] }] } },
    );
    const code = parse(notebookToIpynb(doc)).cells.map(text).join("\n");
    expect(code).toContain('"sales.csv": "sales.csv"');
    expect(code).toMatch(/^a_b = df$/m);
    expect(code).toMatch(/^a_b_2 = df$/m);
    expect(code).toMatch(/^df = a_b_2\.copy\(\)$/m);
    expect(code).toMatch(/^class_ = df$/m);
    expect(parse(notebookToIpynb(doc, { dataPaths: { "sales.csv": "/data/jan.csv" } })).cells.map(text).join("\n")).toContain('"sales.csv": "/data/jan.csv"');
  });
});
