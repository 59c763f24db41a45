import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { dataCell } from "../../../src/core/cells/data";
import { CancelledError, ParamError } from "../../../src/core/cells/types";
import { getColumn } from "../../../src/core/frame/table";
import { nodeContext, sharedData } from "../../helpers/node-context";

const bankPath = path.join(sharedData, "crm/bank_marketing/bank-full.csv");
const run = (params: unknown, files: Record<string, string>, signal?: AbortSignal) =>
  dataCell.run({}, dataCell.parse(params), nodeContext({ files, signal }));

function tempCsv(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "data-cell-")), "x.csv");
  writeFileSync(file, text);
  return file;
}

describe("data cell parameters", () => {
  test("fills defaults and accepts delimiter words and type overrides", () => {
    expect(dataCell.parse({ source: { type: "file", name: "a.csv" }, delimiter: "tab", types: { zip: "string" } })).toEqual({
      source: { type: "file", name: "a.csv" }, delimiter: "\t", types: { zip: "string" },
    });
  });

  test.each([
    [{}, "params.source: must be an object"],
    [{ source: { type: "url", name: "x" } }, 'params.source.type: must be one of "sample", "file"'],
    [{ source: { type: "file", name: "x" }, delimiter: ";;" }, "params.delimiter:"],
    [{ source: { type: "file", name: "x" }, types: { a: "int" } }, 'params.types.a: must be one of "number"'],
    [{ source: { type: "file", name: "x" }, header: "yes" }, "params.header: must be true, false or \"auto\""],
  ])("rejects %j naming the field", (params, message) => {
    expect(() => dataCell.parse(params)).toThrow(ParamError);
    expect(() => dataCell.parse(params)).toThrow(message);
  });
});

describe("data cell run", () => {
  test("reads bank-full.csv: table, summary, profile extra and progress", async () => {
    const ctx = nodeContext({ files: { "bank.csv": bankPath } });
    const out = await dataCell.run({}, dataCell.parse({ source: { type: "file", name: "bank.csv" } }), ctx);
    expect(out.summary).toMatchObject({ rows: 45211, columns: 17, delimiter: ";", invalid: {}, warnings: [] });
    expect(out.summary.columnTypes).toMatchObject({ age: "number", job: "string", y: "boolean", default: "boolean" });
    expect((out.summary.missing as Record<string, number>).age).toBe(0);
    const profile = out.extras!.profile;
    expect(profile.columns.map((c) => c.name)).toEqual(["column", "type", "missing", "invalid", "distinct", "min", "max", "mean", "median", "kind"]);
    expect(profile.nRows).toBe(17);
    const ageRow = (getColumn(profile, "column").values as string[]).indexOf("age");
    expect((getColumn(profile, "min").values as Float64Array)[ageRow]).toBe(18);
    expect((getColumn(profile, "max").values as Float64Array)[ageRow]).toBe(95);
    expect(ctx.progressLog[0]).toBe(0);
    expect(ctx.progressLog.at(-1)).toBe(1);
  });

  test("a header-only file gives 0 rows and says so", async () => {
    const out = await run({ source: { type: "file", name: "h.csv" } }, { "h.csv": tempCsv("a;b\n") });
    expect(out.summary).toMatchObject({ rows: 0, columns: 2, warnings: ["the file has a header but no data rows"] });
  });

  test("CSV errors name the file and the line", async () => {
    await expect(run({ source: { type: "file", name: "bad.csv" } }, { "bad.csv": tempCsv("a,b\n1,2\n3\n") })).rejects.toThrow(
      "bad.csv: line 3: expected 2 fields (as in the header on line 1) but found 1",
    );
  });

  test("invalid values under a type override are counted in the summary", async () => {
    const out = await run({ source: { type: "file", name: "t.csv" }, types: { x: "number" } }, { "t.csv": tempCsv("x\n1\nabc\n") });
    expect(out.summary.invalid).toEqual({ x: 1 });
    expect(out.summary.warnings).toContain('column "x": 1 value(s) are not numbers (e.g. "abc"); read as missing');
  });

  test("a cancelled run throws CancelledError", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(run({ source: { type: "file", name: "bank.csv" } }, { "bank.csv": bankPath }, controller.signal)).rejects.toBeInstanceOf(
      CancelledError,
    );
  });
});
