import type { JsonObject } from "../json";
import { makeTable, type Table } from "../frame/table";
import { basketsFromLines, basketsFromLong, fpGrowth, generateRules, type Baskets } from "../customers";
import { asObject, readBoolean, readEnum, readNumber, readString } from "./params";
import { ParamError, throwIfCancelled, type CellKind, type CellOutput } from "./types";

/** Parameters of a basket cell. */
export interface BasketParams {
  /** "long": a transaction column and an item column; "lines": one text column listing a basket's items. */
  readonly format: "long" | "lines";
  readonly transaction?: string;
  readonly item?: string;
  readonly column?: string;
  readonly separator: string;
  /** Skip invoices starting with "C" (cancellations) in the long format. */
  readonly skipCancelled: boolean;
  readonly minSupport: number;
  readonly minConfidence: number;
  readonly minLift: number;
  readonly maxLength: number;
  readonly maxConsequent: number;
  readonly maxItemsets: number;
  readonly maxRules: number;
}

/** Hard ceiling on itemsets and rules: past it the browser would run out of memory or time. */
export const BASKET_LIMIT = 2_000_000;

/**
 * Basket cell: frequent itemsets by FP-Growth and association rules X ⇒ Y, sorted by lift.
 * Output: one row per rule; extras.itemsets lists the most frequent itemsets (up to 5,000).
 */
export const basketCell: CellKind<BasketParams> = {
  id: "basket",
  title: "Basket rules",
  inputs: ["data"],
  parse(raw: unknown): BasketParams {
    const o = asObject(raw ?? {}, "params");
    const format = readEnum(o, "format", "params", ["long", "lines"] as const, "long");
    const minSupport = readNumber(o, "minSupport", "params", { fallback: 0.01, min: 0, max: 1 });
    if (minSupport <= 0) throw new ParamError("params.minSupport", "must be a number above 0 and at most 1, e.g. 0.01");
    return {
      format,
      ...(format === "long" ? { transaction: readString(o, "transaction", "params"), item: readString(o, "item", "params") } : { column: readString(o, "column", "params") }),
      separator: readString(o, "separator", "params", ","),
      skipCancelled: readBoolean(o, "skipCancelled", "params", true),
      minSupport,
      minConfidence: readNumber(o, "minConfidence", "params", { fallback: 0.5, min: 0, max: 1 }),
      minLift: readNumber(o, "minLift", "params", { fallback: 0, min: 0 }),
      maxLength: readNumber(o, "maxLength", "params", { fallback: 5, min: 1, max: 20, integer: true }),
      maxConsequent: readNumber(o, "maxConsequent", "params", { fallback: 1, min: 1, max: 19, integer: true }),
      maxItemsets: readNumber(o, "maxItemsets", "params", { fallback: BASKET_LIMIT, min: 1, max: BASKET_LIMIT, integer: true }),
      maxRules: readNumber(o, "maxRules", "params", { fallback: 200_000, min: 1, max: BASKET_LIMIT, integer: true }),
    };
  },
  async run(inputs, params, ctx): Promise<CellOutput> {
    const data = inputs.data;
    if (!data) throw new Error('The basket cell needs its "data" input connected');
    ctx.progress(0, "Building baskets");
    const b: Baskets =
      params.format === "long"
        ? basketsFromLong(data.table, params.transaction!, params.item!, params.skipCancelled)
        : basketsFromLines(data.table, params.column!, params.separator);
    const n = b.baskets.length;
    if (n === 0) throw new Error("No baskets: every row lacks a transaction or an item");
    // Support is compared as count / n >= minSupport; the epsilon keeps 0.001 * 10000 = 10 exact.
    const minCount = Math.max(1, Math.ceil(params.minSupport * n - 1e-9));
    const check = () => throwIfCancelled(ctx.signal);
    const sets = fpGrowth(b.baskets, b.items.length, {
      minCount,
      maxLength: params.maxLength,
      maxItemsets: params.maxItemsets,
      check,
      onProgress: (f) => ctx.progress(0.05 + 0.75 * f, "Mining itemsets"),
    });
    ctx.progress(0.8, "Generating rules");
    const rules = generateRules(sets, n, { minConfidence: params.minConfidence, minLift: params.minLift, maxConsequent: params.maxConsequent, maxRules: params.maxRules, check });
    const names = (codes: Int32Array) => Array.from(codes, (c) => b.items[c]).sort().join(", ");
    const table = makeTable([
      { name: "antecedents", type: "string", values: rules.antecedent.map(names) },
      { name: "consequents", type: "string", values: rules.consequent.map(names) },
      { name: "antecedent_size", type: "number", values: Float64Array.from(rules.antecedent, (a) => a.length) },
      { name: "support", type: "number", values: Float64Array.from(rules.support) },
      { name: "confidence", type: "number", values: Float64Array.from(rules.confidence) },
      { name: "lift", type: "number", values: Float64Array.from(rules.lift) },
      { name: "leverage", type: "number", values: Float64Array.from(rules.leverage) },
      { name: "conviction", type: "number", values: Float64Array.from(rules.conviction) },
      { name: "count", type: "number", values: Float64Array.from(rules.count) },
    ]);
    const byLength: JsonObject = {};
    for (const s of sets.itemsets) byLength[s.length] = ((byLength[s.length] as number) ?? 0) + 1;
    const summary: JsonObject = {
      baskets: n,
      items: b.items.length,
      skippedRows: b.skippedRows,
      minCount,
      itemsets: sets.itemsets.length,
      itemsetsByLength: byLength,
      rules: rules.lift.length,
      topRules: rules.lift.slice(0, 5).map((lift, i) => `${names(rules.antecedent[i])} => ${names(rules.consequent[i])} (lift ${lift.toFixed(2)})`),
      warnings: rules.lift.length === 0 ? ["No rule passes the thresholds: lower the minimum support, confidence or lift"] : [],
    };
    ctx.progress(1);
    return { table, summary, extras: { itemsets: itemsetTable(sets.itemsets, sets.counts, n, names) } };
  },
};

/** The 5,000 most frequent itemsets, most frequent first. */
function itemsetTable(itemsets: Int32Array[], counts: number[], n: number, names: (c: Int32Array) => string): Table {
  const order = [...counts.keys()].sort((i, j) => counts[j] - counts[i] || itemsets[i].length - itemsets[j].length).slice(0, 5000);
  return makeTable([
    { name: "itemset", type: "string", values: order.map((i) => names(itemsets[i])) },
    { name: "size", type: "number", values: Float64Array.from(order, (i) => itemsets[i].length) },
    { name: "support", type: "number", values: Float64Array.from(order, (i) => counts[i] / n) },
    { name: "count", type: "number", values: Float64Array.from(order, (i) => counts[i]) },
  ]);
}
