import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { CsvError, parseCsv, parseCsvWithReport, type CsvOptions } from "../../../src/core/frame/csv";
import { getColumn, type Table } from "../../../src/core/frame/table";
import { sharedData } from "../../helpers/node-context";

const bytes = (text: string) => new TextEncoder().encode(text);
const csv = (text: string, options?: CsvOptions) => parseCsv(bytes(text), options);
const values = (t: Table, name: string) => Array.from(getColumn(t, name).values as ArrayLike<unknown>);
const errorOf = (text: string | Uint8Array, options?: CsvOptions): CsvError => {
  try {
    parseCsv(typeof text === "string" ? bytes(text) : text, options);
  } catch (e) {
    expect(e).toBeInstanceOf(CsvError);
    return e as CsvError;
  }
  throw new Error("expected a CsvError");
};

describe("parseCsv quoting and line endings", () => {
  test("quoted fields keep embedded delimiters, doubled quotes and newlines", () => {
    const t = csv('id,note\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n4,""\n');
    expect(values(t, "note")).toEqual(["a, b", 'say "hi"', "two\nlines", null]);
    expect(values(t, "id")).toEqual([1, 2, 3, 4]);
  });

  test("CRLF line endings, a UTF-8 BOM and no final newline are all fine", () => {
    const t = parseCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("name,x\r\nZoë,1\r\n\"Ünïcode, ok\",2")]));
    expect(t.columns.map((c) => c.name)).toEqual(["name", "x"]);
    expect(values(t, "name")).toEqual(["Zoë", "Ünïcode, ok"]);
    expect(values(t, "x")).toEqual([1, 2]);
  });

  test("UTF-8 text decodes exactly (4-byte characters too); broken bytes become U+FFFD", () => {
    const t = csv("name\nJosé 🚀\n日本\nJosé 🚀\n");
    expect(values(t, "name")).toEqual(["José 🚀", "日本", "José 🚀"]);
    const broken = parseCsv(new Uint8Array([...bytes("s\nab"), 0xff, ...bytes("c\n")]));
    expect(values(broken, "s")).toEqual(["ab\ufffdc"]);
  });

  test("repeated categories come back equal (the string pool never mixes values up)", () => {
    const words = Array.from({ length: 3000 }, (_, i) => `w${(i * 7919) % 997}`);
    expect(values(csv(`w\n${words.join("\n")}\n`), "w")).toEqual(words);
  });

  test("blank lines are skipped and a trailing delimiter is an empty last field", () => {
    const t = csv("a,b\n1,2\n\n3,\n");
    expect(values(t, "a")).toEqual([1, 3]);
    expect(values(t, "b")).toEqual([2, NaN]);
  });

  test("spaces after a closing quote are tolerated", () => {
    expect(values(csv('a,b\n"x" ,1\n'), "a")).toEqual(["x"]);
  });

  test.each([
    [",", "a,b\n1,2\n3,4\n"],
    [";", "a;b\n1,5;2,5\n3,5;4\n"],
    ["\t", "a\tb\n1\t2\n"],
    ["|", "a|b\n1|2\n"],
    [",", 'a,b\n"x;y;z",2\n'],
  ])("sniffs the delimiter %j", (delimiter, text) => {
    const { report, table } = parseCsvWithReport(bytes(text));
    expect(report.delimiter).toBe(delimiter);
    expect(table.columns.length).toBe(2);
  });

  test("header: false names the columns column_1, column_2, ...", () => {
    const t = csv("1,x\n2,y\n", { header: false });
    expect(t.columns.map((c) => c.name)).toEqual(["column_1", "column_2"]);
    expect(t.nRows).toBe(2);
  });

  test("maxRows stops early and says so", () => {
    const { table, report } = parseCsvWithReport(bytes("a\n1\n2\n3\n"), { maxRows: 2 });
    expect(table.nRows).toBe(2);
    expect(report.truncated).toBe(true);
  });
});

describe("parseCsv type inference over the whole column", () => {
  test("numbers, booleans, dates and strings; missing markers become NaN/null", () => {
    const t = csv(
      "n,b,d,t,s,z\n1.5,yes,2024-01-31,2024-01-31 13:45,x,0\n-2e3,No,2024-02-29,2024-02-01T00:00:30Z,,1\nNA,TRUE,,2024-03-01 00:00,y,1\n",
    );
    expect(t.columns.map((c) => c.type)).toEqual(["number", "boolean", "date", "date", "string", "number"]);
    expect(values(t, "n")).toEqual([1.5, -2000, NaN]);
    expect(values(t, "b")).toEqual([1, 0, 1]);
    expect(values(t, "d")).toEqual([Date.UTC(2024, 0, 31), Date.UTC(2024, 1, 29), NaN]);
    expect(values(t, "t")).toEqual([Date.UTC(2024, 0, 31, 13, 45), Date.UTC(2024, 1, 1, 0, 0, 30), Date.UTC(2024, 2, 1)]);
    expect(values(t, "s")).toEqual(["x", null, "y"]);
  });

  test("a text value in the last row makes the column text (inference is not from the first rows)", () => {
    const rows = Array.from({ length: 5000 }, (_, i) => String(i));
    const t = csv(`code\n${rows.join("\n")}\nA-17\n`);
    expect(getColumn(t, "code").type).toBe("string");
    expect(values(t, "code")[0]).toBe("0");
  });

  test("0/1 stay numbers; an impossible date makes the column text", () => {
    expect(getColumn(csv("f\n0\n1\n"), "f").type).toBe("number");
    expect(getColumn(csv("d\n2023-02-29\n2023-03-01\n"), "d").type).toBe("string");
  });

  test("a few placeholder tokens in a numeric column are read as missing and counted as invalid", () => {
    const lines = Array.from({ length: 100 }, (_, i) => (i % 40 === 7 ? "?" : String(i)));
    const { table, report } = parseCsvWithReport(bytes(`x\n${lines.join("\n")}\n`));
    expect(getColumn(table, "x").type).toBe("number");
    expect(report.invalid.x).toBe(3);
    expect(report.warnings.join()).toContain('column "x": 3 value(s) are not numbers (e.g. "?")');
  });

  test("type overrides win; values that do not fit become missing and are counted", () => {
    const { table, report } = parseCsvWithReport(bytes("zip,when\n01234,2024-01-01\nK1A 0B1,soon\n"), {
      types: { zip: "string", when: "date" },
    });
    expect(values(table, "zip")).toEqual(["01234", "K1A 0B1"]);
    expect(values(table, "when")).toEqual([Date.UTC(2024, 0, 1), NaN]);
    expect(report.invalid).toEqual({ zip: 0, when: 1 });
  });

  test("numbers match JavaScript's own parsing bit for bit", () => {
    const texts = ["0.1", "123456.789", "-0.000123", "1e-7", "9007199254740993", "3.141592653589793238", "+4", ".5", "5."];
    const t = csv(`x\n${texts.join("\n")}\n`);
    expect(values(t, "x")).toEqual(texts.map(Number));
  });
});

