// Excel workbooks: fixtures written at test time by pandas + openpyxl (test/reference/xlsx_fixtures.py)
// from slices of the shared datasets, read back by our SheetJS-based reader and compared with the
// same rows read from the original CSV by the CSV reader: same columns, types and values.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import * as XLSX from "xlsx";
import { dataCell } from "../../../src/core/cells/data";
import { readAnyTable, readTable } from "../../../src/core/frame/read-table";
import { excelSerialToMs } from "../../../src/core/frame/xlsx";
import { getColumn, type Table } from "../../../src/core/frame/table";
import { nodeContext, repoRoot, sharedData } from "../../helpers/node-context";

let dir = "";
const xlsx = (name: string) => new Uint8Array(readFileSync(path.join(dir, name)));
/** The header and first `rows` data lines of a shared CSV, as bytes. */
function csvHead(file: string, rows: number): Uint8Array {
  const text = readFileSync(path.join(sharedData, file), "utf8");
  return new TextEncoder().encode(text.split("\n").slice(0, rows + 1).join("\n") + "\n");
}
function expectSameTable(actual: Table, expected: Table): void {
  expect(actual.columns.map((c) => [c.name, c.type])).toEqual(expected.columns.map((c) => [c.name, c.type]));
  expect(actual.nRows).toBe(expected.nRows);
  const plain = (v: ArrayLike<unknown>) => Array.from(v);
  for (const c of expected.columns) expect(plain(getColumn(actual, c.name).values), c.name).toEqual(plain(c.values));
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "xlsx-fixtures-"));
  execFileSync("/usr/bin/python3", [path.join(repoRoot, "test/reference/xlsx_fixtures.py"), dir, sharedData], { stdio: "pipe" });
}, 60_000);

describe("Excel workbooks against the same rows read from CSV", () => {
  test("Online Retail slice: integers, floats, text, Excel datetimes and missing values read as the CSV reads them", async () => {
    const read = await readAnyTable(xlsx("retail.xlsx"));
    expect(read.format).toBe("xlsx");
    expect(read.sheet).toBe("Sheet1");
    const csv = readTable(csvHead("retail/online_retail/online_retail_sample_2010-12_2011-02.csv", 2000));
    expectSameTable(read.table, csv.table);
    expect(getColumn(read.table, "InvoiceDate").type).toBe("date");
    expect(new Date(getColumn(read.table, "InvoiceDate").values[0] as number).toISOString()).toBe("2010-12-01T08:26:00.000Z");
    expect((getColumn(read.table, "CustomerID").values as Float64Array).some(Number.isNaN)).toBe(true);
  });

  test("Telco slice: a column of text cells holding numbers and blanks is inferred as numbers with missing values, as from CSV", async () => {
    const read = await readAnyTable(xlsx("telco.xlsx"));
    const csv = readTable(csvHead("crm/telco_churn/Telco-Customer-Churn.csv", 1000));
    expectSameTable(read.table, csv.table);
    const total = getColumn(read.table, "TotalCharges");
    expect(total.type).toBe("number");
    expect((total.values as Float64Array).filter(Number.isNaN).length).toBeGreaterThanOrEqual(2);
  });
});

describe("Excel options", () => {
  test("the first sheet by default, with a warning naming the others; pandas' unnamed index column becomes row_index", async () => {
    const read = await readAnyTable(xlsx("sheets.xlsx"));
    expect(read.sheet).toBe("Deals");
    expect(read.sheets).toEqual(["Deals", "Regions"]);
    expect(read.report.warnings.join(" ")).toContain('"Regions"');
    const t = read.table;
    expect(t.columns.map((c) => [c.name, c.type])).toEqual([
      ["row_index", "number"], ["amount", "number"], ["won", "boolean"], ["close_date", "date"], ["region", "string"],
    ]);
    expect(getColumn(t, "amount").values).toEqual(new Float64Array([1200.5, 80, NaN, 4410.25]));
    expect(getColumn(t, "won").values).toEqual(new Float64Array([1, 0, 1, NaN]));
    expect(getColumn(t, "close_date").values).toEqual(new Float64Array([
      Date.UTC(2024, 0, 31), Date.UTC(2024, 1, 29), NaN, Date.UTC(2023, 11, 1, 13, 45),
    ]));
    expect(getColumn(t, "region").values).toEqual(["North", "South", null, "North"]);
  });

  test("a sheet chosen by name or by 1-based position", async () => {
    for (const sheet of ["Regions", 2, "2"]) {
      const read = await readAnyTable(xlsx("sheets.xlsx"), { sheet });
      expect(read.sheet).toBe("Regions");
      expect(getColumn(read.table, "target").values).toEqual(new Float64Array([10, 20]));
    }
  });

  test("format xlsx and skip rows above the header", async () => {
    const read = await readAnyTable(xlsx("offset.xlsx"), { format: "xlsx", skipRows: 2 });
    expect(read.table.columns.map((c) => c.name)).toEqual(["region", "target"]);
    expect(read.table.nRows).toBe(2);
    const noHeader = await readAnyTable(xlsx("offset.xlsx"), { skipRows: 3, header: false });
    expect(noHeader.table.columns.map((c) => c.name)).toEqual(["column_1", "column_2"]);
    expect(noHeader.table.nRows).toBe(2);
  });

  test("forced types apply to spreadsheet columns too", async () => {
    const read = await readAnyTable(xlsx("sheets.xlsx"), { sheet: "Regions", types: { target: "string" } });
    expect(getColumn(read.table, "target")).toMatchObject({ type: "string", values: ["10", "20"] });
  });

  test("Excel serial dates: 1900 system with its phantom 29 Feb 1900, and the 1904 system", () => {
    expect(excelSerialToMs(1, false)).toBe(Date.UTC(1900, 0, 1));
    expect(excelSerialToMs(59, false)).toBe(Date.UTC(1900, 1, 28));
    expect(excelSerialToMs(61, false)).toBe(Date.UTC(1900, 2, 1));
    expect(excelSerialToMs(45322.5, false)).toBe(Date.UTC(2024, 0, 31, 12));
    expect(excelSerialToMs(0, true)).toBe(Date.UTC(1904, 0, 1));
  });

  test("a legacy .xls (BIFF8, written by SheetJS itself) is read by its OLE signature", async () => {
    const ws = XLSX.utils.aoa_to_sheet([["name", "n"], ["a", 1], ["b", 2.5]]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, "Data");
    const bytes = new Uint8Array(XLSX.write(wb, { type: "array", bookType: "biff8" }) as ArrayBuffer);
    const read = await readAnyTable(bytes);
    expect(read.format).toBe("xlsx");
    expect(getColumn(read.table, "n").values).toEqual(new Float64Array([1, 2.5]));
  });
});

