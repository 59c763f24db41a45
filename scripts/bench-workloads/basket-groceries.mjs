// basket_groceries: groceries.csv (9,835 baskets, one per line, items comma-separated, no header)
// read as one text column (header: false, a delimiter that never occurs) → basket cell, format
// "lines", support 0.001, confidence 0.5 (docs/customer-analytics.md).
import { existsSync } from "node:fs";
import { fileCell, notebook, sharedData } from "./common.mjs";

const FILE = "groceries.csv";
const PARAMS = { format: "lines", column: "column_1", separator: ",", minSupport: 0.001, minConfidence: 0.5 };

export default {
  name: "basket_groceries",
  baseline: "basket_groceries",
  async prepare({ root, opts }) {
    const csv = sharedData(root, "retail/groceries/groceries.csv");
    if (!existsSync(csv)) return { error: `data file not found: ${csv} (../shared/data beside the repo)` };
    const doc = notebook("basket_groceries", [fileCell("lines", FILE, { header: false, delimiter: "|" }), { id: "rules", kind: "basket", inputs: { data: "lines" }, params: PARAMS }], opts.backend);
    return { doc, files: [{ name: FILE, file: csv }], baselineCsv: csv, baselineParams: PARAMS, focus: "rules" };
  },
};
