import { describe, expect, test } from "vitest";
import { readTable, MAX_INPUT_BYTES } from "../../../src/core/frame/read-table";
import { CsvError } from "../../../src/core/frame/csv-records";
import { getColumn, type NumericColumn } from "../../../src/core/frame/table";
import { windows1252ToUtf8 } from "../../../src/core/frame/encoding";

const enc = (s: string) => new TextEncoder().encode(s);
const read = (s: string | Uint8Array, o = {}) => readTable(typeof s === "string" ? enc(s) : s, o);
const iso = (t: { table: Parameters<typeof getColumn>[0] }, name: string) =>
  Array.from((getColumn(t.table, name) as NumericColumn).values, (v) => (Number.isNaN(v) ? null : new Date(v).toISOString().slice(0, 16)));

describe("formats and options", () => {
  test("whitespace-separated text is sniffed (leading and repeated blanks ignored)", () => {
    const r = read(" id  date  n   amount\r\n 00001 19970101  1   11.77\r\n 00002 19970112  2   12.00\r\n");
    expect(r.report.delimiter).toBe(" ");
    expect(r.table.columns.map((c) => [c.name, c.type])).toEqual([["id", "number"], ["date", "date"], ["n", "number"], ["amount", "number"]]);
    expect(iso(r, "date")).toEqual(["1997-01-01T00:00", "1997-01-12T00:00"]);
    expect(r.report.notes.date).toContain("YYYYMMDD");
  });

  test("a first row of numbers is data, not a header (header auto)", () => {
    const r = read("1;2\n3;4\n");
    expect(r.report.header).toBe(false);
    expect(r.table.nRows).toBe(2);
    expect(r.table.columns.map((c) => c.name)).toEqual(["column_1", "column_2"]);
  });

  test("decimal comma, skip rows and explicit delimiter", () => {
    const r = read("Report of Q1\nexported 2024\nname;price\nA;1,5\nB;-2,25\n", { skipRows: 2, decimal: ",", delimiter: ";" });
    expect(Array.from((getColumn(r.table, "price") as NumericColumn).values)).toEqual([1.5, -2.25]);
  });

  test("pipe and tab delimiters are sniffed", () => {
    expect(read("a|b\n1|2\n").report.delimiter).toBe("|");
    expect(read("a\tb\n1\t2\n").report.delimiter).toBe("\t");
  });

  test("JSON arrays of records and JSON Lines, with text dates inferred", () => {
    const r = read('[{"id": 1, "when": "2024-01-31", "ok": true}, {"id": 2, "region": "North", "ok": false}]');
    expect(r.format).toBe("json");
    expect(r.table.columns.map((c) => [c.name, c.type])).toEqual([["id", "number"], ["when", "date"], ["ok", "boolean"], ["region", "string"]]);
    expect(getColumn(r.table, "region").values).toEqual([null, "North"]);
    const lines = read('{"a": "x"}\n{"a": "y"}\n');
    expect(lines.table.nRows).toBe(2);
    expect(() => read('{"a": 1}\n{"a": \n')).toThrow("line 2: not a JSON record");
  });

  test("Windows-1252 is detected when the bytes are not UTF-8, with a warning naming the line", () => {
    const bytes = Uint8Array.from([...enc("city\nParis\nZ"), 0xfc, ...enc("rich\n")]);
    const r = read(bytes);
    expect(r.encoding).toBe("windows-1252");
    expect(getColumn(r.table, "city").values).toEqual(["Paris", "Zürich"]);
    expect(r.report.warnings[0]).toContain("line 3 has byte 0xFC, which is not UTF-8");
    expect(() => read(bytes, { encoding: "utf-8" })).toThrow("probably Latin-1 / Windows-1252");
    expect(new TextDecoder().decode(windows1252ToUtf8(Uint8Array.from([0x80, 0x93, 0xe9])))).toBe("€“é");
  });

  test("type overrides force a type; what does not fit is counted, not dropped", () => {
    const r = read("zip,n\n01234,1\n99,x\n", { types: { zip: "string", n: "number" } });
    expect(getColumn(r.table, "zip").values).toEqual(["01234", "99"]);
    expect(r.report.invalid.n).toBe(1);
  });
});

