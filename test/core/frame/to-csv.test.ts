import { describe, expect, test } from "vitest";
import { parseCsv } from "../../../src/core/frame/csv";
import { makeTable } from "../../../src/core/frame/table";
import { formatNumber, toCsv } from "../../../src/core/frame/to-csv";

const table = makeTable([
  { name: "text", type: "string", values: ["plain", "a,b", 'say "hi"', "two\nlines", " padded ", null] },
  { name: "amount", type: "number", values: Float64Array.from([0.1 + 0.2, 1e21, -3, 1 / 3, 1234567.125, NaN]) },
  { name: "won", type: "boolean", values: Float64Array.from([1, 0, 1, NaN, 0, 1]) },
  {
    name: "when",
    type: "date",
    values: Float64Array.from([Date.UTC(2024, 0, 31), Date.UTC(2024, 0, 31, 13, 5, 7), NaN, Date.UTC(1969, 11, 31), 0, Date.UTC(2024, 1, 29)]),
  },
]);

describe("toCsv", () => {
  test("quotes only what needs quoting and writes missing as empty fields", () => {
    const lines = toCsv(table).split("\n");
    expect(lines[0]).toBe("text,amount,won,when");
    expect(lines[1]).toBe("plain,0.3,true,2024-01-31");
    expect(lines[2]).toBe('"a,b",1e+21,false,2024-01-31T13:05:07.000Z');
    expect(lines[3]).toBe('"say ""hi""",-3,true,');
    expect(lines.slice(4, 6)).toEqual(['"two', 'lines",0.333333333333333,,1969-12-31']);
    expect(lines[6]).toBe('" padded ",1234567.125,false,1970-01-01');
    expect(lines[7]).toBe(",,true,2024-02-29");
  });

  test("numbers are written without float noise", () => {
    expect([0.1 + 0.2, 2.675 * 100, 1e-7, 42, -0].map(formatNumber)).toEqual(["0.3", "267.5", "1e-7", "42", "0"]);
  });

  test("parseCsv reads toCsv's output back to the same table", () => {
    const back = parseCsv(new TextEncoder().encode(toCsv(table)));
    expect(back.columns.map((c) => [c.name, c.type])).toEqual(table.columns.map((c) => [c.name, c.type]));
    expect(back.columns[0].values).toEqual(table.columns[0].values);
    expect(Array.from(back.columns[2].values as Float64Array)).toEqual(Array.from(table.columns[2].values as Float64Array));
    expect(Array.from(back.columns[3].values as Float64Array)).toEqual(Array.from(table.columns[3].values as Float64Array));
  });

  test("a semicolon delimiter quotes fields holding semicolons", () => {
    const t = makeTable([{ name: "a", type: "string", values: ["x;y", "1,5"] }]);
    expect(toCsv(t, { delimiter: ";" })).toBe('a\n"x;y"\n1,5\n');
  });
});
