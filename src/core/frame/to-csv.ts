/**
 * Table -> CSV text that parseCsv (and pandas, Excel) read back to the same values.
 */
import type { Column, Table } from "./table";

/** How to write a CSV. */
export interface ToCsvOptions {
  /** Field separator (default ","). */
  readonly delimiter?: string;
}

/**
 * A number without float noise: 15 significant digits (what a double holds reliably), so
 * 0.1 + 0.2 is written 0.3; integers and short decimals are written exactly as JS prints them.
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "";
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  return String(Number(value.toPrecision(15)));
}

/** An epoch-ms date as YYYY-MM-DD, or full ISO 8601 (UTC) when it has a time of day. */
export function formatDate(ms: number): string {
  if (Number.isNaN(ms)) return "";
  const iso = new Date(ms).toISOString();
  return ms % 86_400_000 === 0 ? iso.slice(0, 10) : iso;
}

/** A column's value at `row` as CSV text (before quoting); missing is "". */
export function formatValue(column: Column, row: number): string {
  if (column.type === "string") return column.values[row] ?? "";
  const v = column.values[row];
  if (Number.isNaN(v)) return "";
  if (column.type === "boolean") return v === 1 ? "true" : v === 0 ? "false" : formatNumber(v);
  if (column.type === "date") return formatDate(v);
  return formatNumber(v);
}

function quoter(delimiter: string): (text: string) => string {
  return (text) => {
    // Quote what would otherwise split or be trimmed/misread: delimiter, quote, newline, edge spaces.
    const needs =
      text.includes(delimiter) || text.includes('"') || text.includes("\n") || text.includes("\r") || text !== text.trim();
    return needs ? `"${text.replaceAll('"', '""')}"` : text;
  };
}

/** The table as CSV text: a header row, then one line per row, "\n" line endings, missing as empty fields. */
export function toCsv(table: Table, options: ToCsvOptions = {}): string {
  const delimiter = options.delimiter ?? ",";
  const quote = quoter(delimiter);
  const lines: string[] = [table.columns.map((c) => quote(c.name)).join(delimiter)];
  for (let r = 0; r < table.nRows; r++) {
    let line = "";
    for (let c = 0; c < table.columns.length; c++) {
      const column = table.columns[c];
      const text = formatValue(column, r);
      line += (c ? delimiter : "") + (column.type === "string" ? quote(text) : text);
    }
    // An empty line would be skipped as blank by readers: a lone missing value is written "".
    lines.push(line === "" && table.columns.length === 1 ? '""' : line);
  }
  return lines.join("\n") + "\n";
}
