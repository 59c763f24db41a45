// Property: any table we can hold, written as CSV and read back, gives the same columns, types
// and values (issue 3). Seeded random tables, many shapes; each failure prints its seed.
import { describe, expect, test } from "vitest";
import { parseCsv } from "../../../src/core/frame/csv";
import { toCsv } from "../../../src/core/frame/to-csv";
import { makeTable, type Column, type Table } from "../../../src/core/frame/table";
import { mulberry32 } from "../../../src/core/random";
import { bytesSource, readAnyTableStream } from "../../../src/core/frame/read-stream";
import { inProcessThreads } from "../../helpers/in-process-threads";

const TEXT_PIECES = ["a", "Zz", "north", "O'Brien", "say \"hi\"", "x,y", "semi;colon", "tab\there", "two\nlines", " padded ", "é€中", "🙂", "12abc", "-", "#"];

function randomTable(seed: number): Table {
  const rand = mulberry32(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const nRows = 1 + int(60);
  const nCols = 1 + int(6);
  const columns: Column[] = [];
  for (let c = 0; c < nCols; c++) {
    const name = `col ${c}${rand() < 0.3 ? ", \"quoted\"" : ""}`;
    const kind = int(5);
    const missing = () => rand() < 0.15;
    if (kind === 0) {
      // Decimals with at most 6 places and magnitude < 1e9 (exact in 15 digits); + 0 turns -0 into 0,
      // which CSV cannot tell apart.
      const values = Float64Array.from({ length: nRows }, () => (missing() ? NaN : Math.round((rand() - 0.5) * 2e9 * 10 ** -int(7)) / 10 ** int(7) + 0));
      columns.push({ name, type: "number", values });
    } else if (kind === 1) {
      columns.push({ name, type: "boolean", values: Float64Array.from({ length: nRows }, () => (missing() ? NaN : int(2))) });
    } else if (kind === 2) {
      const day = 86_400_000;
      columns.push({ name, type: "date", values: Float64Array.from({ length: nRows }, () => (missing() ? NaN : int(60 * 365) * day)) });
    } else if (kind === 3) {
      const values = Float64Array.from({ length: nRows }, () => (missing() ? NaN : int(60 * 365) * 86_400_000 + int(86_400) * 1000));
      columns.push({ name, type: "date", values });
    } else {
      // Text that no reader would take for a number, date, boolean or missing marker.
      const values = Array.from({ length: nRows }, () =>
        missing() ? null : `t${Array.from({ length: 1 + int(3) }, () => TEXT_PIECES[int(TEXT_PIECES.length)]).join("")}`,
      );
      columns.push({ name, type: "string", values });
    }
  }
  // A column with every value missing has no type to recover: give it one value.
  for (const column of columns) {
    const values = column.values as ArrayLike<unknown> & { [i: number]: unknown };
    const hasValue = Array.from(values).some((v) => v !== null && !Number.isNaN(v as number));
    if (!hasValue) values[0] = column.type === "string" ? "tvalue" : column.type === "boolean" ? 1 : 0;
  }
  return makeTable(columns);
}

function comparable(table: Table) {
  return table.columns.map((c) => ({ name: c.name, type: c.type, values: Array.from(c.values as ArrayLike<unknown>, (v) => (typeof v === "number" && Number.isNaN(v) ? null : v)) }));
}

describe("CSV round trip (property, 300 seeded random tables)", () => {
  for (const delimiter of [",", ";", "\t"]) {
    test(`toCsv then parseCsv gives back the same table (delimiter ${JSON.stringify(delimiter)})`, () => {
      for (let seed = 1; seed <= 100; seed++) {
        const table = randomTable(seed * 7919 + delimiter.charCodeAt(0));
        const text = toCsv(table, { delimiter });
        const back = parseCsv(new TextEncoder().encode(text), { delimiter, header: true });
        const a = comparable(back), b = comparable(table);
        for (let c = 0; c < b.length; c++) expect({ seed, ...a[c] }).toEqual({ seed, ...b[c] });
      }
    });
  }
});

describe("CSV round trip read on two threads (property, 100 seeded random tables)", () => {
  test("toCsv then a read split by columns with a helper (csv-split.ts), in random chunks, gives back the same table", async () => {
    for (let seed = 1; seed <= 100; seed++) {
      const table = randomTable(seed * 104_729);
      const bytes = new TextEncoder().encode(toCsv(table, { delimiter: "," }));
      const threads = inProcessThreads(1);
      const chunk = 1 + Math.floor(mulberry32(seed)() * 400);
      const back = await readAnyTableStream(bytesSource(bytes, chunk), { header: true }, { threads, minBytes: 0 });
      const a = comparable(back.table), b = comparable(table);
      for (let c = 0; c < b.length; c++) expect({ seed, ...a[c] }).toEqual({ seed, ...b[c] });
      // Tables of two or more columns are split (the plan needs two columns).
      if (table.columns.length > 1) expect({ seed, threads: back.threads }).toEqual({ seed, threads: 2 });
    }
  });
});
