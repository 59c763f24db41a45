// The workloads of `npm run bench`, in the order they run. Each module exports
// { name, baseline, defaultRows?, optional?, repeat?, warmup?, prepare({root, tmp, opts, log}) } where prepare writes its data
// into tmp and returns { doc, files: [{name, file}], baselineCsv, baselineParams?, focus?, error? }:
// the notebook to load, the files to serve and bind by name, and what the python baseline
// (scripts/bench-baseline.py --workload <baseline>) reads. `focus` names the workload's main cell.
// `optional` workloads run only when --only names them; `repeat` is the workload's own run count
// when --repeat is not given; `warmup: false` skips the untimed warm-up run on both sides.
import allocate10k from "./allocate-10k.mjs";
import basketGroceries from "./basket-groceries.mjs";
import defaultNotebook from "./default-notebook.mjs";
import ets200 from "./ets-200series-104w.mjs";
import ingest, { ingest1M } from "./ingest.mjs";
import kmeans from "./kmeans-1mx8.mjs";
import preprocess1m from "./preprocess-1m.mjs";
import { forest100k, forest100trees, gbdt1M, linreg1M, logreg1M, mlp100k } from "./regression-models.mjs";
import rfmRetail from "./rfm-online-retail.mjs";

export const WORKLOADS = [ingest, ingest1M, defaultNotebook, preprocess1m, allocate10k, rfmRetail, basketGroceries, ets200, kmeans, linreg1M, logreg1M, gbdt1M, forest100k, forest100trees, mlp100k];
