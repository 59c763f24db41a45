// rfm_online_retail: the UCI Online Retail file (541,909 rows, gzip) → data cell → rfm cell,
// snapshot 2011-12-10.
import { existsSync } from "node:fs";
import { fileCell, notebook, sharedData } from "./common.mjs";

const FILE = "online_retail.csv.gz";
export const RFM_PARAMS = { customer: "CustomerID", invoice: "InvoiceNo", date: "InvoiceDate", quantity: "Quantity", price: "UnitPrice", snapshot: "2011-12-10" };

export default {
  name: "rfm_online_retail",
  baseline: "rfm_online_retail",
  async prepare({ root, opts }) {
    const csv = sharedData(root, "retail/online_retail/online_retail_uci_2010-12_2011-12.csv.gz");
    if (!existsSync(csv)) return { error: `data file not found: ${csv} (../shared/data beside the repo)` };
    const doc = notebook("rfm_online_retail", [fileCell("tx", FILE), { id: "rfm", kind: "rfm", inputs: { data: "tx" }, params: RFM_PARAMS }], opts.backend);
    return { doc, files: [{ name: FILE, file: csv }], baselineCsv: csv, baselineParams: RFM_PARAMS, focus: "rfm" };
  },
};