describe("parseCsv errors name the line and the problem", () => {
  test("an empty file", () => {
    expect(errorOf("").message).toBe("the file is empty");
    expect(errorOf("\n\r\n  ").message).toBe("the file is empty");
  });

  test("a header without rows is fine, with a warning", () => {
    const { table, report } = parseCsvWithReport(bytes("a,b\n"));
    expect(table.nRows).toBe(0);
    expect(table.columns.map((c) => c.name)).toEqual(["a", "b"]);
    expect(report.warnings).toContain("the file has a header but no data rows");
  });

  test("a ragged row names its line and the expected and found counts", () => {
    const e = errorOf('a,b,c\n1,2,3\n"multi\nline",5,6\n7,8\n');
    expect(e.line).toBe(5);
    expect(e.message).toBe("line 5: expected 3 fields (as in the header on line 1) but found 2");
    expect(errorOf("a,b\n1,2,3\n").message).toContain("found 3; is a field with the delimiter missing its quotes?");
  });

  test("an unterminated quote names the line where it opened", () => {
    const e = errorOf('a,b\n1,2\n3,"open\n4,5\n6,7\n');
    expect(e.message).toBe("line 3: a quoted field (field 2) opens here and is never closed");
  });

  test("text after a closing quote", () => {
    expect(errorOf('a,b\n"x"y,1\n').message).toContain("line 2: field 1 has text after its closing quote");
  });

  test("duplicate and empty column names", () => {
    expect(errorOf("a,b,a\n1,2,3\n").message).toBe('line 1: columns 1 and 3 are both named "a"');
    expect(errorOf("a,,c\n1,2,3\n").message).toContain("line 1: column 2 of the header has an empty name");
  });

  test("an unnamed first column (a saved row index, as in ISLR's Advertising.csv) is named row_index with a warning", () => {
    const { table, report } = parseCsvWithReport(new TextEncoder().encode(",TV,sales\n1,230.1,22.1\n2,44.5,10.4\n"));
    expect(table.columns.map((c) => c.name)).toEqual(["row_index", "TV", "sales"]);
    expect(report.warnings).toContain('column 1 has no name (a saved row index): named it "row_index"');
  });

  test("binary content (NUL bytes)", () => {
    const e = errorOf(new Uint8Array([0x61, 0x0a, 0x31, 0x0a, 0x00, 0x01]));
    expect(e.message).toBe("line 3: this is not a text CSV file: it contains a NUL byte (binary content) at byte 4");
  });

  test("a type override for a column that does not exist", () => {
    expect(errorOf("a\n1\n", { types: { b: "number" } }).message).toBe('types: column "b" is not in the file (columns: a)');
  });
});

describe("parseCsv on the shared CRM files", () => {
  test("bank-full: 45,211 x 17, semicolon, quoted; types per column", () => {
    const { table, report } = parseCsvWithReport(new Uint8Array(readFileSync(`${sharedData}/crm/bank_marketing/bank-full.csv`)));
    expect(report.delimiter).toBe(";");
    expect([table.nRows, table.columns.length]).toEqual([45211, 17]);
    const types = Object.fromEntries(table.columns.map((c) => [c.name, c.type]));
    expect(types).toEqual({
      age: "number", job: "string", marital: "string", education: "string", default: "boolean", balance: "number",
      housing: "boolean", loan: "boolean", contact: "string", day: "number", month: "string", duration: "number",
      campaign: "number", pdays: "number", previous: "number", poutcome: "string", y: "boolean",
    });
    expect(values(table, "age").slice(0, 3)).toEqual([58, 44, 33]);
    expect(values(table, "job")[0]).toBe("management");
    expect((values(table, "y") as number[]).reduce((a, b) => a + b, 0)).toBe(5289);
  });

  test("Telco: TotalCharges is a number column with 11 missing (blank strings)", () => {
    const { table, report } = parseCsvWithReport(new Uint8Array(readFileSync(`${sharedData}/crm/telco_churn/Telco-Customer-Churn.csv`)));
    expect([table.nRows, table.columns.length]).toEqual([7043, 21]);
    const total = getColumn(table, "TotalCharges");
    expect(total.type).toBe("number");
    expect((total.values as Float64Array).filter(Number.isNaN).length).toBe(11);
    expect(report.invalid.TotalCharges).toBe(0);
    expect(getColumn(table, "customerID").type).toBe("string");
    expect(getColumn(table, "Churn").type).toBe("boolean");
  });
});
