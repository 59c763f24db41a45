/**
 * Builds baskets (sets of item codes) from a table in one of two shapes:
 * - "long": one row per (transaction, item), e.g. invoice lines;
 * - "lines": one row per basket, a text column listing its items, e.g. groceries.csv read with a
 *   delimiter that never occurs (one column) and no header.
 */
import { getColumn, getString, type Column, type Table } from "../frame/table";

/** Baskets as sorted, de-duplicated item codes; `items[code]` names an item. */
export interface Baskets {
  readonly baskets: readonly Int32Array[];
  readonly items: readonly string[];
  /** Rows skipped: missing transaction or item, or cancelled invoices. */
  readonly skippedRows: number;
}

function text(column: Column, i: number): string | null {
  if (column.type === "string") return column.values[i];
  const v = column.values[i];
  return Number.isNaN(v) ? null : String(v);
}

function coder(): { items: string[]; code(item: string): number } {
  const codes = new Map<string, number>();
  const items: string[] = [];
  return {
    items,
    code(item) {
      let c = codes.get(item);
      if (c === undefined) codes.set(item, (c = items.length)), items.push(item);
      return c;
    },
  };
}

const finish = (sets: Iterable<Set<number>>): Int32Array[] => [...sets].map((s) => Int32Array.from(s).sort());

/** Baskets from (transaction, item) rows; invoices starting with "C" are skipped when asked. */
export function basketsFromLong(table: Table, transaction: string, item: string, skipCancelled: boolean): Baskets {
  const t = getColumn(table, transaction);
  const it = getColumn(table, item);
  const { items, code } = coder();
  const byTransaction = new Map<string, Set<number>>();
  let skippedRows = 0;
  for (let i = 0; i < table.nRows; i++) {
    const key = text(t, i);
    const name = text(it, i)?.trim();
    if (key === null || !name || (skipCancelled && t.type === "string" && key.startsWith("C"))) {
      skippedRows++;
      continue;
    }
    let set = byTransaction.get(key);
    if (!set) byTransaction.set(key, (set = new Set()));
    set.add(code(name));
  }
  return { baskets: finish(byTransaction.values()), items, skippedRows };
}

/** Baskets from a text column of `separator`-separated items, one basket per row. */
export function basketsFromLines(table: Table, column: string, separator: string): Baskets {
  const col = getString(table, column);
  const { items, code } = coder();
  const sets: Set<number>[] = [];
  let skippedRows = 0;
  for (let i = 0; i < table.nRows; i++) {
    const line = col.values[i];
    const names = line ? line.split(separator).map((s) => s.trim()).filter((s) => s.length > 0) : [];
    if (names.length === 0) {
      skippedRows++;
      continue;
    }
    sets.push(new Set(names.map(code)));
  }
  return { baskets: finish(sets), items, skippedRows };
}
