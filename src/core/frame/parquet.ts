/**
 * Apache Parquet files in, read with hyparquet (pure JS, no dependencies; loaded on first use so
 * that it is a chunk of its own in the worker). Parquet carries a schema, so types come from it,
 * not from inference: integers, floats and decimals are numbers, BOOLEAN is boolean, DATE and
 * timestamps are dates (epoch ms UTC), strings stay text (the profile then tells categories from
 * ids as for any text column). Snappy is built into hyparquet; gzip, zstd, brotli and LZ4 come from
 * hyparquet-compressors and fzstd (`parquet-codecs.ts`). Nested columns (lists, maps, structs) are refused, naming the column.
 */
import { CsvError } from "./csv-records";
import type { CsvReport } from "./csv";
import { makeTable, type Column, type ColumnType, type Table } from "./table";
import { columnFromValues, invalidWarnings, newFindings } from "./typed-values";

/** Options for reading a Parquet file. */
export interface ParquetOptions {
  readonly types?: Readonly<Record<string, ColumnType>>;
  readonly dateOrder?: "dmy" | "mdy";
  /** Called with the fraction of column chunks decoded and the row count. */
  readonly onProgress?: (fraction: number, rows: number) => void;
  /** Checked between column chunks; throwing from it stops the read. */
  readonly checkCancelled?: () => void;
}

/** "PAR1" at both ends, as every Parquet file has. */
export function isParquet(bytes: Uint8Array): boolean {
  const n = bytes.length;
  const par1 = (at: number) => bytes[at] === 0x50 && bytes[at + 1] === 0x41 && bytes[at + 2] === 0x52 && bytes[at + 3] === 0x31;
  return n >= 12 && par1(0) && par1(n - 4);
}

type Hyparquet = typeof import("hyparquet");
type SchemaElement = ReturnType<Hyparquet["parquetMetadata"]>["schema"][number];
type Kind = "number" | "boolean" | "date" | "string";

const CODECS = new Set(["UNCOMPRESSED", "SNAPPY", "GZIP", "BROTLI", "ZSTD", "LZ4", "LZ4_RAW"]);
const NESTED = new Set(["LIST", "MAP", "MAP_KEY_VALUE"]);

/** How a top-level column's values are stored in our table, from its schema element. */
function kindOf(e: SchemaElement): Kind | string {
  const logical = e.logical_type?.type;
  const converted = e.converted_type;
  if ((e.num_children ?? 0) > 0) return `a nested group${NESTED.has(converted ?? "") || NESTED.has(logical ?? "") ? ` (${logical ?? converted})` : " (struct)"}`;
  if (e.repetition_type === "REPEATED") return "a repeated (list) field";
  if (converted === "DECIMAL" || logical === "DECIMAL" || logical === "FLOAT16") return "number";
  if (converted === "DATE" || logical === "DATE" || e.type === "INT96") return "date";
  if (converted === "TIMESTAMP_MILLIS" || converted === "TIMESTAMP_MICROS" || logical === "TIMESTAMP") return "date";
  if (converted === "INTERVAL" || logical === "INTERVAL") return "an INTERVAL";
  if (converted === "BSON" || logical === "BSON") return "BSON";
  switch (e.type) {
    case "BOOLEAN": return "boolean";
    case "INT32": case "INT64": case "FLOAT": case "DOUBLE": return "number";
    case "BYTE_ARRAY": return "string";
    case "FIXED_LEN_BYTE_ARRAY": return logical === "UUID" ? "string" : "fixed-length binary";
    default: return String(e.type);
  }
}

const MAX_EXACT = 2 ** 53;

