import type { Column } from "../../core/frame/table";

const numberFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 4 });

/** A cell value as display text (always text: data never becomes HTML). */
export function formatValue(column: Column, row: number): string {
  if (column.type === "string") return column.values[row] ?? "";
  const v = column.values[row];
  if (Number.isNaN(v)) return "";
  if (column.type === "date") {
    const iso = new Date(v).toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
  }
  if (column.type === "boolean") return v ? "true" : "false";
  return formatNumber(v);
}

/** A number for display, with grouping and at most 4 decimals. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && Math.abs(v) < 1e-4) return v.toExponential(3);
  return numberFormat.format(v);
}
