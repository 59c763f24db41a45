/**
 * Columns from values that arrive already parsed (JSON records, spreadsheet cells, forced types on
 * Parquet columns): a column whose values all share one JS type keeps it; any other column goes
 * through the same whole-column text inference as CSV fields (`evidence.ts`), so a spreadsheet
 * column of text cells such as "29.85" becomes numbers exactly as the CSV reader would read them.
 */
import type { Column, ColumnType } from "./table";
import { decideColumn, forcedDecision, newEvidence, observe, scannerFor } from "./evidence";
import { isMissingBytes } from "./infer";
import type { DateFormat } from "./dates";

/** What one column's reading found beyond its values: invalid values, the date text format, a note. */
export interface ColumnFindings {
  invalid: Record<string, number>;
  invalidExamples: Record<string, string[]>;
  dateFormats: Record<string, DateFormat>;
  notes: Record<string, string>;
}

/** Empty findings, filled in by `columnFromValues` for each column. */
export function newFindings(): ColumnFindings {
  return { invalid: {}, invalidExamples: {}, dateFormats: {}, notes: {} };
}

/** Options of `columnFromValues`. */
export interface ValueColumnOptions {
  /** The type the user forced for this column, if any. */
  readonly forced?: ColumnType;
  readonly dateOrder?: "dmy" | "mdy";
}

/** ASCII-or-UTF-8 bytes of a string (core has no TextEncoder). */
export function utf8Bytes(text: string): Uint8Array {
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

function isAbsent(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

/** A value as the text inference sees it: dates as ISO text (UTC), objects as JSON. */
function asText(v: unknown): string | null {
  if (isAbsent(v)) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/**
 * One column from parsed values: numbers, booleans and `Date`s (read as epoch ms UTC) keep their
 * type when every present value has it; a mixed or text column is inferred from its text, and a
 * forced type reads every value through that type's text scanner (misfits become missing and are
 * counted as invalid in `findings`). NaN, null and undefined are missing.
 */
export function columnFromValues(name: string, raw: ArrayLike<unknown>, findings: ColumnFindings, options: ValueColumnOptions = {}): Column {
  const n = raw.length;
  const { forced } = options;
  if (!forced || forced !== "string") {
    let kind: "number" | "boolean" | "date" | "mixed" | null = null;
    for (let i = 0; i < n && kind !== "mixed"; i++) {
      const v = raw[i];
      if (isAbsent(v)) continue;
      const k = typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : v instanceof Date ? "date" : "mixed";
      kind = kind === null || kind === k ? k : "mixed";
    }
    if (kind !== null && kind !== "mixed" && (!forced || forced === kind)) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = raw[i];
        values[i] = isAbsent(v) ? NaN : kind === "boolean" ? (v ? 1 : 0) : kind === "date" ? (v as Date).getTime() : (v as number);
      }
      return { name, type: kind, values };
    }
  }
  // Mixed or text values, or a forced type: infer from their text, exactly as for CSV fields.
  const text = Array.from(raw, asText);
  const encoded = text.map((t) => (t === null ? null : utf8Bytes(t)));
  const ev = newEvidence();
  for (const b of encoded) if (b && !isMissingBytes(b, 0, b.length)) observe(ev, b, 0, b.length);
  const decision = forced ? forcedDecision(forced, ev, options.dateOrder) : decideColumn(ev, options.dateOrder, name);
  if (decision.note) findings.notes[name] = decision.note;
  if (decision.type === "string") return { name, type: "string", values: text.map((t) => (t === null || t.trim() === "" ? null : t)) };
  if (decision.dateFormat) findings.dateFormats[name] = decision.dateFormat;
  const scan = scannerFor(decision);
  const values = new Float64Array(n);
  encoded.forEach((b, i) => {
    values[i] = b ? scan(b, 0, b.length) : NaN;
    if (b && Number.isNaN(values[i]) && !isMissingBytes(b, 0, b.length)) {
      findings.invalid[name] = (findings.invalid[name] ?? 0) + 1;
      if ((findings.invalidExamples[name] ??= []).length < 3) findings.invalidExamples[name].push(text[i]!);
    }
  });
  return { name, type: decision.type, values };
}

/** The warnings for values that did not fit their column's type. */
export function invalidWarnings(findings: ColumnFindings): string[] {
  return Object.entries(findings.invalid).map(([name, count]) => `column "${name}": ${count} value(s) do not fit its type; read as missing`);
}