/** Reads a Parquet file into a table. Throws CsvError with a plain message naming the column at fault. */
export async function readParquet(bytes: Uint8Array, options: ParquetOptions = {}): Promise<{ table: Table; report: CsvReport }> {
  const [hyparquet, { codecs }] = await Promise.all([import("hyparquet"), import("./parquet-codecs")]);
  // An exact ArrayBuffer: hyparquet reads the file through slice(start, end).
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer);
  let metadata;
  try {
    metadata = hyparquet.parquetMetadata(buffer);
  } catch (e) {
    throw new CsvError(`this is not a readable Parquet file (damaged or cut short?): ${(e as Error).message}`);
  }
  const root = metadata.schema[0];
  const elements: SchemaElement[] = [];
  // Top-level fields: walk the flat schema, skipping each group's descendants.
  for (let i = 1, left = root?.num_children ?? 0; left > 0 && i < metadata.schema.length; left--) {
    const e = metadata.schema[i];
    elements.push(e);
    let skip = e.num_children ?? 0;
    i++;
    while (skip > 0 && i < metadata.schema.length) skip += (metadata.schema[i].num_children ?? 0) - 1, i++;
  }
  const kinds = elements.map((e) => {
    const kind = kindOf(e);
    if (kind !== "number" && kind !== "boolean" && kind !== "date" && kind !== "string") {
      throw new CsvError(`column "${e.name}" is ${kind}, which this app cannot read as a table column; flatten it or leave it out when writing the file`);
    }
    return kind as Kind;
  });
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const codec = chunk.meta_data?.codec;
      if (codec && !CODECS.has(codec)) {
        throw new CsvError(`column "${chunk.meta_data!.path_in_schema.join(".")}" is compressed with ${codec}, which this app cannot read; write the file with snappy, gzip or zstd`);
      }
    }
  }
  const nRows = Number(metadata.num_rows);

  // Column data arrives per column chunk (one per row group); assembled in place, no row objects.
  const raw = elements.map(() => new Array<unknown>(nRows).fill(null));
  const index = new Map(elements.map((e, i) => [e.name, i]));
  const totalChunks = Math.max(1, elements.length * metadata.row_groups.length);
  let chunksDone = 0;
  try {
    await hyparquet.parquetRead({
      file: buffer,
      metadata,
      compressors: codecs,
      onChunk({ columnName, columnData, rowStart, rowEnd }) {
        options.checkCancelled?.();
        const target = raw[index.get(columnName)!];
        const end = Math.min(rowEnd, nRows, rowStart + columnData.length);
        for (let r = rowStart; r < end; r++) target[r] = columnData[r - rowStart];
        chunksDone++;
        options.onProgress?.(chunksDone / totalChunks, rowEnd);
      },
    });
  } catch (e) {
    if (e instanceof CsvError || (e as Error).name === "CancelledError") throw e;
    throw new CsvError(`this Parquet file could not be decoded: ${(e as Error).message}`);
  }

  const findings = newFindings();
  const warnings: string[] = [];
  const columns = elements.map((e, c): Column => {
    const name = e.name;
    const values = raw[c];
    raw[c] = [];
    const kind = kinds[c];
    const forced = options.types?.[name];
    if (kind === "string") {
      const text = values.map((v) => (v === null || v === undefined ? null : typeof v === "string" ? v : JSON.stringify(v)));
      if (!forced || forced === "string") return { name, type: "string", values: text };
      return columnFromValues(name, text, findings, { forced, dateOrder: options.dateOrder });
    }
    const out = new Float64Array(nRows);
    let inexact = 0;
    for (let r = 0; r < nRows; r++) {
      const v = values[r];
      if (v === null || v === undefined) out[r] = NaN;
      else if (typeof v === "bigint") {
        if (v > MAX_EXACT || v < -MAX_EXACT) inexact++;
        out[r] = Number(v);
      } else if (v instanceof Date) out[r] = v.getTime();
      else if (typeof v === "boolean") out[r] = v ? 1 : 0;
      else out[r] = Number(v);
    }
    if (inexact > 0) warnings.push(`column "${name}": ${inexact.toLocaleString("en-GB")} integer(s) beyond ±2^53 lost precision when read as numbers`);
    const column: Column = { name, type: kind, values: out };
    if (!forced || forced === kind) return column;
    // A forced type other than the schema's: read the values' text as that type, as for JSON.
    const asValues = Array.from(out, (v) => (Number.isNaN(v) ? null : kind === "date" ? new Date(v) : kind === "boolean" ? v === 1 : v));
    return columnFromValues(name, asValues, findings, { forced, dateOrder: options.dateOrder });
  });
  if (nRows === 0) warnings.push("the file has a schema but no rows");
  warnings.push(...invalidWarnings(findings));
  return {
    table: makeTable(columns),
    report: { delimiter: "parquet", header: true, ...findings, truncated: false, warnings },
  };
}
