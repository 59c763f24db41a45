import type { CellKind, DataSource } from "./types";
import { ParamError, throwIfCancelled } from "./types";
import { asObject, readEnum, readNumber, readString, type Obj } from "./params";
import { CsvError } from "../frame/csv-records";
import { formatBytes, type FileFormat } from "../frame/read-table";
import { bytesSource, readAnyTableStream } from "../frame/read-stream";
import { ENCODING_ALIASES, type Encoding } from "../frame/encoding";
import { profileAsTable, profileTable } from "../frame/profile";
import { profileToJson } from "../frame/profile-json";
import type { ColumnType } from "../frame/table";
import type { JsonObject } from "../json";

/** Parameters of a data cell: where the file comes from and how to read it. */
export interface DataParams {
  readonly source: DataSource;
  /** A single character, or " " for whitespace-separated text; sniffed when absent. Words: comma, semicolon, tab, pipe, whitespace. */
  readonly delimiter?: string;
  /** Whether the first row names the columns; detected when absent (a first row of numbers is data). */
  readonly header?: boolean;
  /** Forced column types; values that do not fit are read as missing and reported. */
  readonly types?: Readonly<Record<string, ColumnType>>;
  /** Lines to skip before the header. */
  readonly skipRows?: number;
  /** Decimal mark of numbers (default "."). */
  readonly decimal?: "." | ",";
  /** Text encoding (default auto: UTF-8, else Windows-1252 with a warning). */
  readonly encoding?: Encoding;
  /** "auto" (default: by the file's signature, then `[`/`{` for JSON), "csv" (any delimited text), "json" (records), "xlsx" (.xlsx/.xls) or "parquet". */
  readonly format?: FileFormat;
  /** Workbooks: the sheet's name or 1-based position (default the first sheet). */
  readonly sheet?: string | number;
  /** Order of ambiguous slash dates; decided from the values when absent. */
  readonly dateOrder?: "dmy" | "mdy";
}

const COLUMN_TYPES: readonly ColumnType[] = ["number", "boolean", "date", "string"];
const DELIMITER_WORDS: Record<string, string> = { comma: ",", semicolon: ";", tab: "\t", pipe: "|", whitespace: " ", space: " " };

function readSource(p: Obj): DataSource {
  const s = asObject(p.source, "params.source");
  return { type: readEnum(s, "type", "params.source", ["sample", "file"] as const), name: readString(s, "name", "params.source") };
}

function readDelimiter(p: Obj): string | undefined {
  const d = p.delimiter;
  if (d === undefined || d === null || d === "" || d === "auto") return undefined;
  const char = typeof d === "string" ? (DELIMITER_WORDS[d] ?? d) : undefined;
  if (char === undefined || char.length !== 1 || char === '"' || char === "\n" || char === "\r") {
    throw new ParamError("params.delimiter", 'must be one character such as ",", ";", "|", "tab" or "whitespace"');
  }
  return char;
}

function readTypes(p: Obj): Record<string, ColumnType> | undefined {
  if (p.types === undefined || p.types === null) return undefined;
  const t = asObject(p.types, "params.types");
  return Object.fromEntries(Object.keys(t).map((name) => [name, readEnum(t, name, "params.types", COLUMN_TYPES)]));
}

function readSheet(p: Obj): string | number | undefined {
  const s = p.sheet;
  if (s === undefined || s === null || s === "") return undefined;
  if (typeof s === "number" && Number.isInteger(s) && s >= 1) return s;
  if (typeof s === "string") return s;
  throw new ParamError("params.sheet", "must be a sheet name or a position counted from 1");
}

