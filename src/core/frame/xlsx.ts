/**
 * Excel workbooks in (.xlsx, and legacy .xls), read with SheetJS (`xlsx` 0.18.5, loaded on first
 * use so that it is a chunk of its own in the worker). Cells come typed: numbers, booleans, text,
 * and dates as serial numbers with a date format. One sheet becomes a table; each column keeps its
 * cells' type when they all share one, else goes through the CSV text inference (`typed-values.ts`),
 * so a column of text cells that look like numbers is read as numbers, as in a CSV.
 *
 * xlsx 0.18.5 (the last version on npm) has a known prototype-pollution flaw when reading crafted
 * files (CVE-2023-30533: a comment anchored at "__proto__" is written into Object.prototype on the
 * sparse sheet layout). We read with `dense: true`, where cells live in row arrays indexed by
 * number, which takes that path out; and we compare Object.prototype and Array.prototype before and
 * after the read, restore them and refuse the file if anything changed (see the README).
 */
import { CsvError } from "./csv-records";
import { ROW_INDEX_NAME } from "./csv";
import type { CsvReport } from "./csv";
import { makeTable, type ColumnType, type Table } from "./table";
import { columnFromValues, invalidWarnings, newFindings } from "./typed-values";

/** Options for reading a workbook. */
export interface XlsxOptions {
  /** Sheet name, or 1-based position; the first sheet when absent. */
  readonly sheet?: string | number;
  /** Whether the first row read names the columns; auto when absent (a row of numbers/dates is data). */
  readonly header?: boolean;
  /** Sheet rows to skip above the header (counted from row 1 of the sheet). */
  readonly skipRows?: number;
  readonly types?: Readonly<Record<string, ColumnType>>;
  readonly dateOrder?: "dmy" | "mdy";
}

/** What `readXlsx` found: the table, the report, the sheet read and every sheet's name. */
export interface XlsxResult {
  readonly table: Table;
  readonly report: CsvReport;
  readonly sheet: string;
  readonly sheets: readonly string[];
}

/** Zip local-file header "PK\x03\x04", as an .xlsx (an Office Open XML package) starts. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The OLE compound-file signature of legacy .xls workbooks. */
export function isOle(bytes: Uint8Array): boolean {
  return OLE.every((b, i) => bytes[i] === b);
}

// Excel's error codes (a cell holding #DIV/0! etc.): read as missing and counted as invalid.
const ERRORS: Record<number, string> = { 0: "#NULL!", 7: "#DIV/0!", 15: "#VALUE!", 23: "#REF!", 29: "#NAME?", 36: "#NUM!", 42: "#N/A", 43: "#GETTING_DATA" };
const DAY = 86_400_000;

/**
 * An Excel serial date as epoch ms UTC. The 1900 system counts 1900-02-29, which never existed
 * (Lotus 1-2-3's leap-year bug), so serials before 61 are one day off the rest.
 */
export function excelSerialToMs(serial: number, is1904: boolean): number {
  const days = is1904 ? serial - 24107 : serial < 61 ? serial - 25568 : serial - 25569;
  return Math.round(days * DAY);
}

interface PrototypeSnapshot {
  readonly target: object;
  readonly keys: Map<PropertyKey, PropertyDescriptor>;
}

function snapshot(target: object): PrototypeSnapshot {
  const keys = new Map<PropertyKey, PropertyDescriptor>();
  for (const k of Reflect.ownKeys(target)) keys.set(k, Object.getOwnPropertyDescriptor(target, k)!);
  return { target, keys };
}

/** Restores a prototype to its snapshot; true when anything had changed. */
function restore({ target, keys }: PrototypeSnapshot): boolean {
  let changed = false;
  for (const k of Reflect.ownKeys(target)) {
    if (!keys.has(k)) {
      delete (target as Record<PropertyKey, unknown>)[k];
      changed = true;
    }
  }
  for (const [k, d] of keys) {
    const now = Object.getOwnPropertyDescriptor(target, k);
    if (!now || now.value !== d.value || now.get !== d.get || now.set !== d.set) {
      Object.defineProperty(target, k, d);
      changed = true;
    }
  }
  return changed;
}

type SheetJs = typeof import("xlsx");
type Cell = { t: string; v?: unknown; z?: string | number };

/** Parses the workbook, guarding the built-in prototypes. Throws CsvError for a file SheetJS cannot read. */
function readWorkbook(XLSX: SheetJs, bytes: Uint8Array) {
  const guards = [snapshot(Object.prototype), snapshot(Array.prototype)];
  let book;
  let failure: unknown;
  try {
    book = XLSX.read(bytes, { type: "array", dense: true, cellNF: true, cellText: false, cellDates: false, cellFormula: false, cellHTML: false, cellStyles: false });
  } catch (e) {
    failure = e;
  }
  // Every guard must run, so no short-circuit.
  const tampered = guards.map(restore).some(Boolean);
  if (tampered) throw new CsvError("this workbook tried to change JavaScript built-ins while being read (a crafted file?); it was refused");
  if (failure !== undefined || !book) {
    throw new CsvError(`this is not a readable Excel workbook (the file may be damaged or not a spreadsheet): ${(failure as Error)?.message ?? "no workbook"}`);
  }
  return book;
}

