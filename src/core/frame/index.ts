// The data-frame layer: the column table, CSV in and out, type inference and profiling.
export * from "./table";
export { parseCsv, parseCsvWithReport, delimiterName, CsvError, type CsvOptions, type CsvReport } from "./csv";
export { scanRecords, sniffDelimiter, decodeUtf8, type RecordBuffer } from "./csv-records";
export { MISSING_TOKENS, scanNumber, scanBoolean, scanDate, daysFromCivil } from "./infer";
export { toCsv, formatNumber, formatDate, formatValue, type ToCsvOptions } from "./to-csv";
export { profileTable, profileAsTable, DISTINCT_CAP, type ColumnProfile, type TableProfile } from "./profile";
