/**
 * The ingest entry point of the data cell: bytes of any supported file -> Table plus a report.
 * It checks what must be true of every file (size, not compressed, not binary, its encoding), then
 * hands UTF-8 bytes to the CSV or JSON reader. Decompression happens before this, in the worker's
 * source layer (DecompressionStream), because core stays free of browser and Node APIs.
 * `readAnyTable` adds the binary formats (Excel workbooks, Parquet), found by their magic bytes;
 * their readers load their libraries on first use, so those stay out of every other chunk.
 */
import { parseCsvWithReport, type CsvOptions, type CsvReport } from "./csv";
import { CsvError } from "./csv-records";
import { firstInvalidUtf8, lineOf, windows1252ToUtf8, type Encoding } from "./encoding";
import { looksLikeJson, parseJsonWithReport } from "./json";
import type { Table } from "./table";
import { isOle, isZip, readXlsx } from "./xlsx";
import { isParquet, readParquet } from "./parquet";
import { throwIfCancelled } from "../cells/types";

/** Largest input read, in bytes (1.5 GiB): above it a browser tab risks running out of memory. */
export const MAX_INPUT_BYTES = 1.5 * 2 ** 30;

/** File formats the data cell reads ("xlsx" covers legacy .xls too). */
export type FileFormat = "auto" | "csv" | "json" | "xlsx" | "parquet";

/** Options for `readTable`: the CSV options plus format and encoding. */
export interface ReadTableOptions extends CsvOptions {
  /** "auto" (default) reads JSON when the file starts with `[` or `{`, else delimited text. */
  readonly format?: FileFormat;
  /** "auto" (default) reads UTF-8 and falls back to Windows-1252 (with a warning) when the bytes are not UTF-8. */
  readonly encoding?: Encoding;
  /** Workbooks only: the sheet's name or 1-based position (default the first). */
  readonly sheet?: string | number;
}

/** What `readTable` found: the table, the parse report, and the format and encoding used. */
export interface ReadTableResult {
  readonly table: Table;
  readonly report: CsvReport;
  readonly format: "csv" | "json" | "xlsx" | "parquet";
  /** The text encoding; absent for the binary formats. */
  readonly encoding?: "utf-8" | "windows-1252";
  /** Workbooks only: the sheet read and the names of all sheets. */
  readonly sheet?: string;
  readonly sheets?: readonly string[];
}

/** A size as words: "1.62 GB", "830 KB". */
export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  return n >= 1e3 ? `${Math.round(n / 1e3)} KB` : `${n} bytes`;
}

function checkBytes(bytes: Uint8Array): void {
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new CsvError(`the file is ${formatBytes(bytes.length)}, above this app's limit of 1.5 GiB (${MAX_INPUT_BYTES.toLocaleString("en-GB")} bytes); split or filter it first`);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) throw new CsvError("the file is gzip-compressed and was not decompressed (name it .gz)");
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new CsvError("the file is UTF-16 text: save it as UTF-8 (in Excel: CSV UTF-8)");
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new CsvError(`this is not a text file: it contains a NUL byte (binary content) at byte ${nul}; is it a spreadsheet (.xlsx) or an archive?`, lineOf(bytes, nul));
  }
}

/** Reads a data file (CSV, TSV, whitespace-separated text, JSON records) into a table. Throws CsvError. */
export function readTable(input: Uint8Array, options: ReadTableOptions = {}): ReadTableResult {
  checkBytes(input);
  const warnings: string[] = [];
  let bytes = input;
  let encoding: ReadTableResult["encoding"] = options.encoding === "windows-1252" ? "windows-1252" : "utf-8";
  if (encoding === "utf-8") {
    const bad = firstInvalidUtf8(input);
    if (bad >= 0) {
      const where = `line ${lineOf(input, bad)} has byte 0x${input[bad].toString(16).toUpperCase()}, which is not UTF-8`;
      if (options.encoding === "utf-8") throw new CsvError(`${where}: the file is probably Latin-1 / Windows-1252; choose that encoding`);
      encoding = "windows-1252";
      warnings.push(`${where}: read the file as Windows-1252 (Latin-1); choose another encoding if accents look wrong`);
    }
  }
  if (encoding === "windows-1252") bytes = windows1252ToUtf8(input);
  const from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const isJson = options.format === "json" || (options.format !== "csv" && !options.skipRows && looksLikeJson(bytes, from));
  const parsed = isJson ? parseJsonWithReport(bytes.subarray(from), options) : parseCsvWithReport(bytes, options);
  return {
    table: parsed.table,
    report: { ...parsed.report, warnings: [...warnings, ...parsed.report.warnings] },
    format: isJson ? "json" : "csv",
    encoding,
  };
}

/** The binary format the bytes' signature shows: a zip or OLE file is a workbook, "PAR1" opens Parquet. */
export function detectBinaryFormat(bytes: Uint8Array): "xlsx" | "parquet" | undefined {
  if (isZip(bytes) || isOle(bytes)) return "xlsx";
  const par1 = bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31;
  return par1 ? "parquet" : undefined;
}

/**
 * Reads any supported file: Excel workbooks and Parquet (by `format`, else by their signature)
 * asynchronously, since their libraries load on demand; everything else through `readTable`.
 */
export async function readAnyTable(input: Uint8Array, options: ReadTableOptions = {}): Promise<ReadTableResult> {
  const format = options.format === "xlsx" || options.format === "parquet" ? options.format
    : options.format === "csv" || options.format === "json" ? undefined : detectBinaryFormat(input);
  if (!format) return readTable(input, options);
  if (input.length > MAX_INPUT_BYTES) checkBytes(input);
  if (format === "xlsx") {
    if (!isZip(input) && !isOle(input)) {
      throw new CsvError("this is not an Excel workbook: an .xlsx file starts with the zip signature PK and an .xls file with the OLE signature (damaged, or another format?)");
    }
    const read = await readXlsx(input, options);
    // SheetJS parses in one synchronous call: a Cancel pressed meanwhile is honoured here.
    if (options.signal) throwIfCancelled(options.signal);
    return { table: read.table, report: read.report, format, sheet: read.sheet, sheets: read.sheets };
  }
  if (!isParquet(input)) {
    throw new CsvError(input.length >= 4 && detectBinaryFormat(input) === "parquet"
      ? "this Parquet file is cut short or damaged: it does not end with the PAR1 marker"
      : "this is not a Parquet file: it does not start and end with the PAR1 marker");
  }
  const signal = options.signal;
  const read = await readParquet(input, {
    types: options.types,
    dateOrder: options.dateOrder,
    onProgress: options.onProgress,
    checkCancelled: signal ? () => throwIfCancelled(signal) : undefined,
  });
  return { ...read, format };
}
