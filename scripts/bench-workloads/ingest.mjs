// ingest: one data cell on a generated CRM CSV (or --data PATH).
import path from "node:path";
import { writeBenchCsv } from "../make-bench-data.mjs";
import { fileCell, generate, notebook } from "./common.mjs";

const FILE = "bench.csv";

export default {
  name: "ingest",
  defaultRows: 200_000,
  baseline: "ingest",
  async prepare({ tmp, opts, log }) {
    let csv = opts.data;
    if (!csv) {
      csv = path.join(tmp, FILE);
      const rows = opts.rows ?? this.defaultRows;
      await generate(log, `${rows.toLocaleString("en-US")} CRM rows`, writeBenchCsv, csv, rows, 42);
    }
    return { doc: notebook("ingest", [fileCell("data", FILE)], opts.backend), files: [{ name: FILE, file: csv }], baselineCsv: csv, focus: "data" };
  },
};
