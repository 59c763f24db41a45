import type { CellKind, CellOutput } from "./types";
import { asObject, readEnum, readNumber, readString } from "./params";
import { findColumn, getColumn, getNumeric, makeTable, TableError, type Column, type Table } from "../frame/table";
import type { JsonObject } from "../json";
import { encodeBinaryTarget, metricsJson, rowsFor } from "../models";
import { applyThreshold, binaryMetrics, confusionMatrix, regressionMetrics, rocCurve } from "../metrics";
import { averagePrecision, precisionRecallCurve } from "../evaluation/pr-curve";
import { parseEvaluateExtensions, type EvaluateExtensions } from "../evaluation/evaluate-options";
import { runExtensions } from "../evaluation/evaluate-extensions";

/** Parameters of an evaluate cell. */
export interface EvaluateParams {
  readonly target: string;
  /** Which rows of the upstream "split" column to score (default "test"). */
  readonly split: "test" | "train" | "all";
  /** Classification: probability at or above which a row is predicted positive (default 0.5). */
  readonly threshold: number;
  /** Optional cross-validation, grid search and permutation importance (evaluation/evaluate-options.ts). */
  readonly extensions: EvaluateExtensions;
}

/** Most points sent to a chart: enough to see the shape, small enough to transfer and draw fast. */
const MAX_POINTS = 2000;
const ROLES = ["model", "compare"] as const;

/** One scored input: its role, task, metrics and chart tables. */
interface Scored {
  readonly role: string;
  readonly task: "regression" | "classification";
  readonly n: number;
  readonly metrics: JsonObject;
  readonly extras: Record<string, Column[]>;
  /** Target per table row (0/1 for classification) and the rows scored, for the extensions. */
  readonly y: Float64Array;
  readonly rows: Int32Array;
}

/**
 * An evaluate cell: scores a model cell's output table (its "prediction"/"probability" columns
 * against the target) on the test rows by default, and, when the optional "compare" input is bound,
 * another model's output the same way. The task is classification when a "probability" column
 * exists. Output: one row per (model, metric, value); extras are chart-ready tables.
 */
export const evaluateCell: CellKind<EvaluateParams> = {
  id: "evaluate",
  title: "Evaluate",
  inputs: ["model"],
  optionalInputs: ["compare"],
  parse(raw) {
    const p = asObject(raw ?? {}, "params");
    return {
      target: readString(p, "target", "params"),
      split: readEnum(p, "split", "params", ["test", "train", "all"] as const, "test"),
      threshold: readNumber(p, "threshold", "params", { fallback: 0.5, min: 0, max: 1 }),
      extensions: parseEvaluateExtensions(p),
    };
  },
  async run(inputs, params, ctx) {
    const warnings: string[] = [];
    const roles = ROLES.filter((r) => inputs[r]);
    // Tables and charts name each model by its cell ("win", "win_gb") when the worker says which
    // cells are bound; the summary stays keyed by role.
    const labelOf = (role: string) => ctx.inputCells?.[role] ?? role;
    const tasks = roles.map((r) => taskOf(inputs[r].table));
    if (tasks.some((t) => t !== tasks[0])) throw new TableError(`Cannot compare a ${tasks[0]} model with a ${tasks[1]} model`);
    const scored = roles.map((role) => score(role, inputs[role], params, ctx.seed, warnings));
    const rows = scored.flatMap((s) => [["n", s.n] as const, ...Object.entries(s.metrics)].map(([metric, v]) => ({ role: s.role, metric, v })));
    const table = makeTable([
      { name: "model", type: "string", values: rows.map((r) => labelOf(r.role)) },
      { name: "metric", type: "string", values: rows.map((r) => r.metric) },
      { name: "value", type: "number", values: Float64Array.from(rows, (r) => (typeof r.v === "number" ? r.v : NaN)) },
    ]);
    const extraNames = Object.keys(scored[0].extras);
    const extras: Record<string, Table> = Object.fromEntries(extraNames.map((name) => [name, stack(scored.map((s) => ({ role: labelOf(s.role), cols: s.extras[name] })))]));
    // CV, grid search and importance concern the main model only (see evaluation/evaluate-extensions.ts).
    const ext = await runExtensions(inputs.model, scored[0].y, scored[0].rows, params.extensions, ctx);
    warnings.push(...ext.warnings);
    Object.assign(extras, ext.extras);
    return {
      table,
      summary: {
        task: scored[0].task, split: params.split, target: params.target,
        ...(scored[0].task === "classification" ? { threshold: params.threshold } : {}),
        n: Object.fromEntries(scored.map((s) => [s.role, s.n])),
        metrics: Object.fromEntries(scored.map((s) => [s.role, s.metrics])),
        ...ext.summary,
        warnings,
      },
      extras,
    };
  },
};

/** A model cell's output holds "probability" exactly when it is a classifier. */
function taskOf(table: Table): Scored["task"] {
  return findColumn(table, "probability") ? "classification" : "regression";
}

