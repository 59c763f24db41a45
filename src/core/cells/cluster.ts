import type { CellKind } from "./types";
import { ParamError, throwIfCancelled } from "./types";
import { asObject, readBoolean, readNumber, readStringArray } from "./params";
import { makeTable, TableError, withColumn, type Column, type Table } from "../frame/table";
import type { Json, JsonObject } from "../json";
import { buildDesignMatrix } from "../models/design-matrix";
import { fitKMeans, type KMeansFit } from "../models/kmeans";
import { SEED_BLOCK } from "../models/kmeans-seeding-job";
import { KMeansArena } from "../models/kmeans-wasm";
import { sampleRows, sampleSilhouette } from "../models/kmeans-silhouette";
import { jsonNumber } from "../models/summary";

/** Parameters of a cluster cell. */
export interface ClusterParams {
  /** Numeric/boolean columns to cluster on; empty = every such column except split and model outputs. */
  readonly features: readonly string[];
  readonly k: number;
  readonly nInit: number;
  readonly maxIter: number;
  readonly tol: number;
  /** Seed of the k-means++ starts; the notebook's seed when absent. */
  readonly seed?: number;
  /** Standardise features (mean 0, sd 1) first, so no column dominates by its units. Default true. */
  readonly scale: boolean;
  /** Also fit every k in [lo, hi] for an elbow / silhouette chart. */
  readonly kRange?: readonly [number, number];
  /** Rows the silhouette is computed on at most (it is O(n²)); seeded sample beyond. Default 3000. */
  readonly silhouetteSample: number;
}

const SKIP = new Set(["split", "prediction", "probability", "cluster"]);
/** Rows sent for the scatter chart at most. */
const MAX_POINTS = 2000;

/**
 * A cluster cell: k-means (k-means++ starts, restarts, Lloyd iterations; see models/kmeans.ts) on
 * the chosen features. Output: the input plus a "cluster" column (0…k−1; NaN where a feature is
 * missing). Summary: inertia, silhouette, sizes and per-cluster feature means. Extras: "profiles",
 * "points" (a seeded sample for a scatter) and, with kRange, "elbow" (k, inertia, silhouette).
 */
