#!/usr/bin/env node
// Writes the synthetic CSVs of `npm run bench`, seeded (same kind, seed and row count -> same
// bytes), streamed to disk so a few million rows never sit in memory. The default kind is the CRM
// opportunities CSV of the ingest benchmark (the same columns as the app's sample opportunities);
// the other kinds feed the workloads in scripts/bench-workloads/.
//
//   node scripts/make-bench-data.mjs OUT.csv [ROWS] [SEED] [--kind crm|preprocess|allocate|weekly|blobs|regression|classification]
//
// ROWS is the row count (units for allocate, series for weekly); it and SEED default to the
// generator's own defaults.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const BENCH_COLUMNS = [
  "opportunity_id",
  "created_date",
  "close_date",
  "stage",
  "won",
  "amount",
  "region",
  "segment",
  "rep",
  "lead_source",
  "marketing_touches",
  "discount",
  "lead_score",
];

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ["North America", "EMEA", "APAC", "LATAM"];
const REGION_W = [0.4, 0.3, 0.2, 0.1];
const REGION_LIFT = [0.15, 0.05, 0, -0.1];
const SEGMENTS = ["Enterprise", "Mid-Market", "SMB"];
const SEGMENT_W = [0.2, 0.35, 0.45];
const SEGMENT_SIZE = [60000, 18000, 5000];
const SOURCES = ["Web", "Referral", "Partner", "Event", "Outbound", "Paid Search"];
const SOURCE_W = [0.3, 0.15, 0.15, 0.1, 0.2, 0.1];
const SOURCE_LIFT = [0, 0.5, 0.3, 0.1, -0.3, -0.1];
const OPEN_STAGES = ["Prospecting", "Qualification", "Proposal", "Negotiation"];
const DAY_MS = 86400000;
const START = Date.UTC(2022, 0, 1);
const SPAN_DAYS = 3 * 365;