describe("type inference over whole columns", () => {
  test("d/m/y is chosen when a day above 12 appears, and the ambiguity is reported", () => {
    const r = read("d\n01/02/2023\n13/01/2023\n05/06/2023 14:30\n");
    expect(iso(r, "d")).toEqual(["2023-02-01T00:00", "2023-01-13T00:00", "2023-06-05T14:30"]);
    expect(r.report.dateFormats.d).toBe("dmy");
    expect(r.report.notes.d).toBe("01/02/2023 could be 1 Feb 2023 or 2 Jan 2023: read as d/m/y because 13/01/2023 appears");
  });

  test("m/d/y is chosen when a second part above 12 appears (Online Retail's original format)", () => {
    const r = read("InvoiceDate\n12/1/2010 8:26\n1/13/2011 10:05\n");
    expect(iso(r, "InvoiceDate")).toEqual(["2010-12-01T08:26", "2011-01-13T10:05"]);
    expect(r.report.notes.InvoiceDate).toContain("read as m/d/y because 1/13/2011 10:05 appears");
  });

  test("undecidable slash dates default to d/m/y and say so; dateOrder overrides", () => {
    const r = read("d\n01/02/2023\n03/04/2023\n");
    expect(r.report.notes.d).toContain("by default");
    expect(iso(read("d\n01/02/2023\n", { dateOrder: "mdy" }), "d")).toEqual(["2023-01-02T00:00"]);
  });

  test("day-first and month-first values in one column make it text", () => {
    expect(read("d\n13/01/2023\n01/13/2023\n").table.columns[0].type).toBe("string");
  });

  test("decimal years, months and quarters become dates", () => {
    const r = read("time,m,q,ym\n1949,1987 Jan,1956 Q1,2011-01\n1949.08333333333,Feb 1987,1956 Q2,2011-02\n1949.5,1987 March,1956 Q4,2011-12\n");
    expect(iso(r, "time")).toEqual(["1949-01-01T00:00", "1949-02-01T00:00", "1949-07-01T00:00"]);
    expect(iso(r, "m")).toEqual(["1987-01-01T00:00", "1987-02-01T00:00", "1987-03-01T00:00"]);
    expect(iso(r, "q")).toEqual(["1956-01-01T00:00", "1956-04-01T00:00", "1956-10-01T00:00"]);
    expect(iso(r, "ym")).toEqual(["2011-01-01T00:00", "2011-02-01T00:00", "2011-12-01T00:00"]);
  });

  test("integer years and plain numbers stay numbers", () => {
    const r = read("year,x\n1949,1.5\n1950,2.25\n");
    expect(r.table.columns.map((c) => c.type)).toEqual(["number", "number"]);
  });

  test("placeholders in a date column become missing and are counted", () => {
    const rows = Array.from({ length: 40 }, (_, i) => `2024-01-${String((i % 28) + 1).padStart(2, "0")}`);
    const r = read(`d\n${rows.join("\n")}\nunknown\n`);
    expect(r.table.columns[0].type).toBe("date");
    expect(r.report.invalid.d).toBe(1);
    expect(r.report.warnings.join()).toContain('"unknown"');
  });
});

describe("bad input gets a message naming the problem, line and column", () => {
  test.each([
    ["", "the file is empty"],
    ["a,b\n1,2\n3\n", "line 3: expected 2 fields"],
    ['a,b\n1,"x\n', 'line 2: a quoted field (field 2) opens here and is never closed'],
    ["a,a\n1,2\n", 'columns 1 and 2 are both named "a"'],
    ["a,,c\n1,2,3\n", "column 2 of the header has an empty name"],
  ])("%j", (text, message) => {
    expect(() => read(text)).toThrow(CsvError);
    expect(() => read(text)).toThrow(message);
  });

  test("binary, gzip still compressed, UTF-16", () => {
    expect(() => read(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]))).toThrow("NUL byte (binary content)");
    expect(() => read(Uint8Array.from([0x1f, 0x8b, 0x08, 0x00]))).toThrow("gzip-compressed");
    expect(() => read(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]))).toThrow("UTF-16");
  });

  test("a file above the documented limit is refused with its size", () => {
    const huge = { length: MAX_INPUT_BYTES + 1 } as unknown as Uint8Array;
    expect(() => readTable(huge)).toThrow(/the file is 1\.61 GB, above this app's limit of 1\.5 GiB/);
  });

  test("a header-only file reads as 0 rows with a warning", () => {
    const r = read("a,b\n");
    expect(r.table.nRows).toBe(0);
    expect(r.report.warnings).toEqual(["the file has a header but no data rows"]);
  });
});