function score(role: string, output: CellOutput, params: EvaluateParams, seed: number, warnings: string[]): Scored {
  const table = output.table;
  if (!findColumn(table, "prediction")) {
    throw new TableError(`Input "${role}" has no "prediction" column: bind it to a model cell`);
  }
  const isClassification = taskOf(table) === "classification";
  const { rows: candidates, hasSplit } = rowsFor(table, params.split);
  if (!hasSplit && params.split !== "all") {
    warnings.push(`${role}: no "split" column, so every row was scored (including the rows the model was trained on)`);
  }
  const score = getNumeric(table, isClassification ? "probability" : "prediction").values;
  const y = isClassification ? classTarget(table, params.target, output.summary) : targetNumbers(table, params.target);
  const rows = Array.from(candidates).filter((r) => !Number.isNaN(y.values[r]) && !Number.isNaN(score[r]));
  if (rows.length === 0) throw new TableError(`${role}: no ${params.split === "all" ? "" : `"${params.split}" `}rows with both a target and a prediction`);
  if (rows.length < candidates.length) warnings.push(`${role}: ${candidates.length - rows.length} rows without a target or prediction left out`);
  const yt = Float64Array.from(rows, (r) => y.values[r]);
  const s = Float64Array.from(rows, (r) => score[r]);
  if (!isClassification) {
    const keep = sample(rows.length, MAX_POINTS, seed);
    return {
      role, task: "regression", n: rows.length, metrics: metricsJson(regressionMetrics(yt, s)), y: y.values, rows: Int32Array.from(rows),
      extras: { pred_vs_actual: [num("actual", keep.map((i) => yt[i])), num("predicted", keep.map((i) => s[i]))] },
    };
  }
  const { labels, counts } = confusionMatrix(yt, applyThreshold(s, params.threshold));
  const cells = [0, 1].flatMap((a) => [0, 1].map((p) => ({ a, p, count: countOf(labels, counts, a, p) })));
  const roc = rocCurve(yt, s);
  const pick = stride(roc.fpr.length, MAX_POINTS);
  const name = (v: number) => (v === 1 ? y.positive : y.negative);
  const pr = precisionRecallCurve(yt, s);
  const prPick = stride(pr.recall.length, MAX_POINTS);
  return {
    role, task: "classification", n: rows.length, y: y.values, rows: Int32Array.from(rows),
    metrics: metricsJson({ ...binaryMetrics(yt, s, params.threshold), average_precision: averagePrecision(yt, s) }),
    extras: {
      confusion: [
        { name: "actual", type: "string", values: cells.map((c) => name(c.a)) },
        { name: "predicted", type: "string", values: cells.map((c) => name(c.p)) },
        num("count", cells.map((c) => c.count)),
      ],
      roc: [num("fpr", pick.map((i) => roc.fpr[i])), num("tpr", pick.map((i) => roc.tpr[i])), num("threshold", pick.map((i) => roc.thresholds[i]))],
      // The last PR point (recall 0, precision 1) has no threshold: NaN there.
      pr: [num("recall", prPick.map((i) => pr.recall[i])), num("precision", prPick.map((i) => pr.precision[i])), num("threshold", prPick.map((i) => pr.thresholds[i] ?? NaN))],
    },
  };
}

function countOf(labels: readonly number[], counts: readonly (readonly number[])[], a: number, p: number): number {
  const i = labels.indexOf(a);
  const j = labels.indexOf(p);
  return i < 0 || j < 0 ? 0 : counts[i][j];
}

function targetNumbers(table: Table, target: string): { values: Float64Array; positive: string; negative: string } {
  return { values: getNumeric(table, target).values, positive: "1", negative: "0" };
}

/** 0/1 target, with text labels coded the way the upstream model cell coded them (its summary.positive). */
function classTarget(table: Table, target: string, summary: JsonObject): { values: Float64Array; positive: string; negative: string } {
  const positive = typeof summary.positive === "string" ? summary.positive : undefined;
  const col = getColumn(table, target);
  const coded = encodeBinaryTarget(col, col.type === "string" ? positive : undefined);
  return { values: coded.y, positive: coded.positive, negative: coded.negative };
}

const num = (name: string, values: number[]): Column => ({ name, type: "number", values: Float64Array.from(values) });

/** `k` of `n` indices, in order, chosen at random from `seed` (all of them when n ≤ k). */
function sample(n: number, k: number, seed: number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  if (n <= k) return idx;
  let s = seed >>> 0 || 1;
  const rand = () => {
    // mulberry32: small, seedable, good enough to pick chart points.
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (n - i));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, k).sort((a, b) => a - b);
}

/** At most `k` evenly spaced indices of 0..n−1, always keeping both ends (a curve keeps its shape). */
function stride(n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: k }, (_, i) => Math.round((i * (n - 1)) / (k - 1)));
}

/** Stacks per-role tables with a leading "model" column naming the role. */
function stack(parts: { role: string; cols: Column[] }[]): Table {
  const first = parts[0].cols;
  const roleCol: Column = { name: "model", type: "string", values: parts.flatMap((p) => Array(p.cols[0].values.length).fill(p.role)) };
  const cols = first.map((c, j): Column =>
    c.type === "string"
      ? { ...c, values: parts.flatMap((p) => [...(p.cols[j].values as readonly (string | null)[])]) }
      : { ...c, values: Float64Array.from(parts.flatMap((p) => Array.from(p.cols[j].values as Float64Array))) },
  );
  return makeTable([roleCol, ...cols]);
}