function pick(rand, weights) {
  let u = rand();
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

function normal(rand) {
  // Box-Muller; 1 - rand() keeps log away from 0.
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function isoDate(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** One CSV line (without newline) for row `i`. */
function makeRow(i, rand) {
  const region = pick(rand, REGION_W);
  const segment = pick(rand, SEGMENT_W);
  const source = pick(rand, SOURCE_W);
  const created = START + Math.floor(rand() * SPAN_DAYS) * DAY_MS;
  const cycle = 7 + Math.floor(rand() * (segment === 0 ? 240 : segment === 1 ? 150 : 90));
  const close = created + cycle * DAY_MS;
  const touches = Math.max(0, Math.round(3 + 2.5 * normal(rand) + (source === 3 ? 2 : 0)));
  const discount = Math.min(0.35, Math.max(0, 0.08 + 0.07 * normal(rand)));
  const score = Math.min(100, Math.max(0, 50 + 18 * normal(rand) + SOURCE_LIFT[source] * 10));
  const month = new Date(created).getUTCMonth();
  const seasonal = 1 + 0.25 * Math.cos(((month - 11) / 12) * 2 * Math.PI);
  const amount = SEGMENT_SIZE[segment] * Math.exp(0.6 * normal(rand)) * seasonal * (1 - discount / 2);
  const logit =
    -1.2 + 0.045 * (score - 50) + 0.12 * (touches - 3) + REGION_LIFT[region] + SOURCE_LIFT[source] - 2 * discount;
  const won = rand() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  const stage = won ? "Closed Won" : rand() < 0.8 ? "Closed Lost" : OPEN_STAGES[Math.floor(rand() * 4)];
  const rep = `rep_${String(1 + Math.floor(rand() * 60)).padStart(3, "0")}`;
  // About 2% of lead scores are missing, as in real CRM exports.
  const scoreText = rand() < 0.02 ? "" : score.toFixed(1);
  return [
    `OPP-${String(i + 1).padStart(7, "0")}`,
    isoDate(created),
    isoDate(close),
    stage,
    won,
    amount.toFixed(2),
    REGIONS[region],
    SEGMENTS[segment],
    rep,
    SOURCES[source],
    touches,
    discount.toFixed(2),
    scoreText,
  ].join(",");
}

/**
 * Writes `rows` synthetic opportunities to `file`.
 * @returns {Promise<{file: string, rows: number, bytes: number}>}
 */
export async function writeBenchCsv(file, rows = 200_000, seed = 42) {
  const rand = mulberry32(seed);
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (chunk) => {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  };
  await write(BENCH_COLUMNS.join(",") + "\n");
  const CHUNK = 5000;
  for (let start = 0; start < rows; start += CHUNK) {
    const lines = [];
    for (let i = start; i < Math.min(rows, start + CHUNK); i++) lines.push(makeRow(i, rand));
    await write(lines.join("\n") + "\n");
  }
  out.end();
  await once(out, "finish");
  return { file, rows, bytes };
}


// ---------------------------------------------------------------------------------------------
// Generators of the other benchmark workloads (scripts/bench-workloads/*.mjs). Each is seeded
// with mulberry32, so the same arguments give the same bytes.

/** Streams `rows` lines (from `line(i)`) under `header` to `file`. */
async function writeLines(file, header, rows, line) {
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (chunk) => {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  };
  await write(header.join(",") + "\n");
  const CHUNK = 5000;
  for (let start = 0; start < rows; start += CHUNK) {
    const lines = [];
    for (let i = start; i < Math.min(rows, start + CHUNK); i++) lines.push(line(i));
    await write(lines.join("\n") + "\n");
  }
  out.end();
  await once(out, "finish");
  return { file, rows, bytes };
}

/**
 * The `preprocess_1M` deals table, drawn exactly as `makePreprocessBenchmarkTable(nRows, seed)` in
 * src/core/steps/benchmark.ts draws it (column by column from one mulberry32 stream), written as
 * CSV: missing numbers are empty cells, `close_date` is YYYY-MM-DD, `won` is true/false, and
 * `discount` is rounded to 6 decimals.
 */
export async function writePreprocessCsv(file, nRows = 1_000_000, seed = 1) {
  const random = mulberry32(seed);
  const numbers = (f) => Float64Array.from({ length: nRows }, f);
  const codes = (xs) => Uint8Array.from({ length: nRows }, () => Math.floor(random() * xs.length));
  const start = Date.UTC(2021, 0, 1);
  const REG = ["North", "South", "East", "West", "Central"];
  const SEG = ["SMB", "Mid-market", "Enterprise"];
  const CHA = ["Direct", "Partner", "Online", "Referral"];
  const amount = numbers(() => Math.round(1000 + 50_000 * random() ** 2));
  const leadScore = numbers(() => (random() < 0.1 ? NaN : Math.round(100 * random())));
  const discount = numbers(() => (random() < 0.05 ? NaN : 0.3 * random()));
  const seats = numbers(() => Math.floor(50 * random()));
  const tenure = numbers(() => Math.floor(120 * random()));
  const calls = numbers(() => Math.floor(30 * random()));
  const region = codes(REG);
  const segment = codes(SEG);
  const channel = codes(CHA);
  const close = numbers(() => start + Math.floor(1095 * random()) * 86_400_000);
  const won = numbers(() => (random() < 0.3 ? 1 : 0));
  const num = (x, d) => (Number.isNaN(x) ? "" : d === undefined ? String(x) : String(Number(x.toFixed(d))));
  const header = ["amount", "lead_score", "discount", "seats", "tenure", "calls", "region", "segment", "channel", "close_date", "won"];
  return writeLines(file, header, nRows, (i) =>
    [num(amount[i]), num(leadScore[i]), num(discount[i], 6), seats[i], tenure[i], calls[i], REG[region[i]], SEG[segment[i]], CHA[channel[i]], isoDate(close[i]), won[i] ? "true" : "false"].join(","),
  );
}

/**
 * The `allocate_10k` units: one row per unit (`unit, value, min, max, a, b`), drawn in the order of
 * `buildAllocate10k(seed, units)` in src/core/allocate/benchmark.ts (min: half the units 0, else
 * U(0,100); max U(1000, 5000)). That spec gives one unit in three a linear response; the allocate
 * cell takes one response form per resource, so here every unit is saturating a·(1 − e^(−x/b)),
 * with a ~ U(500, 3500) and b ~ U(300, 2300) as the spec draws them (for the one-in-three units the
 * spec makes linear, a and b are drawn in place of the rate). `value` is a (the most the unit can
 * return), reported by the cell as the unit's base value.
 */
export async function writeAllocateCsv(file, units = 10_000, seed = 42) {
  const rand = mulberry32(seed);
  const f = (x) => String(Number(x.toFixed(6)));
  return writeLines(file, ["unit", "value", "min", "max", "a", "b"], units, (u) => {
    const min = rand() < 0.5 ? 0 : 100 * rand();
    const max = 1_000 + 4_000 * rand();
    rand(); // the spec's linear/saturating draw
    const a = 500 + 3_000 * rand();
    const b = 300 + 2_000 * rand();
    return [`unit ${u}`, f(a), f(min), f(max), f(a), f(b)].join(",");
  });
}

/**
 * `series` weekly series of `weeks` points each (`series, week, value`), weeks on Mondays from
 * 2022-01-03: level 200..1000, a linear trend, a yearly (52-week) sine season of 10..30% of the
 * level and Gaussian noise of 5% of the level. Long format, one row per series and week.
 */
export async function writeWeeklySeriesCsv(file, series = 200, weeks = 104, seed = 7) {
  const rand = mulberry32(seed);
  const start = Date.UTC(2022, 0, 3);
  const params = Array.from({ length: series }, () => {
    const level = 200 + 800 * rand();
    return { level, trend: level * (rand() - 0.3) * 0.004, amp: level * (0.1 + 0.2 * rand()), phase: 2 * Math.PI * rand() };
  });
  return writeLines(file, ["series", "week", "value"], series * weeks, (i) => {
    const s = Math.floor(i / weeks);
    const t = i % weeks;
    const p = params[s];
    const y = p.level + p.trend * t + p.amp * Math.sin((2 * Math.PI * t) / 52 + p.phase) + 0.05 * p.level * normal(rand);
    return [`S${String(s + 1).padStart(3, "0")}`, isoDate(start + t * 7 * DAY_MS), y.toFixed(2)].join(",");
  });
}

/**
 * `rows` points in `dims` dimensions (`x1..x<dims>`) around `centers` Gaussian blobs (centres
 * U(−10, 10) per coordinate, standard deviation 1..2.5 per blob), for the k-means workload.
 */
export async function writeBlobsCsv(file, rows = 1_000_000, dims = 8, centers = 8, seed = 11) {
  const rand = mulberry32(seed);
  const c = Array.from({ length: centers }, () => Array.from({ length: dims }, () => -10 + 20 * rand()));
  const sd = Array.from({ length: centers }, () => 1 + 1.5 * rand());
  const header = Array.from({ length: dims }, (_, j) => `x${j + 1}`);
  return writeLines(file, header, rows, () => {
    const k = Math.floor(rand() * centers);
    return c[k].map((m) => (m + sd[k] * normal(rand)).toFixed(4)).join(",");
  });
}

/**
 * A regression table of `rows` rows: `x1..x<dims>` standard normal, and
 * y = 3·sin(x1) + 2·x2·x3 + x4² − 2·|x5| + Σ_{j=6..10} 0.5·x_j + N(0, 1) (the rest of the features are noise),
 * for the forest and MLP workloads.
 */
export async function writeRegressionCsv(file, rows = 100_000, dims = 20, seed = 5) {
  const rand = mulberry32(seed);
  const header = [...Array.from({ length: dims }, (_, j) => `x${j + 1}`), "y"];
  return writeLines(file, header, rows, () => {
    const x = Array.from({ length: dims }, () => normal(rand));
    let y = 3 * Math.sin(x[0]) + 2 * x[1] * x[2] + x[3] ** 2 - 2 * Math.abs(x[4]) + normal(rand);
    for (let j = 5; j < Math.min(10, dims); j++) y += 0.5 * x[j];
    return [...x.map((v) => v.toFixed(5)), y.toFixed(5)].join(",");
  });
}

/**
 * A binary classification table of `rows` rows: `x1..x<dims>` standard normal and `y` in {0, 1}
 * with P(y = 1) = σ(−0.5 + Σ βⱼ xⱼ), βⱼ drawn once from U(−1, 1) (the last quarter of the features
 * get β = 0: noise), for the logistic workload.
 */
export async function writeClassificationCsv(file, rows = 1_000_000, dims = 20, seed = 9) {
  const rand = mulberry32(seed);
  const beta = Array.from({ length: dims }, (_, j) => (j < Math.ceil(0.75 * dims) ? -1 + 2 * rand() : 0));
  const header = [...Array.from({ length: dims }, (_, j) => `x${j + 1}`), "y"];
  return writeLines(file, header, rows, () => {
    const x = Array.from({ length: dims }, () => normal(rand));
    let eta = -0.5;
    for (let j = 0; j < dims; j++) eta += beta[j] * x[j];
    const y = rand() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    return [...x.map((v) => v.toFixed(5)), y].join(",");
  });
}

/** CLI kinds: (file, rows, seed) with undefined for the generator's default. */
const KINDS = {
  crm: (file, rows, seed) => writeBenchCsv(file, rows, seed),
  preprocess: (file, rows, seed) => writePreprocessCsv(file, rows, seed),
  allocate: (file, rows, seed) => writeAllocateCsv(file, rows, seed),
  weekly: (file, rows, seed) => writeWeeklySeriesCsv(file, rows, undefined, seed),
  blobs: (file, rows, seed) => writeBlobsCsv(file, rows, undefined, undefined, seed),
  regression: (file, rows, seed) => writeRegressionCsv(file, rows, undefined, seed),
  classification: (file, rows, seed) => writeClassificationCsv(file, rows, undefined, seed),
};

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const args = process.argv.slice(2);
  let kind = "crm";
  const k = args.indexOf("--kind");
  if (k >= 0) [kind] = args.splice(k, 2).slice(1);
  const [file, rowsArg, seedArg] = args;
  const rows = rowsArg === undefined ? undefined : Number(rowsArg);
  const seed = seedArg === undefined ? undefined : Number(seedArg);
  if (!file || !KINDS[kind] || (rows !== undefined && (!Number.isInteger(rows) || rows < 1)) || (seed !== undefined && !Number.isInteger(seed))) {
    console.error(`usage: node scripts/make-bench-data.mjs OUT.csv [ROWS] [SEED] [--kind ${Object.keys(KINDS).join("|")}]`);
    process.exit(2);
  }
  const r = await KINDS[kind](file, rows, seed);
  console.log(`${r.file}: ${r.rows} rows, ${(r.bytes / 1e6).toFixed(1)} MB`);
}
