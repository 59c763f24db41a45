/**
 * JSON in: an array of records (`[{"a": 1}, ...]`) or JSON Lines (one record per line). Keys become
 * columns in order of first appearance; a key missing from a record is a missing value. Text values
 * go through the same whole-column inference as CSV fields, so `"2024-01-31"` becomes a date.
 */
import { makeTable, type Column, type ColumnType, type Table } from "./table";
import { CsvError, decodeUtf8 } from "./csv-records";
import { decideColumn, forcedDecision, newEvidence, observe, scannerFor } from "./evidence";
import { isMissingBytes } from "./infer";
import type { CsvReport } from "./csv";
import type { DateFormat } from "./dates";

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

/** ASCII-or-UTF-8 bytes of a string (core has no TextEncoder). */
function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
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
  const invalid: Record<string, number> = {}, invalidExamples: Record<string, string[]> = {};
  const dateFormats: Record<string, DateFormat> = {}, notes: Record<string, string> = {};
  const columns = names.map((name): Column => {
    const raw = rows.map((r) => (r as Record<string, unknown>)[name]);
    const present = raw.filter((v) => v !== null && v !== undefined);
    const forced = options.types?.[name];
    if (!forced && present.length > 0 && present.every((v) => typeof v === "number")) {
      return { name, type: "number", values: Float64Array.from(raw, (v) => (typeof v === "number" ? v : NaN)) };
    }
    if (!forced && present.length > 0 && present.every((v) => typeof v === "boolean")) {
      return { name, type: "boolean", values: Float64Array.from(raw, (v) => (v === true ? 1 : v === false ? 0 : NaN)) };
    }
    // Mixed or text values: infer from their text, exactly as for CSV fields.
    const text = raw.map((v) => (v === null || v === undefined ? null : typeof v === "object" ? JSON.stringify(v) : String(v)));
    const encoded = text.map((t) => (t === null ? null : utf8(t)));
    const ev = newEvidence();
    for (const b of encoded) if (b && !isMissingBytes(b, 0, b.length)) observe(ev, b, 0, b.length);
    const decision = forced ? forcedDecision(forced, ev, options.dateOrder) : decideColumn(ev, options.dateOrder, name);
    if (decision.note) notes[name] = decision.note;
    if (decision.type === "string") return { name, type: "string", values: text.map((t) => (t === null || t.trim() === "" ? null : t)) };
    if (decision.dateFormat) dateFormats[name] = decision.dateFormat;
    const scan = scannerFor(decision);
    const values = new Float64Array(rows.length);
    encoded.forEach((b, i) => {
      values[i] = b ? scan(b, 0, b.length) : NaN;
      if (b && Number.isNaN(values[i]) && !isMissingBytes(b, 0, b.length)) {
        invalid[name] = (invalid[name] ?? 0) + 1;
        if ((invalidExamples[name] ??= []).length < 3) invalidExamples[name].push(text[i]!);
      }
    });
    return { name, type: decision.type as "number", values };
  });
  const warnings = rows.length === 0 ? ["the file holds no records"] : [];
  for (const [name, count] of Object.entries(invalid)) warnings.push(`column "${name}": ${count} value(s) do not fit its type; read as missing`);
  return {
    table: makeTable(columns),
    report: { delimiter: "json", header: true, invalid, invalidExamples, truncated: false, warnings, dateFormats, notes },
  };
}
