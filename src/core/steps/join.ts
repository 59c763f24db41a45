/**
 * join: combines the cell's table (left) with the table on the cell's optional "right" input,
 * matching rows on key columns: "inner" keeps matched rows only, "left" keeps every left row
 * (right columns missing where nothing matches). Rows come out in left order, each left row's
 * matches in right order (pandas' merge order for both). A missing key matches nothing (where
 * pandas would match NaN with NaN). Right key columns are dropped (they equal the left keys);
 * another right column whose name is taken gets `suffix` ("_right").
 */
import { getColumn, makeTable, takeRows, type Column, type Table } from "../frame/table";
import { readEnum, readStringArray, readString, type Obj } from "../cells/params";
import { ParamError } from "../cells/types";
import type { Json } from "../json";
import { keyOf, StepError, type StepResult } from "./types";

/** Joins produce at most this many rows: more is almost always a many-to-many key by mistake. */
export const MAX_JOIN_ROWS = 20_000_000;

/** Options of the join step. */
export interface JoinOptions {
  readonly op: "join";
  /** Key columns of the left table. */
  readonly on: readonly string[];
  /** Key columns of the right table, same order (default: the same names as `on`). */
  readonly rightOn: readonly string[];
  readonly how: "inner" | "left";
  readonly suffix: string;
}

/** Validates join options from JSON. */
export function parseJoin(obj: Obj, path: string): JoinOptions {
  const on = readStringArray(obj, "on", path);
  if (on.length === 0) throw new ParamError(`${path}.on`, "list the key column(s) to join on");
  const rightOn = obj.rightOn === undefined ? on : readStringArray(obj, "rightOn", path);
  if (rightOn.length !== on.length) throw new ParamError(`${path}.rightOn`, `must list ${on.length} column(s), one per "on" column`);
  return { op: "join", on, rightOn, how: readEnum(obj, "how", path, ["inner", "left"] as const, "left"), suffix: readString(obj, "suffix", path, "_right") };
}

const kind = (c: Column) => (c.type === "boolean" ? "number" : c.type);

/** Joins `left` with `right` on the keys; throws naming the key whose types differ. */
export function join(left: Table, right: Table | undefined, options: JoinOptions): StepResult {
  if (!right) throw new StepError('a join needs a second table: connect a cell to this cell\'s "right" input');
  const lk = options.on.map((c) => getColumn(left, c));
  const rk = options.rightOn.map((c) => {
    try {
      return getColumn(right, c);
    } catch (e) {
      throw new StepError(`right table: ${(e as Error).message}`);
    }
  });
  lk.forEach((c, i) => {
    if (kind(c) !== kind(rk[i])) {
      throw new StepError(`key "${c.name}" is ${c.type} on the left but "${rk[i].name}" is ${rk[i].type} on the right; convert one (e.g. with a derive step) so both hold the same type`);
    }
  });
  const keyAt = (cols: Column[], r: number): string | null => {
    let key = "";
    for (const c of cols) {
      const k = keyOf(c, r);
      if (k === null) return null;
      key += `${k.length}:${k}\u0001`;
    }
    return key;
  };
  const byKey = new Map<string, number[]>();
  for (let r = 0; r < right.nRows; r++) {
    const k = keyAt(rk, r);
    if (k === null) continue;
    const list = byKey.get(k);
    if (list) list.push(r);
    else byKey.set(k, [r]);
  }
  const leftRows: number[] = [], rightRows: number[] = [];
  let unmatched = 0;
  for (let r = 0; r < left.nRows; r++) {
    const k = keyAt(lk, r);
    const matches = k === null ? undefined : byKey.get(k);
    if (matches) for (const m of matches) (leftRows.push(r), rightRows.push(m));
    else {
      unmatched++;
      if (options.how === "left") (leftRows.push(r), rightRows.push(-1));
    }
    if (leftRows.length > MAX_JOIN_ROWS) throw new StepError(`the join would make more than ${MAX_JOIN_ROWS} rows: the keys repeat on both sides (many-to-many); aggregate one side first`);
  }
  const taken = new Set(left.columns.map((c) => c.name));
  const renamed: Record<string, Json> = {};
  const rightCols = right.columns.filter((c) => !options.rightOn.includes(c.name)).map((c): Column => {
    let name = c.name;
    if (taken.has(name)) {
      name = `${c.name}${options.suffix}`;
      if (taken.has(name)) throw new StepError(`right column "${c.name}" clashes with a left column, and so does "${name}"; choose another suffix`);
      renamed[c.name] = name;
    }
    taken.add(name);
    return { ...c, name } as Column;
  });
  // Unmatched left rows (index -1) read as missing in every right column.
  const rightPart = takeRows(makeTable(rightCols), rightRows.map((r) => Math.max(r, 0)));
  const blank = rightPart.columns.map((c): Column =>
    c.type === "string" ? { ...c, values: c.values.map((v, i) => (rightRows[i] < 0 ? null : v)) } : { ...c, values: c.values.map((v, i) => (rightRows[i] < 0 ? NaN : v)) },
  );
  const out = makeTable([...takeRows(left, leftRows).columns, ...blank]);
  let duplicateKeys = 0;
  for (const list of byKey.values()) if (list.length > 1) duplicateKeys++;
  return {
    table: out,
    fitted: { how: options.how, rows: out.nRows, leftRows: left.nRows, rightRows: right.nRows, unmatchedLeft: unmatched, rightKeysRepeated: duplicateKeys, renamed },
  };
}
