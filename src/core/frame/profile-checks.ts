/**
 * Table-level checks for the profile: duplicate rows, and CRM data smells that break forecasts
 * and allocations quietly (negative quantities, zero or negative prices, deals closed before they
 * were created, dates in the future). Column roles are found by name, so a check that finds no
 * matching column says nothing.
 */
import type { Column, NumericColumn, Table } from "./table";

/** Rows equal to an earlier row in every column. */
export function countDuplicateRows(table: Table): number {
  const n = table.nRows;
  if (n < 2 || table.columns.length === 0) return 0;
  // A 32-bit hash per row finds candidate pairs; candidates are compared exactly, so collisions never count.
  const hashes = new Int32Array(n).fill(0x811c9dc5);
  for (const c of table.columns) {
    if (c.type === "string") {
      for (let r = 0; r < n; r++) {
        const v = c.values[r];
        let h = hashes[r] ^ 0x9e3779b9;
        if (v !== null) for (let i = 0; i < v.length; i++) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
        hashes[r] = h;
      }
    } else {
      const view = new Int32Array(Float64Array.from(c.values).buffer);
      for (let r = 0; r < n; r++) hashes[r] = Math.imul(Math.imul(hashes[r] ^ view[2 * r], 0x01000193) ^ view[2 * r + 1], 0x01000193);
    }
  }
  const firstByHash = new Map<number, number[]>();
  let duplicates = 0;
  for (let r = 0; r < n; r++) {
    const earlier = firstByHash.get(hashes[r]);
    if (!earlier) firstByHash.set(hashes[r], [r]);
    else if (earlier.some((e) => sameRow(table.columns, e, r))) duplicates++;
    else earlier.push(r);
  }
  return duplicates;
}

function sameRow(columns: readonly Column[], a: number, b: number): boolean {
  for (const c of columns) {
    const x = c.values[a], y = c.values[b];
    if (x !== y && !(typeof x === "number" && Number.isNaN(x) && Number.isNaN(y as number))) return false;
  }
  return true;
}

const QUANTITY = /(^|[_\s])(qty|quantity|units|number_of)|quantity$/i;
const PRICE = /price|unit_?cost/i;
const CLOSE = /close|won_?date|end_?date/i;
const CREATED = /creat|open(ed)?_?date|start_?date/i;

function count(values: Float64Array, test: (v: number) => boolean): number {
  let k = 0;
  for (let i = 0; i < values.length; i++) if (test(values[i])) k++;
  return k;
}

/** Plain-language CRM warnings; `now` (epoch ms) decides what is in the future. */
export function crmSmells(table: Table, now: number): string[] {
  const out: string[] = [];
  const numeric = table.columns.filter((c): c is NumericColumn => c.type === "number");
  const dates = table.columns.filter((c): c is NumericColumn => c.type === "date");
  for (const c of numeric) {
    if (QUANTITY.test(c.name)) {
      const k = count(c.values, (v) => v < 0);
      if (k) out.push(`column "${c.name}": ${k.toLocaleString("en-GB")} negative quantities (returns or cancellations?)`);
    }
    if (PRICE.test(c.name)) {
      const zero = count(c.values, (v) => v === 0), negative = count(c.values, (v) => v < 0);
      if (zero || negative) out.push(`column "${c.name}": ${zero.toLocaleString("en-GB")} zero and ${negative.toLocaleString("en-GB")} negative prices`);
    }
  }
  const close = dates.find((c) => CLOSE.test(c.name)), created = dates.find((c) => CREATED.test(c.name));
  if (close && created) {
    let k = 0;
    for (let i = 0; i < table.nRows; i++) if (close.values[i] < created.values[i]) k++;
    if (k) out.push(`${k.toLocaleString("en-GB")} rows have "${close.name}" before "${created.name}"`);
  }
  for (const c of dates) {
    const k = count(c.values, (v) => v > now);
    // Close dates of open deals are legitimately in the future; still worth a mention, so the note says so.
    if (k) out.push(`column "${c.name}": ${k.toLocaleString("en-GB")} dates are in the future${CLOSE.test(c.name) ? " (expected close dates of open deals?)" : ""}`);
  }
  return out;
}