function readOptions(p: Obj): Omit<DataParams, "source" | "delimiter" | "types"> {
  if (p.header !== undefined && p.header !== null && p.header !== "auto" && typeof p.header !== "boolean") {
    throw new ParamError("params.header", 'must be true, false or "auto"');
  }
  const encodingWord = typeof p.encoding === "string" ? p.encoding.toLowerCase() : p.encoding;
  const encoding = encodingWord === undefined || encodingWord === "auto" ? undefined : ENCODING_ALIASES[encodingWord as string];
  if (encodingWord !== undefined && encodingWord !== "auto" && !encoding) {
    throw new ParamError("params.encoding", 'must be "auto", "utf-8" or "windows-1252" (also "latin-1")');
  }
  const opt = <T extends string>(key: string, choices: readonly T[]) => (p[key] === undefined ? undefined : readEnum(p, key, "params", choices));
  return {
    header: typeof p.header === "boolean" ? p.header : undefined,
    skipRows: p.skipRows === undefined ? undefined : readNumber(p, "skipRows", "params", { min: 0, max: 1e6, integer: true }),
    decimal: opt("decimal", [".", ","] as const),
    encoding,
    format: opt("format", ["auto", "csv", "json", "xlsx", "parquet"] as const),
    sheet: readSheet(p),
    dateOrder: opt("dateOrder", ["dmy", "mdy"] as const),
  };
}

/** Drops undefined fields, so parsed params compare and serialise cleanly. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A data cell: reads a file (a shipped sample or a user's CSV, TSV, whitespace text, JSON, Excel
 * workbook or Parquet file),
 * infers column types over whole columns, and profiles it. The output table is the data;
 * `extras.profile` has one row per column and `summary.profile` the full per-column profile.
 */
export const dataCell: CellKind<DataParams> = {
  id: "data",
  title: "Data",
  inputs: [],
  parse(raw) {
    const p = asObject(raw ?? {}, "params");
    return defined({ source: readSource(p), delimiter: readDelimiter(p), types: readTypes(p), ...readOptions(p) });
  },
  async run(_inputs, params, ctx) {
    ctx.progress(0, `Reading ${params.source.name}`);
    // Delimited text is parsed as it streams in (reading overlaps parsing; the whole file is never
    // held); other formats are gathered by the same call.
    const source = ctx.openSource ? await ctx.openSource(params.source) : bytesSource(await ctx.readSource(params.source));
    throwIfCancelled(ctx.signal);
    const size = source.size === undefined ? undefined : formatBytes(source.size);
    ctx.progress(0.02, size ? `Reading and parsing ${size}` : "Reading and parsing");
    let parsed;
    try {
      parsed = await readAnyTableStream(source, {
        ...params,
        signal: ctx.signal,
        onProgress: (f, rows) => {
          const done = source.size === undefined ? `${Math.round(100 * Math.min(1, 2 * f))}%` : `${formatBytes(Math.min(1, 2 * f) * source.size)} of ${size}`;
          ctx.progress(0.02 + 0.88 * f, `Parsing: ${done}, ${rows.toLocaleString("en-GB")} rows`);
        },
      }, { threads: ctx.threads });
    } catch (e) {
      // Name the file: the analyst may have several data cells.
      if (e instanceof CsvError) throw new CsvError(`${params.source.name}: ${e.message}`);
      throw e;
    }
    ctx.progress(0.9, "Profiling");
    const { table, report } = parsed;
    const profile = profileTable(table, report, { now: Date.now(), precomputed: parsed.statistics, rowHashes: parsed.rowHashes });
    const columnTypes: JsonObject = {};
    const missing: JsonObject = {};
    const invalid: JsonObject = {};
    for (const c of profile.columns) {
      columnTypes[c.name] = c.type;
      missing[c.name] = c.missing;
      if (c.invalid > 0) invalid[c.name] = c.invalid;
    }
    ctx.progress(1);
    return {
      table,
      summary: {
        rows: table.nRows,
        columns: table.columns.length,
        columnTypes,
        missing,
        invalid,
        format: parsed.format,
        ...(parsed.format === "csv" || parsed.format === "json" ? { delimiter: report.delimiter } : {}),
        header: report.header,
        ...(parsed.encoding ? { encoding: parsed.encoding } : {}),
        ...(parsed.sheet !== undefined ? { sheet: parsed.sheet, sheets: [...(parsed.sheets ?? [])] } : {}),
        bytes: parsed.bytes,
        // A large delimited file is read by the compute worker and a helper thread, by columns.
        ...(parsed.threads ? { threads: parsed.threads } : {}),
        duplicateRows: profile.duplicateRows,
        warnings: [...profile.warnings],
        notes: { ...report.notes },
        profile: profileToJson(profile),
      },
      extras: { profile: profileAsTable(profile) },
    };
  },
};
