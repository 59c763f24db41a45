/**
 * Table-level checks for the profile: duplicate rows, and CRM data smells that break forecasts
 * and allocations quietly (negative quantities, zero or negative prices, deals closed before they
 * were created, dates in the future). Column roles are found by name, so a check that finds no
 * matching column says nothing.
 */
import type { Column, NumericColumn, Table } from "./table";

/**
 * Hashes of rows' numbers, column by column: `hashes[r]` is xor'ed with column `index`'s hash of
 * its value at row r, for rows [from, to). Each column hashes with its own seed and xor is
 * order-free, so threads can hash different columns (and rows in runs, as they are read) and
 * combine their arrays with xor; hashing a column's rows again takes them back out. NaN hashes as
 * one value, as duplicate rows treat every missing value alike.
 */
export function xorNumberHashes(hashes: Int32Array, index: number, values: Float64Array, from: number, to: number): void {
  const view = new Int32Array(values.buffer, values.byteOffset, 2 * values.length);
  const seed = Math.imul(index + 1, 0x9e3779b9);
  for (let r = from; r < to; r++) {
    const v = values[r];
    const lo = v === v ? view[2 * r] : 0, hi = v === v ? view[2 * r + 1] : 0x7ff80000;
    let h = Math.imul(lo ^ seed, 0xcc9e2d51);
    h = Math.imul((h << 15) | (h >>> 17), 0x1b873593) ^ hi;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    hashes[r] ^= h ^ (h >>> 13);
  }
}

/** Row hashes of some number columns (`columns`, by position) already taken, e.g. by a helper thread as it read them. */
export interface NumberRowHashes {
  readonly hashes: Int32Array;
  readonly columns: readonly number[];
}

/**
 * Rows equal to an earlier row in every column. `hashed`, when given, holds the number columns'
 * row hashes for the columns it lists (the others are hashed here); it is not changed.
 */
export function countDuplicateRows(table: Table, hashed?: NumberRowHashes): number {
  const n = table.nRows;
  if (n < 2 || table.columns.length === 0) return 0;
  // A 32-bit hash per row finds candidate pairs; candidates are compared exactly, so collisions never count.
  const given = hashed !== undefined && hashed.hashes.length === n;
  const hashes = given ? hashed.hashes.slice() : new Int32Array(n);
  const done = new Set(given ? hashed.columns : []);
  const columns = table.columns;
  let hasNumeric = false, hasText = false;
  columns.forEach((c, index) => {
    if (c.type === "string") hasText = true;
    else {
      hasNumeric = true;
      if (!done.has(index)) xorNumberHashes(hashes, index, c.values, 0, n);
    }
  });
  let size = 1;
  while (size < 2 * n) size <<= 1;
  const mask = size - 1;
  const slots = new Int32Array(size);
  // Rows are candidates when another row has the same numbers; only they need their text hashed.
  // (Equal rows have equal numeric hashes, so a row alone with its hash has no duplicate.)
  let rows: Int32Array;
  if (hasNumeric && hasText) {
    const candidate = new Uint8Array(n);
    let count = 0;
    for (let r = 0; r < n; r++) {
      const h = hashes[r];
      let at = mix(h) & mask;
      for (;;) {
        const e = slots[at];
        if (e === 0) {
          slots[at] = r + 1;
          break;
        }
        if (hashes[e - 1] === h) {
          if (!candidate[e - 1]) (candidate[e - 1] = 1), count++;
          candidate[r] = 1;
          count++;
          break;
        }
        at = (at + 1) & mask;
      }
    }
    slots.fill(0);
    rows = new Int32Array(count);
    for (let r = 0, k = 0; r < n; r++) if (candidate[r]) rows[k++] = r;
  } else {
    rows = new Int32Array(n);
    for (let r = 0; r < n; r++) rows[r] = r;
  }
  const m = rows.length;
  for (const c of columns) {
    if (c.type !== "string") continue;
    const values = c.values;
    for (let k = 0; k < m; k++) {
      const r = rows[k];
      const v = values[r];
      let h = hashes[r] ^ 0x9e3779b9;
      if (v !== null) {
        // Long text hashes its length and both ends only: rows are compared exactly anyway.
        const len = v.length;
        if (len <= 24) for (let i = 0; i < len; i++) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
        else {
          h = Math.imul(h ^ len, 0x01000193);
          for (let i = 0; i < 12; i++) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
          for (let i = len - 12; i < len; i++) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
        }
      }
      hashes[r] = h;
    }
  }
  // Open addressing over row numbers (+1; 0 is empty): only first occurrences are stored, and a row
  // equal to one of them is a duplicate. No per-row allocation.
  let duplicates = 0;
  for (let k = 0; k < m; k++) {
    const r = rows[k];
    const h = hashes[r];
    let at = mix(h) & mask;
    for (;;) {
      const e = slots[at];
      if (e === 0) {
        slots[at] = r + 1;
        break;
      }
      if (hashes[e - 1] === h && sameRow(columns, e - 1, r)) {
        duplicates++;
        break;
      }
      at = (at + 1) & mask;
    }
  }
  return duplicates;
}

/** Spreads a FNV hash's bits so the low bits index the table well. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
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
