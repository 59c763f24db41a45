import type { JsonObject } from "../json";
import { makeTable, type Column } from "../frame/table";
import {
  clusterRfm,
  computeRfm,
  customerColumn,
  customersById,
  defaultSnapshot,
  isoDay,
  quintileScores,
  readCleaning,
  readOptionalDate,
  readTransactionColumns,
  readTransactions,
  rfmFeatures,
  segmentOf,
  SEGMENTS,
  type CleaningOptions,
  type TransactionColumns,
} from "../customers";
import { asObject, readBoolean, readNumber } from "./params";
import { throwIfCancelled, type CellKind, type CellOutput } from "./types";

/** Parameters of an rfm cell. */
export interface RfmParams {
  readonly columns: TransactionColumns;
  readonly cleaning: CleaningOptions;
  /** Epoch ms; default: the day after the last transaction. */
  readonly snapshot?: number;
  /** Whether to add a k-means cluster per customer. */
  readonly clusters: boolean;
  /** Fixed number of clusters; chosen by silhouette from 2..8 when absent. */
  readonly k?: number;
}

/**
 * RFM cell: recency, frequency and monetary value per customer from transaction rows, 1-5
 * quintile scores, named segments and optional k-means clusters on log-scaled RFM.
 * Output: one row per customer; extras.segments (and extras.clusters) summarise the groups.
 */
export const rfmCell: CellKind<RfmParams> = {
  id: "rfm",
  title: "RFM segments",
  inputs: ["data"],
  parse(raw: unknown): RfmParams {
    const o = asObject(raw ?? {}, "params");
    const snapshot = readOptionalDate(o, "snapshot", "params");
    const k = o.k === undefined || o.k === null ? undefined : readNumber(o, "k", "params", { min: 2, max: 10, integer: true });
    return {
      columns: readTransactionColumns(o, "params"),
      cleaning: readCleaning(o, "params"),
      ...(snapshot !== undefined ? { snapshot } : {}),
      clusters: readBoolean(o, "clusters", "params", false),
      ...(k !== undefined ? { k } : {}),
    };
  },
  async run(inputs, params, ctx): Promise<CellOutput> {
    const data = inputs.data;
    if (!data) throw new Error('The rfm cell needs its "data" input connected');
    ctx.progress(0, "Reading transactions");
    const { transactions: tx, report } = readTransactions(data.table, params.columns, params.cleaning);
    if (tx.n === 0) throw new Error(`No transactions left after cleaning ${report.rows} rows (${describe(report)})`);
    const snapshot = params.snapshot ?? defaultSnapshot(tx);
    const rfm = computeRfm(tx, snapshot);
    const codes = customersById(tx, [...rfm.active.keys()].filter((c) => rfm.active[c]));
    if (codes.length === 0) throw new Error(`Every transaction is on or after the snapshot ${isoDay(snapshot)}; choose a later snapshot`);
    throwIfCancelled(ctx.signal);
    const pick = (v: Float64Array) => Float64Array.from(codes, (c) => v[c]);
    const recency = pick(rfm.recency), frequency = pick(rfm.frequency), monetary = pick(rfm.monetary);
    const r = quintileScores(recency, false), f = quintileScores(frequency, true), m = quintileScores(monetary, true);
    const segment = Array.from(codes, (_, i) => segmentOf(r[i], f[i]));
    const columns: Column[] = [
      customerColumn(params.columns.customer, tx, codes),
      { name: "recency", type: "number", values: recency },
      { name: "frequency", type: "number", values: frequency },
      { name: "monetary", type: "number", values: monetary },
      { name: "r", type: "number", values: Float64Array.from(r) },
      { name: "f", type: "number", values: Float64Array.from(f) },
      { name: "m", type: "number", values: Float64Array.from(m) },
      { name: "segment", type: "string", values: segment },
    ];
    const extras: Record<string, ReturnType<typeof makeTable>> = {};
    const summary: JsonObject = {
      rows: report.rows,
      dropped: { missingCustomer: report.missingCustomer, cancelled: report.cancelled, nonPositive: report.nonPositive, missingDateOrValue: report.missingDateOrValue, afterSnapshot: rfm.afterSnapshot },
      keptRows: report.kept - rfm.afterSnapshot,
      customers: codes.length,
      snapshot: isoDay(snapshot),
      revenue: sum(monetary),
    };
    const groups = groupStats(segment, recency, frequency, monetary, SEGMENTS);
    extras.segments = groups.table("segment");
    summary.segments = groups.json;
    if (params.clusters) {
      if (codes.length < 3) throw new Error(`Clustering needs at least 3 customers; found ${codes.length}`);
      ctx.progress(0.3, "Clustering");
      const clusters = await clusterRfm(rfmFeatures(recency, frequency, monetary), ctx.seed, params.k, (fraction) => {
        throwIfCancelled(ctx.signal);
        ctx.progress(0.3 + 0.7 * fraction, "Clustering");
      });
      const labels = Array.from(clusters.result.labels, (l) => `Cluster ${l + 1}`);
      columns.push({ name: "cluster", type: "string", values: labels });
      const names = Array.from({ length: clusters.result.k }, (_, i) => `Cluster ${i + 1}`);
      const cg = groupStats(labels, recency, frequency, monetary, names);
      extras.clusters = cg.table("cluster");
      summary.clusters = { k: clusters.result.k, silhouette: clusters.silhouettes, groups: cg.json };
    }
    ctx.progress(1);
    return { table: makeTable(columns), summary, extras };
  },
};

function sum(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x;
  return s;
}

function describe(r: { missingCustomer: number; cancelled: number; nonPositive: number; missingDateOrValue: number }): string {
  return `missing customer ${r.missingCustomer}, cancelled ${r.cancelled}, non-positive ${r.nonPositive}, missing date or value ${r.missingDateOrValue}`;
}

/** Customers, revenue share and mean R/F/M per group, as a table and as JSON. */
function groupStats(group: readonly string[], recency: Float64Array, frequency: Float64Array, monetary: Float64Array, names: readonly string[]) {
  const at = new Map(names.map((g, i) => [g, i]));
  const k = names.length;
  const n = new Float64Array(k), rev = new Float64Array(k), rs = new Float64Array(k), fs = new Float64Array(k);
  group.forEach((g, i) => {
    const j = at.get(g)!;
    n[j]++;
    rev[j] += monetary[i];
    rs[j] += recency[i];
    fs[j] += frequency[i];
  });
  const total = sum(rev);
  const share = Float64Array.from(rev, (v) => (total !== 0 ? v / total : NaN));
  const mean = (s: Float64Array) => Float64Array.from(s, (v, j) => (n[j] ? v / n[j] : NaN));
  const json: JsonObject = {};
  names.forEach((g, j) => (json[g] = { customers: n[j], revenueShare: Number.isFinite(share[j]) ? share[j] : null }));
  return {
    json,
    table: (label: string) =>
      makeTable([
        { name: label, type: "string", values: [...names] },
        { name: "customers", type: "number", values: n },
        { name: "revenue", type: "number", values: rev },
        { name: "revenue_share", type: "number", values: share },
        { name: "recency_mean", type: "number", values: mean(rs) },
        { name: "frequency_mean", type: "number", values: mean(fs) },
        { name: "monetary_mean", type: "number", values: mean(rev) },
      ]),
  };
}