describe("Excel errors", () => {
  test("an empty sheet, a missing sheet (listing the sheets), a corrupt workbook, a header with a gap", async () => {
    await expect(readAnyTable(xlsx("empty.xlsx"))).rejects.toThrow('sheet "Empty" is empty');
    await expect(readAnyTable(xlsx("sheets.xlsx"), { sheet: "Budget" })).rejects.toThrow(
      'there is no sheet named "Budget"; the workbook\'s sheets are "Deals", "Regions"',
    );
    await expect(readAnyTable(xlsx("sheets.xlsx"), { sheet: 3 })).rejects.toThrow('there is no sheet 3: the workbook has 2 sheet(s): "Deals", "Regions"');
    const cut = xlsx("retail.xlsx").slice(0, 3000);
    await expect(readAnyTable(cut)).rejects.toThrow("this is not a readable Excel workbook");
    await expect(readAnyTable(new TextEncoder().encode("a,b\n1,2\n"), { format: "xlsx" })).rejects.toThrow("this is not an Excel workbook");
    await expect(readAnyTable(xlsx("offset.xlsx"))).rejects.toThrow('sheet "Report": column B has data but no name in the header row');
  });

  test("a comment anchored at __proto__ (CVE-2023-30533) does not reach Object.prototype through our reader", async () => {
    const bytes = xlsx("proto.xlsx");
    // The flaw is real in this SheetJS version on its default (sparse) sheet layout...
    XLSX.read(bytes, { type: "array" });
    const polluted = Object.prototype.hasOwnProperty.call(Object.prototype, "c");
    delete (Object.prototype as Record<string, unknown>).c;
    expect(polluted).toBe(true);
    // ...and our read (dense layout, prototype guard) leaves the prototype alone and reads the data.
    const read = await readAnyTable(bytes);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "c")).toBe(false);
    expect(getColumn(read.table, "x").values).toEqual(new Float64Array([1]));
  });
});

describe("Excel through the data cell", () => {
  test("params: format xlsx/parquet and a sheet by name or position; sheet 0 is refused", () => {
    const source = { type: "file", name: "a.xlsx" };
    expect(dataCell.parse({ source, format: "xlsx", sheet: 2 })).toEqual({ source, format: "xlsx", sheet: 2 });
    expect(dataCell.parse({ source, format: "parquet", sheet: "Deals" })).toMatchObject({ format: "parquet", sheet: "Deals" });
    expect(() => dataCell.parse({ source, sheet: 0 })).toThrow("params.sheet: must be a sheet name or a position counted from 1");
    expect(() => dataCell.parse({ source, format: "xls" })).toThrow("params.format");
  });

  test("the summary names the sheet and lists the sheets; errors name the file", async () => {
    const files = { "book.xlsx": path.join(dir, "sheets.xlsx") };
    const ctx = nodeContext({ files });
    const out = await dataCell.run({}, dataCell.parse({ source: { type: "file", name: "book.xlsx" }, sheet: "Regions" }), ctx);
    expect(out.summary).toMatchObject({ format: "xlsx", sheet: "Regions", sheets: ["Deals", "Regions"], rows: 2, columnTypes: { region: "string", target: "number" } });
    expect(out.summary).not.toHaveProperty("encoding");
    expect(ctx.progressLog.at(-1)).toBe(1);
    await expect(dataCell.run({}, dataCell.parse({ source: { type: "file", name: "book.xlsx" }, sheet: "Nope" }), nodeContext({ files }))).rejects.toThrow(
      'book.xlsx: there is no sheet named "Nope"',
    );
  });
});
