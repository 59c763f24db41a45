// ingest: one data cell on a generated CRM CSV (or --data PATH). ingest_1M is the same at the
// 1,000,000 rows of issue 3's goal (about 100 MB), kept apart so a quick run can skip it.
import path from "node:path";
import { writeBenchCsv } from "../make-bench-data.mjs";
import { fileCell, generate, notebook } from "./common.mjs";

const ingest = {
  name: "ingest",
  defaultRows: 200_000,
  baseline: "ingest",
  async prepare({ tmp, opts, log }) {
    // Each workload its own file: every workload is prepared into one temp folder before any runs.
    const FILE = `${this.name}.csv`;
    let csv = opts.data;
    if (!csv) {
      csv = path.join(tmp, FILE);
      const rows = opts.rows ?? this.defaultRows;
      await generate(log, `${rows.toLocaleString("en-US")} CRM rows`, writeBenchCsv, csv, rows, 42);
    }
    return { doc: notebook("ingest", [fileCell("data", FILE)], opts.backend), files: [{ name: FILE, file: csv }], baselineCsv: csv, focus: "data" };
  },
};

export default ingest;

/** The same workload at 1,000,000 rows (`--rows` still overrides). */
export const ingest1M = { ...ingest, name: "ingest_1M", defaultRows: 1_000_000 };