export const clusterCell: CellKind<ClusterParams> = {
  id: "cluster",
  title: "Cluster",
  inputs: ["data"],
  parse(raw) {
    const p = asObject(raw ?? {}, "params");
    const int = (key: string, fallback: number, min: number, max: number) => readNumber(p, key, "params", { fallback, min, max, integer: true });
    let kRange: [number, number] | undefined;
    if (p.kRange !== undefined && p.kRange !== null) {
      const r = p.kRange;
      if (!Array.isArray(r) || r.length !== 2 || !r.every((v) => Number.isInteger(v)) || r[0] < 1 || r[1] < r[0] || r[1] > 30) {
        throw new ParamError("params.kRange", "must be [lo, hi] with integers 1 ≤ lo ≤ hi ≤ 30");
      }
      kRange = [r[0], r[1]];
    }
    return {
      features: readStringArray(p, "features", "params"),
      k: int("k", 4, 1, 100),
      nInit: int("nInit", 4, 1, 100),
      maxIter: int("maxIter", 300, 1, 10_000),
      tol: readNumber(p, "tol", "params", { fallback: 1e-4, min: 0 }),
      seed: p.seed === undefined ? undefined : int("seed", 0, 0, 2 ** 32 - 1),
      scale: readBoolean(p, "scale", "params", true),
      kRange,
      silhouetteSample: int("silhouetteSample", 3000, 10, 20_000),
    };
  },
  async run(inputs, params, ctx) {
    const table = inputs.data.table;
    const features = params.features.length
      ? [...params.features]
      : table.columns.filter((c) => (c.type === "number" || c.type === "boolean") && !SKIP.has(c.name)).map((c) => c.name);
    // k-means++ passes run on helper threads when there are some and enough rows to share out;
    // the rows then go in memory the helpers share: the unscaled design matrix is built there
    // (copying 1M × 8 into it afterwards cost about 25 ms), the scaled one standardised into it.
    // That memory is a WebAssembly arena where one can be made (shared with the helpers when there
    // are some), so k-means++ scores its candidates in WebAssembly (models/kmeans-wasm.ts).
    const helpers = ctx.threads && table.nRows >= 2 * SEED_BLOCK ? ctx.threads : undefined;
    const width = features.length;
    let arena: KMeansArena | undefined;
    const rowsMemory = (bytes: number): ArrayBufferLike => {
      arena = KMeansArena.create(bytes / (8 * width), width, helpers !== undefined);
      return arena?.memory.buffer ?? (helpers ? helpers.shared(bytes) : new ArrayBuffer(bytes));
    };
    const dm = buildDesignMatrix(table, { features, memory: params.scale ? undefined : rowsMemory });
    const { n, p } = dm;
    if (n < params.k) throw new TableError(`k-means with k = ${params.k} needs at least ${params.k} complete rows; found ${n}`);
    const threads = n >= 2 * SEED_BLOCK ? helpers : undefined;
    const scaled = params.scale
      ? standardise(dm.x, n, p, rowsMemory)
      : { x: dm.x, means: new Float64Array(p), scales: new Float64Array(p).fill(1) };
    const { means, scales } = scaled;
    // The arena's memory is larger than the rows: the fit reads them through the arena's own view.
    const x = arena && scaled.x.buffer === arena.memory.buffer && scaled.x.byteOffset === 0 && arena.n === n ? arena.x : scaled.x;
    if (x !== arena?.x) arena = undefined;
    const seed = params.seed ?? ctx.seed;
    const ks = params.kRange ? range(params.kRange[0], Math.min(params.kRange[1], n)) : [];
    const totalFits = ks.length + (ks.includes(params.k) ? 0 : 1);
    let fitsDone = 0;
    const fitK = async (k: number): Promise<KMeansFit> => {
      const fit = await fitKMeans(x, n, p, {
        k, nInit: params.nInit, maxIter: params.maxIter, tol: params.tol, seed, signal: ctx.signal, threads, arena,
        onRestart: (r, total) => ctx.progress((fitsDone + r / total) / totalFits, `k = ${k}: restart ${r} of ${total}`),
      });
      fitsDone++;
      return fit;
    };
    const silhouetteOf = (fit: KMeansFit) => sampleSilhouette(x, n, p, fit.labels, fit.k, params.silhouetteSample, seed);

    const elbow: { k: number; inertia: number; silhouette: number }[] = [];
    let main: KMeansFit | undefined;
    for (const k of ks) {
      throwIfCancelled(ctx.signal);
      const fit = await fitK(k);
      elbow.push({ k, inertia: fit.inertia, silhouette: silhouetteOf(fit).silhouette });
      if (k === params.k) main = fit;
    }
    main ??= await fitK(params.k);
    const { silhouette, sampled } = silhouetteOf(main);

    const clusterValues = new Float64Array(table.nRows).fill(NaN);
    const sizes = Array.from({ length: main.k }, () => 0);
    for (let i = 0; i < n; i++) {
      const l = main.labels[i];
      clusterValues[dm.rows[i]] = l;
      sizes[l]++;
    }
    // Profiles in the data's own units, so "cluster 2 spends 3× more" reads directly.
    const profileMeans = Array.from({ length: main.k }, (_, c) => features.map((_, j) => main.centres[c * p + j] * scales[j] + means[j]));
    const profiles = makeTable([
      num("cluster", sizes.map((_, c) => c)),
      num("size", sizes),
      num("share", sizes.map((s) => s / n)),
      ...features.map((f, j) => num(f, profileMeans.map((m) => m[j]))),
    ]);
    const pointRows = sampleRows(n, MAX_POINTS, seed);
    const points = makeTable([
      ...features.map((f, j) => num(f, Array.from(pointRows, (i) => dm.x[i * p + j]))),
      num("cluster", Array.from(pointRows, (i) => main.labels[i])),
    ]);
    const extras: Record<string, Table> = { profiles, points };
    if (elbow.length) {
      extras.elbow = makeTable([num("k", elbow.map((e) => e.k)), num("inertia", elbow.map((e) => e.inertia)), num("silhouette", elbow.map((e) => e.silhouette))]);
    }
    const warnings: string[] = [];
    if (dm.droppedRows) warnings.push(`${dm.droppedRows} row${dm.droppedRows > 1 ? "s" : ""} with a missing feature left out (cluster is empty there)`);
    if (!main.converged) warnings.push(`Did not converge in ${params.maxIter} iterations; raise maxIter`);
    if (dm.constantFeatures.length) warnings.push(`Constant feature${dm.constantFeatures.length > 1 ? "s" : ""} ${dm.constantFeatures.join(", ")} carry no information`);
    ctx.progress(1, "done");
    const summary: JsonObject = {
      k: main.k, features, scaled: params.scale, n, droppedRows: dm.droppedRows,
      inertia: jsonNumber(main.inertia), silhouette: jsonNumber(silhouette), silhouetteRows: sampled,
      iterations: main.iterations, converged: main.converged, restartInertias: main.restartInertias.map(jsonNumber), sizes,
      // Threads that ran the k-means++ passes (the clusters are the same on any number).
      threads: 1 + (threads?.helpers ?? 0),
      profiles: profileMeans.map((m, c): JsonObject => ({ cluster: c, size: sizes[c], means: Object.fromEntries(features.map((f, j): [string, Json] => [f, jsonNumber(m[j])])) })),
      ...(elbow.length ? { elbow: elbow.map((e): JsonObject => ({ k: e.k, inertia: jsonNumber(e.inertia), silhouette: jsonNumber(e.silhouette) })) } : {}),
      warnings,
    };
    return { table: withColumn(table, { name: "cluster", type: "number", values: clusterValues }), summary, extras };
  },
};

const num = (name: string, values: number[]): Column => ({ name, type: "number", values: Float64Array.from(values) });
const range = (lo: number, hi: number) => Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => lo + i);

/** Column-wise (x − mean) / sd with population sd, as sklearn's StandardScaler (sd 1 for a constant column). */
function standardise(
  x: Float64Array, n: number, p: number, memory: (bytes: number) => ArrayBufferLike,
): { x: Float64Array; means: Float64Array; scales: Float64Array } {
  const means = new Float64Array(p);
  const scales = new Float64Array(p);
  const out = new Float64Array(memory(8 * n * p));
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i * p + j];
    const m = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (x[i * p + j] - m) ** 2;
    means[j] = m;
    scales[j] = ss > 0 ? Math.sqrt(ss / n) : 1;
    for (let i = 0; i < n; i++) out[i * p + j] = (x[i * p + j] - m) / scales[j];
  }
  return { x: out, means, scales };
}
