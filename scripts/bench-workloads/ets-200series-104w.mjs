// ets_200series_104w: 200 generated weekly series of 104 points (long format) → forecast cell,
// method "ets" with form AAA (additive error, trend and season), season 52, 13 weeks ahead,
// initial states from the heuristic (α, β, γ still by maximum likelihood; estimating the 54
// initial states too takes about 0.27 s per series here, 54 s for the 200).
import path from "node:path";
import { writeWeeklySeriesCsv } from "../make-bench-data.mjs";
import { fileCell, generate, notebook } from "./common.mjs";

const FILE = "weekly.csv";
const SERIES = 200;
const WEEKS = 104;
export const ETS_PARAMS = { time: "week", value: "value", groupBy: "series", freq: "week", horizon: 13, method: "ets", ets: "AAA", etsInit: "heuristic", season: 52, folds: 1 };

export default {
  name: "ets_200series_104w",
  baseline: "ets_200series_104w",
  async prepare({ tmp, opts, log }) {
    const csv = path.join(tmp, FILE);
    await generate(log, `${SERIES} weekly series × ${WEEKS} (ets_200series_104w)`, writeWeeklySeriesCsv, csv, SERIES, WEEKS, 7);
    const doc = notebook("ets_200series_104w", [fileCell("weekly", FILE), { id: "fc", kind: "forecast", inputs: { data: "weekly" }, params: ETS_PARAMS }], opts.backend);
    return { doc, files: [{ name: FILE, file: csv }], baselineCsv: csv, baselineParams: ETS_PARAMS, focus: "fc" };
  },
};
