// The data-frame layer: the column table, CSV in and out, type inference and profiling.
export * from "./table";
export {
  parseCsv, parseCsvWithReport, createCsvReader, delimiterName, CsvError, type CsvOptions, type CsvReport, type CsvReader, type CsvInput,
} from "./csv";
export { scanRecords, sniffDelimiter, decodeUtf8, type RecordBuffer, type ScanState } from "./csv-records";
export { readAnyTableStream, bytesSource, type ChunkSource, type StreamReadResult } from "./read-stream";
export { MISSING_TOKENS, scanNumber, scanBoolean, scanDate, daysFromCivil } from "./infer";
export { toCsv, formatNumber, formatDate, formatValue, type ToCsvOptions } from "./to-csv";
export { profileTable, profileAsTable, DISTINCT_CAP, type ColumnProfile, type TableProfile } from "./profile";
