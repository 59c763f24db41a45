/**
 * JSON in: an array of records (`[{"a": 1}, ...]`) or JSON Lines (one record per line). Keys become
 * columns in order of first appearance; a key missing from a record is a missing value. Text values
 * go through the same whole-column inference as CSV fields, so `"2024-01-31"` becomes a date.
 */
import { makeTable, type ColumnType, type Table } from "./table";
import { CsvError, decodeUtf8 } from "./csv-records";
import { columnFromValues, invalidWarnings, newFindings } from "./typed-values";
import type { CsvReport } from "./csv";

/** True when the first non-blank byte opens a JSON array or object. */
export function looksLikeJson(bytes: Uint8Array, from: number): boolean {
  let i = from;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x5b || bytes[i] === 0x7b;
}

function records(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed) as unknown[];
    } catch (e) {
      throw new CsvError(`this JSON file does not parse: ${(e as Error).message}`);
    }
  }
  // JSON Lines: one object per non-blank line, so the error can name the line.
  return trimmed.split("\n").flatMap((line, i) => {
    if (!line.trim()) return [];
    try {
      return [JSON.parse(line)];
    } catch (e) {
      throw new CsvError(`not a JSON record: ${(e as Error).message}`, i + 1);
    }
  });
}

/** Parses JSON records into a table plus the same report a CSV gets. Throws CsvError. */
export function parseJsonWithReport(
  bytes: Uint8Array,
  options: { types?: Readonly<Record<string, ColumnType>>; dateOrder?: "dmy" | "mdy" } = {},
): { table: Table; report: CsvReport } {
  const rows = records(decodeUtf8(bytes, 0, bytes.length));
  if (!Array.isArray(rows)) throw new CsvError("a JSON file must hold an array of records");
  const names: string[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    if (r === null || typeof r !== "object" || Array.isArray(r)) throw new CsvError(`record ${i + 1} is not an object ({"column": value, ...})`);
    for (const k of Object.keys(r)) if (!seen.has(k)) seen.add(k), names.push(k);
  });
  const findings = newFindings();
  const columns = names.map((name) =>
    columnFromValues(name, rows.map((r) => (r as Record<string, unknown>)[name]), findings, { forced: options.types?.[name], dateOrder: options.dateOrder }),
  );
  const warnings = rows.length === 0 ? ["the file holds no records"] : [];
  warnings.push(...invalidWarnings(findings));
  return {
    table: makeTable(columns),
    report: { delimiter: "json", header: true, ...findings, truncated: false, warnings },
  };
}
