// A small CSV reader for tests (quoted fields, a chosen delimiter, no embedded newlines): columns
// whose every non-empty value parses as a number become numeric, the rest text. Enough for the
// reference data sets; the product's parser lives in src/core/frame.
import { readFileSync } from "node:fs";
import { makeTable, type Column, type Table } from "../../src/core/frame/table";

function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(field);
      field = "";
    } else field += ch;
  }
  out.push(field);
  return out;
}

/** Parses CSV text into a Table; an empty header becomes "" (e.g. R's unnamed row-index column). */
export function parseSimpleCsv(text: string, delimiter = ","): Table {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitLine(lines[0], delimiter);
  const rows = lines.slice(1).map((l) => splitLine(l, delimiter));
  const columns = header.map((name, j): Column => {
    const raw = rows.map((r) => r[j] ?? "");
    const numeric = raw.every((v) => v === "" || Number.isFinite(Number(v)));
    return numeric
      ? { name, type: "number", values: Float64Array.from(raw, (v) => (v === "" ? NaN : Number(v))) }
      : { name, type: "string", values: raw.map((v) => (v === "" ? null : v)) };
  });
  return makeTable(columns);
}

/** Reads and parses a CSV file. */
export function readSimpleCsv(file: string, delimiter = ","): Table {
  return parseSimpleCsv(readFileSync(file, "utf8"), delimiter);
}
