// Defaults for a newly added cell: a unique id and parameters that pass the kind's parser once
// the user has picked columns; inputs bind to the nearest cell above.
import type { CellKindId, CellSpec } from "../core/notebook/types";
import type { JsonObject } from "../core/json";

const DEFAULT_PARAMS: Record<CellKindId, JsonObject> = {
  data: { source: { type: "sample", name: "opportunities" } },
  preprocess: { steps: [] },
  model: { task: "classification", algorithm: "logistic", target: "won" },
  cluster: { k: 4, features: [] },
  evaluate: { target: "won", split: "test" },
  rfm: { customer: "customer_id", invoice: "invoice_id", date: "invoice_date", quantity: "quantity", price: "unit_price" },
  clv: { customer: "customer_id", date: "invoice_date", quantity: "quantity", price: "unit_price", horizonMonths: 12, discountRate: 0.01 },
  basket: { transaction: "invoice_id", item: "product", minSupport: 0.01, minConfidence: 0.3, maxLength: 3 },
  forecast: { time: "close_date", value: "amount", freq: "month", horizon: 6, method: "auto", interval: 0.9 },
  allocate: { unit: "series", value: "value", budget: 100000, response: { type: "saturating", liftShare: 0.2 } },
  chart: { mark: "line", x: "", y: "" },
  note: { markdown: "Write a note here." },
};

/** A new cell of `kind`, inserted at `index`, with its input bound to the cell just above. */
export function newCell(kind: CellKindId, cells: readonly CellSpec[], index: number): CellSpec {
  const ids = new Set(cells.map((c) => c.id));
  let n = 1;
  while (ids.has(`${kind}${n}`)) n++;
  const above = [...cells.slice(0, index)].reverse().find((c) => c.kind !== "note" && c.kind !== "chart");
  const needsInput = kind !== "data" && kind !== "note";
  const port = kind === "evaluate" ? "model" : "data";
  return {
    id: `${kind}${n}`,
    kind,
    inputs: needsInput && above ? { [port]: above.id } : {},
    params: structuredClone(DEFAULT_PARAMS[kind]),
  };
}