function pickSheet(names: readonly string[], wanted: string | number | undefined): string {
  const list = names.map((n) => JSON.stringify(n)).join(", ");
  if (names.length === 0) throw new CsvError("the workbook has no sheets");
  if (wanted === undefined || wanted === "") return names[0];
  if (typeof wanted === "string" && names.includes(wanted)) return wanted;
  const index = typeof wanted === "number" ? wanted : /^\d+$/.test(wanted.trim()) ? Number(wanted) : NaN;
  if (Number.isInteger(index) && index >= 1 && index <= names.length) return names[index - 1];
  if (Number.isInteger(index)) throw new CsvError(`there is no sheet ${index}: the workbook has ${names.length} sheet(s): ${list}`);
  throw new CsvError(`there is no sheet named ${JSON.stringify(wanted)}; the workbook's sheets are ${list}`);
}

function columnLetters(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Reads one sheet of an .xlsx or .xls workbook into a table. Throws CsvError with a plain message. */
export async function readXlsx(bytes: Uint8Array, options: XlsxOptions = {}): Promise<XlsxResult> {
  const XLSX: SheetJs = await import("xlsx");
  const book = readWorkbook(XLSX, bytes);
  const sheets = book.SheetNames;
  const sheet = pickSheet(sheets, options.sheet);
  const ws = book.Sheets[sheet] as unknown as (Cell | undefined)[][] & { "!ref"?: string };
  if (!ws || !ws["!ref"]) throw new CsvError(`sheet ${JSON.stringify(sheet)} is empty`);
  const range = XLSX.utils.decode_range(ws["!ref"]);
  const is1904 = Boolean((book.Workbook as { WBProps?: { date1904?: boolean } } | undefined)?.WBProps?.date1904);
  const isDate = (z: Cell["z"]) => z !== undefined && z !== "General" && XLSX.SSF.is_date(z as string);

  // Cell values, row by row; blank rows are skipped as blank CSV lines are.
  const width = range.e.c + 1;
  const rows: unknown[][] = [];
  const errors: (string | undefined)[][] = [];
  for (let r = Math.max(range.s.r, options.skipRows ?? 0); r <= range.e.r; r++) {
    const cells = ws[r];
    if (!cells) continue;
    const row: unknown[] = new Array(width).fill(null);
    let rowErrors: (string | undefined)[] | undefined;
    let present = false;
    for (let c = range.s.c; c <= range.e.c; c++) {
      const cell = cells[c];
      if (!cell || cell.v === undefined || cell.v === null) continue;
      let v: unknown = null;
      if (cell.t === "n") v = isDate(cell.z) ? new Date(excelSerialToMs(cell.v as number, is1904)) : cell.v;
      else if (cell.t === "b") v = cell.v;
      else if (cell.t === "d") v = cell.v instanceof Date ? cell.v : null;
      else if (cell.t === "s" || cell.t === "str") v = String(cell.v).trim() === "" ? null : String(cell.v);
      else if (cell.t === "e") (rowErrors ??= [])[c] = ERRORS[cell.v as number] ?? "#ERROR";
      if (v !== null) present = true, (row[c] = v);
      else if (rowErrors?.[c]) present = true;
    }
    if (!present) continue;
    rows.push(row);
    errors.push(rowErrors ?? []);
  }
  if (rows.length === 0) throw new CsvError(`sheet ${JSON.stringify(sheet)} is empty${options.skipRows ? ` after skipping ${options.skipRows} row(s)` : ""}`);

  // Columns that are empty from the header down (formatting stretching the used range) are dropped.
  const used: number[] = [];
  for (let c = range.s.c; c < width; c++) if (rows.some((row, i) => row[c] !== null || errors[i][c])) used.push(c);

  const first = rows[0];
  const hasHeader = options.header ?? !used.every((c) => first[c] === null || typeof first[c] === "number" || first[c] instanceof Date);
  const names = used.map((c, k) => {
    if (!hasHeader) return `column_${k + 1}`;
    const v = first[c];
    const name = v === null ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
    if (name === "" && k === 0 && used.length > 1) return ROW_INDEX_NAME;
    if (name === "") throw new CsvError(`sheet ${JSON.stringify(sheet)}: column ${columnLetters(c)} has data but no name in the header row; name it or set "header" to no`);
    return name;
  });
  const seen = new Map<string, number>();
  names.forEach((name, k) => {
    const before = seen.get(name);
    if (before !== undefined) throw new CsvError(`sheet ${JSON.stringify(sheet)}: columns ${columnLetters(used[before])} and ${columnLetters(used[k])} are both named ${JSON.stringify(name)}`);
    seen.set(name, k);
  });

  const body = hasHeader ? rows.slice(1) : rows;
  const bodyErrors = hasHeader ? errors.slice(1) : errors;
  const findings = newFindings();
  const columns = used.map((c, k) => {
    const name = names[k];
    const column = columnFromValues(name, body.map((row) => row[c]), findings, { forced: options.types?.[name], dateOrder: options.dateOrder });
    bodyErrors.forEach((rowErrors) => {
      const error = rowErrors[c];
      if (!error) return;
      findings.invalid[name] = (findings.invalid[name] ?? 0) + 1;
      if ((findings.invalidExamples[name] ??= []).length < 3 && !findings.invalidExamples[name].includes(error)) findings.invalidExamples[name].push(error);
    });
    return column;
  });
  const warnings: string[] = [];
  if (body.length === 0) warnings.push(`sheet ${JSON.stringify(sheet)} has a header row but no data rows`);
  warnings.push(...invalidWarnings(findings));
  const hidden = sheets.length > 1 ? `; the workbook also has ${sheets.filter((s) => s !== sheet).map((s) => JSON.stringify(s)).join(", ")} (choose with "sheet")` : "";
  if (hidden && options.sheet === undefined) warnings.push(`read sheet ${JSON.stringify(sheet)}${hidden}`);
  return {
    table: makeTable(columns),
    report: { delimiter: "xlsx", header: hasHeader, ...findings, truncated: false, warnings },
    sheet,
    sheets,
  };
}
