#!/usr/bin/env node
// Writes a synthetic CRM opportunities CSV for the ingest benchmark: the same columns as the
// app's sample opportunities, seeded (same seed and row count -> same bytes), streamed to disk
// so a few million rows never sit in memory.
//
//   node scripts/make-bench-data.mjs OUT.csv [ROWS=200000] [SEED=42]
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

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const [file, rowsArg = "200000", seedArg = "42"] = process.argv.slice(2);
  const rows = Number(rowsArg);
  const seed = Number(seedArg);
  if (!file || !Number.isInteger(rows) || rows < 1 || !Number.isInteger(seed)) {
    console.error("usage: node scripts/make-bench-data.mjs OUT.csv [ROWS=200000] [SEED=42]");
    process.exit(2);
  }
  const r = await writeBenchCsv(file, rows, seed);
  console.log(`${r.file}: ${r.rows} rows, ${(r.bytes / 1e6).toFixed(1)} MB`);
}
