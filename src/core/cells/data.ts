import type { CellKind, DataSource } from "./types";
import { ParamError, throwIfCancelled } from "./types";
import { asObject, readBoolean, readEnum, readString, type Obj } from "./params";
import { CsvError, parseCsvWithReport } from "../frame/csv";
import { profileAsTable, profileTable } from "../frame/profile";
import type { ColumnType } from "../frame/table";
import type { JsonObject } from "../json";

/** Parameters of a data cell: where the CSV comes from and how to read it. */
export interface DataParams {
  readonly source: DataSource;
  /** A single character; sniffed from the file when absent. "tab" is accepted for "\t". */
  readonly delimiter?: string;
  /** Whether the first row names the columns (default true). */
  readonly header: boolean;
  /** Forced column types; values that do not fit are read as missing and reported. */
  readonly types?: Readonly<Record<string, ColumnType>>;
}

const COLUMN_TYPES: readonly ColumnType[] = ["number", "boolean", "date", "string"];
const DELIMITER_WORDS: Record<string, string> = { comma: ",", semicolon: ";", tab: "\t", pipe: "|" };

function readSource(p: Obj): DataSource {
  const s = asObject(p.source, "params.source");
  return { type: readEnum(s, "type", "params.source", ["sample", "file"] as const), name: readString(s, "name", "params.source") };
}

function readDelimiter(p: Obj): string | undefined {
  const d = p.delimiter;
  if (d === undefined || d === null || d === "") return undefined;
  const char = typeof d === "string" ? (DELIMITER_WORDS[d] ?? d) : undefined;
  if (char === undefined || char.length !== 1 || char === '"' || char === "\n" || char === "\r") {
    throw new ParamError("params.delimiter", 'must be one character such as ",", ";", "|" or "tab"');
  }
  return char;
}

function readTypes(p: Obj): Record<string, ColumnType> | undefined {
  if (p.types === undefined || p.types === null) return undefined;
  const t = asObject(p.types, "params.types");
  return Object.fromEntries(Object.keys(t).map((name) => [name, readEnum(t, name, "params.types", COLUMN_TYPES)]));
}

/**
 * A data cell: reads a CSV (a shipped sample or a user's file), infers column types over whole
 * columns, and profiles it. The output table is the data; `extras.profile` has one row per column.
 */
export const dataCell: CellKind<DataParams> = {
  id: "data",
  title: "Data",
  inputs: [],
  parse(raw) {
    const p = asObject(raw ?? {}, "params");
    return { source: readSource(p), delimiter: readDelimiter(p), header: readBoolean(p, "header", "params", true), types: readTypes(p) };
  },
  async run(_inputs, params, ctx) {
    ctx.progress(0, `Reading ${params.source.name}`);
    const bytes = await ctx.readSource(params.source);
    throwIfCancelled(ctx.signal);
    ctx.progress(0.1, "Parsing");
    let parsed;
    try {
      parsed = parseCsvWithReport(bytes, {
        delimiter: params.delimiter,
        header: params.header,
        types: params.types,
        signal: ctx.signal,
        onProgress: (f) => ctx.progress(0.1 + 0.8 * f, "Parsing"),
      });
    } catch (e) {
      // Name the file: the analyst may have several data cells.
      if (e instanceof CsvError) throw new CsvError(`${params.source.name}: ${e.message}`);
      throw e;
    }
    ctx.progress(0.9, "Profiling");
    const { table, report } = parsed;
    const profile = profileTable(table, report);
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
        delimiter: report.delimiter,
        warnings: [...profile.warnings],
      },
      extras: { profile: profileAsTable(profile) },
    };
  },
};
