#!/usr/bin/env node
// Generates the embedded sample CRM dataset shipped with Sales Notebook:
//   <out>/opportunities.csv  - B2B pipeline (one row per opportunity)
//   <out>/order_lines.csv    - invoice lines (one row per product on an invoice)
//
// Plain Node ESM, no dependencies. Fully deterministic: the same --seed gives
// byte-identical files on every run. The generating process (every distribution
// and coefficient) is documented in docs/sample-data.md - keep the two in sync.
//
// Usage: node scripts/generate-sample-data.mjs [--seed 42] [--out public/data]

import { mkdirSync, writeFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { seed: 42, out: "public/data", quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf("=");
    const key = eq >= 0 ? a.slice(0, eq) : a;
    const inline = eq >= 0 ? a.slice(eq + 1) : undefined;
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`missing value for ${key}`);
      return argv[++i];
    };
    if (key === "--seed") {
      const s = Number(value());
      if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) throw new Error("--seed must be an integer in 0..4294967295");
      opts.seed = s;
    } else if (key === "--out") opts.out = value();
    else if (key === "--quiet") opts.quiet = true;
    else if (key === "--help" || key === "-h") {
      console.log("Usage: node scripts/generate-sample-data.mjs [--seed 42] [--out public/data] [--quiet]");
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  return opts;
}

// ---------------------------------------------------------------------------
// Seeded PRNG: xoshiro128** seeded through splitmix32, one independent stream
// per table so that changing one table never perturbs the other.
// ---------------------------------------------------------------------------

function splitmix32(state) {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function xoshiro128ss(seed, stream) {
  const sm = splitmix32((seed ^ Math.imul(stream + 1, 0x632be5ab)) >>> 0);
  let a = sm(), b = sm(), c = sm(), d = sm();
  if ((a | b | c | d) === 0) a = 1;
  return () => {
    const r = Math.imul(((Math.imul(b, 5) << 7) | (Math.imul(b, 5) >>> 25)), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a; d ^= b; b ^= c; a ^= d;
    c ^= t;
    d = ((d << 11) | (d >>> 21)) >>> 0;
    a >>>= 0; b >>>= 0; c >>>= 0;
    return r / 4294967296; // uniform in [0, 1)
  };
}

/** Samplers built on one uniform stream. */
function makeSampler(uniform) {
  let spare = null;
  const S = {
    uniform,
    /** Standard normal via Box-Muller (both outputs used). */
    normal(mean = 0, sd = 1) {
      if (spare !== null) {
        const z = spare;
        spare = null;
        return mean + sd * z;
      }
      const u1 = 1 - uniform(); // (0, 1]
      const u2 = uniform();
      const r = Math.sqrt(-2 * Math.log(u1));
      spare = r * Math.sin(2 * Math.PI * u2);
      return mean + sd * r * Math.cos(2 * Math.PI * u2);
    },
    /** Gamma(shape k, scale theta) via Marsaglia-Tsang; k < 1 uses the U^(1/k) boost. */
    gamma(k, theta = 1) {
      if (k < 1) return S.gamma(k + 1, theta) * Math.pow(1 - uniform(), 1 / k);
      const d = k - 1 / 3;
      const c = 1 / Math.sqrt(9 * d);
      for (;;) {
        let x, v;
        do {
          x = S.normal();
          v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        const u = 1 - uniform();
        if (u < 1 - 0.0331 * x * x * x * x) return d * v * theta;
        if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * theta;
      }
    },
    beta(a, b) {
      const x = S.gamma(a);
      const y = S.gamma(b);
      return x / (x + y);
    },
    exponential(rate) {
      return -Math.log(1 - uniform()) / rate;
    },
    /** Poisson: Knuth's product method below 30, Hoermann's PTRS above. */
    poisson(lam) {
      if (lam <= 0) return 0;
      if (lam < 30) {
        const L = Math.exp(-lam);
        let k = 0;
        let p = uniform();
        while (p > L) {
          k++;
          p *= uniform();
        }
        return k;
      }
      const slam = Math.sqrt(lam);
      const loglam = Math.log(lam);
      const b = 0.931 + 2.53 * slam;
      const a = -0.059 + 0.02483 * b;
      const invalpha = 1.1239 + 1.1328 / (b - 3.4);
      const vr = 0.9277 - 3.6224 / (b - 2);
      for (;;) {
        const U = uniform() - 0.5;
        const V = uniform();
        const us = 0.5 - Math.abs(U);
        const k = Math.floor(((2 * a) / us + b) * U + lam + 0.43);
        if (us >= 0.07 && V <= vr) return k;
        if (k < 0 || (us < 0.013 && V > us)) continue;
        if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - logFactorial(k)) return k;
      }
    },
    bernoulli(p) {
      return uniform() < p;
    },
    /** Index drawn with probability proportional to weights. */
    categorical(weights) {
      let total = 0;
      for (const w of weights) total += w;
      let u = uniform() * total;
      for (let i = 0; i < weights.length; i++) {
        u -= weights[i];
        if (u < 0) return i;
      }
      return weights.length - 1;
    },
    int(n) {
      return Math.floor(uniform() * n);
    },
  };
  return S;
}

const LOG_FACT_SMALL = [0];
for (let i = 1; i < 32; i++) LOG_FACT_SMALL[i] = LOG_FACT_SMALL[i - 1] + Math.log(i);
function logFactorial(k) {
  if (k < 32) return LOG_FACT_SMALL[k];
  const n = k + 1; // Stirling series for lgamma(n)
  return (n - 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * n) - 1 / (360 * n * n * n);
}

// ---------------------------------------------------------------------------
// Calendar helpers (UTC day numbers, no time zones involved)
// ---------------------------------------------------------------------------

const DAY_MS = 86400000;
const dayOf = (y, m, d) => Math.round(Date.UTC(y, m - 1, d) / DAY_MS); // m is 1-based
const fmtDay = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const monthOfDay = (day) => new Date(day * DAY_MS).getUTCMonth() + 1;

const START_YEAR = 2023;
const N_MONTHS = 36; // 2023-01 .. 2025-12
const FIRST_DAY = dayOf(2023, 1, 1);
const SNAPSHOT_DAY = dayOf(2025, 12, 31); // "as of" date of the CRM extract
/** First day of month m, counted from 2023-01 (m may be negative: warm-up months). */
const monthStart = (m) => dayOf(START_YEAR + Math.floor(m / 12), (((m % 12) + 12) % 12) + 1, 1);
const seasonOf = (m) => SEASON[((m % 12) + 12) % 12];

// ---------------------------------------------------------------------------
// Shared model tables (documented in docs/sample-data.md)
// ---------------------------------------------------------------------------

/** Yearly seasonality index by calendar month (Jan..Dec). Q4 peak, August dip. */
const SEASON = [0.9, 0.95, 1.05, 1.0, 1.0, 1.05, 0.9, 0.7, 1.05, 1.1, 1.2, 1.15];
const SEASON_MAX = Math.max(...SEASON);

const REGIONS = ["North", "South", "East", "West", "Central"];
const REGION = {
  //          new opps / month at 2023-01, yearly growth, win-logit effect, log-amount effect, new customers / month, segment mix [SMB, Mid-Market, Enterprise]
  North:   { opps: 37, growth: 0.12, win: 0.25, price: 0.1, customers: 3.8, mix: [0.55, 0.3, 0.15] },
  South:   { opps: 27, growth: 0.18, win: -0.25, price: -0.1, customers: 2.8, mix: [0.62, 0.28, 0.1] },
  East:    { opps: 21, growth: 0.3, win: 0.05, price: 0.0, customers: 2.2, mix: [0.5, 0.32, 0.18] },
  West:    { opps: 39, growth: 0.08, win: 0.1, price: 0.15, customers: 3.8, mix: [0.45, 0.33, 0.22] },
  Central: { opps: 17, growth: 0.15, win: -0.45, price: -0.05, customers: 1.7, mix: [0.65, 0.27, 0.08] },
};

// ---------------------------------------------------------------------------
// Opportunities
// ---------------------------------------------------------------------------

const SEGMENTS = ["SMB", "Mid-Market", "Enterprise"];
const SEGMENT = {
  //            median gross amount, log-sd, discount ~ Beta(a, b), win-logit, median cycle days, touches multiplier
  SMB:          { median: 6000, sd: 0.5, discA: 1.5, discB: 12, win: 0.2, cycle: 18, touch: 0.8 },
  "Mid-Market": { median: 22000, sd: 0.45, discA: 2.0, discB: 10, win: 0.0, cycle: 40, touch: 1.0 },
  Enterprise:   { median: 60000, sd: 0.45, discA: 2.5, discB: 9, win: -0.45, cycle: 80, touch: 1.5 },
};

const SOURCES = ["Inbound", "Outbound", "Partner", "Event", "Referral"];
const SOURCE = {
  //          share, mean touches (before segment multiplier), mean lead score, win-logit
  Inbound:  { share: 0.34, touches: 6, score: 58, win: 0.0 },
  Outbound: { share: 0.24, touches: 3, score: 42, win: -0.45 },
  Partner:  { share: 0.15, touches: 4, score: 55, win: 0.25 },
  Event:    { share: 0.12, touches: 5, score: 50, win: -0.15 },
  Referral: { share: 0.15, touches: 2, score: 65, win: 0.55 },
};

/** 24 reps, each in one region, with a fixed skill effect on the win logit (sums to 0 per region). */
const REPS = [
  ["Anna Berg", "North", 0.4], ["Lars Holm", "North", 0.1], ["Mia Lund", "North", 0.0], ["Erik Dahl", "North", -0.15], ["Nora Falk", "North", -0.35],
  ["Lucia Rossi", "South", 0.3], ["Marco Bianchi", "South", 0.15], ["Elena Costa", "South", 0.0], ["Pablo Ruiz", "South", -0.15], ["Sofia Marin", "South", -0.3],
  ["Jan Novak", "East", 0.45], ["Olga Petrova", "East", 0.0], ["Tomas Horvat", "East", -0.1], ["Kasia Nowak", "East", -0.35],
  ["Liam Walsh", "West", 0.5], ["Chloe Martin", "West", 0.2], ["Owen Hughes", "West", 0.05], ["Emma Dubois", "West", -0.05], ["Noah Evans", "West", -0.2], ["Ines Garcia", "West", -0.5],
  ["Felix Weber", "Central", 0.35], ["Hanna Vogel", "Central", 0.05], ["Jonas Keller", "Central", -0.1], ["Lena Brandt", "Central", -0.3],
].map(([name, region, skill]) => ({ name, region, skill }));

/** Logistic win model: logit p = B0 + B_SCORE*(score-50) + B_TOUCH*touches + B_DISC*discount + source + segment + region + rep skill. */
const WIN = { intercept: -1.3, score: 0.04, touches: 0.08, discount: 2.5 };
const LEAD_SCORE_SD = 16;
const LEAD_SCORE_MISSING = 0.04;
const MAX_DISCOUNT = 0.35;
const CYCLE = { amountElasticity: 0.3, sd: 0.35, lostFactor: 0.75 };
const YEAR_END_PUSH = { p: 0.5, window: 14 };
/** Opportunities are simulated from 2022-04 so that the pipeline is already full on 2023-01-01; only deals closed on/after 2023-01-01 (or still open) are written. */
const OPP_WARMUP_MONTHS = 9;

function generateOpportunities(seed) {
  const R = makeSampler(xoshiro128ss(seed, 1));
  const repsByRegion = Object.fromEntries(REGIONS.map((r) => [r, REPS.filter((p) => p.region === r)]));
  const sourceShares = SOURCES.map((s) => SOURCE[s].share);
  const deals = [];

  for (let m = -OPP_WARMUP_MONTHS; m < N_MONTHS; m++) {
    const start = monthStart(m);
    const monthDays = monthStart(m + 1) - start;
    for (const region of REGIONS) {
      const reg = REGION[region];
      const lam = reg.opps * Math.pow(1 + reg.growth, m / 12) * seasonOf(m);
      const n = R.poisson(lam);
      for (let i = 0; i < n; i++) {
        // Every draw happens in the same order for every deal (open or closed) to keep streams aligned.
        const created = start + R.int(monthDays);
        const segment = SEGMENTS[R.categorical(reg.mix)];
        const seg = SEGMENT[segment];
        const reps = repsByRegion[region];
        const rep = reps[R.int(reps.length)];
        const source = SOURCES[R.categorical(sourceShares)];
        const src = SOURCE[source];
        const touches = R.poisson(src.touches * seg.touch);
        const score = Math.min(100, Math.max(0, Math.round(R.normal(src.score, LEAD_SCORE_SD))));
        const scoreMissing = R.bernoulli(LEAD_SCORE_MISSING);
        const discount = Math.round(Math.min(MAX_DISCOUNT, R.beta(seg.discA, seg.discB)) * 100) / 100;
        const amountNoise = R.normal(0, seg.sd);
        const gross = seg.median * Math.exp(reg.price + amountNoise);
        const amount = Math.round(gross * (1 - discount) * 100) / 100;
        const logit =
          WIN.intercept + WIN.score * (score - 50) + WIN.touches * touches + WIN.discount * discount +
          src.win + seg.win + reg.win + rep.skill;
        const won = R.uniform() < 1 / (1 + Math.exp(-logit));
        const cycleNoise = R.normal(0, CYCLE.sd);
        const pushDraw = R.uniform();
        const pushDay = R.int(YEAR_END_PUSH.window);
        let fullCycle = Math.max(1, Math.round(seg.cycle * Math.pow(gross / seg.median, CYCLE.amountElasticity) * Math.exp(cycleNoise)));
        // Year-end push: a won deal due in January is, with probability YEAR_END_PUSH.p, closed in the last days of December.
        const natural = new Date((created + fullCycle) * DAY_MS);
        if (won && natural.getUTCMonth() === 0 && pushDraw < YEAR_END_PUSH.p) {
          const pulled = dayOf(natural.getUTCFullYear() - 1, 12, 31) - pushDay;
          if (pulled >= created) fullCycle = pulled - created;
        }
        const expectedClose = created + fullCycle;
        let stage, wonCell, close;
        if (expectedClose > SNAPSHOT_DAY) {
          const elapsed = (SNAPSHOT_DAY - created) / fullCycle;
          stage = elapsed < 1 / 3 ? "Prospecting" : elapsed < 2 / 3 ? "Proposal" : "Negotiation";
          wonCell = "";
          close = expectedClose;
        } else {
          stage = won ? "Closed Won" : "Closed Lost";
          wonCell = won ? "1" : "0";
          close = created + (won ? fullCycle : Math.max(1, Math.round(fullCycle * CYCLE.lostFactor)));
        }
        if (close < FIRST_DAY) continue; // warm-up deal closed before the extract window
        deals.push({
          created, close, stage, wonCell, amount, region, segment, rep: rep.name, source, touches,
          discount, score: scoreMissing ? "" : String(score), order: deals.length,
        });
      }
    }
  }

  deals.sort((a, b) => a.created - b.created || a.order - b.order);
  const header = [
    "opportunity_id", "created_date", "close_date", "stage", "won", "amount", "region", "segment",
    "rep", "lead_source", "marketing_touches", "discount", "lead_score",
  ];
  const lines = [header.join(",")];
  deals.forEach((d, i) => {
    lines.push([
      "OPP-" + String(i + 1).padStart(5, "0"), fmtDay(d.created), fmtDay(d.close), d.stage, d.wonCell,
      d.amount.toFixed(2), d.region, d.segment, d.rep, d.source, d.touches, d.discount.toFixed(2), d.score,
    ].join(","));
  });
  return { csv: lines.join("\n") + "\n", rows: deals.length };
}

// ---------------------------------------------------------------------------
// Order lines
// ---------------------------------------------------------------------------

/** 40 products: [name, category, 2023 list price EUR, popularity weight, mean quantity]. */
const PRODUCTS = [
  // Hardware
  ["Laptop Pro 14", "Hardware", 1290, 6, 2],
  ["Laptop Air 13", "Hardware", 990, 5, 2],
  ["Docking Station", "Hardware", 189, 4, 2],
  ["27in Monitor", "Hardware", 329, 5, 2],
  ["Wireless Mouse", "Hardware", 29, 6, 3],
  ["Mechanical Keyboard", "Hardware", 89, 4, 2],
  ["Conference Camera", "Hardware", 749, 2, 1],
  ["Speakerphone", "Hardware", 219, 2, 1],
  ["Headset Pro", "Hardware", 149, 5, 3],
  ["Firewall Appliance", "Hardware", 1890, 1, 1],
  // Software (per seat / per year)
  ["CRM Seat Basic", "Software", 25, 6, 10],
  ["CRM Seat Pro", "Software", 55, 4, 8],
  ["Analytics Suite", "Software", 480, 2, 2],
  ["Data Connector Pack", "Software", 120, 2, 2],
  ["Meeting Room License", "Software", 240, 2, 1],
  ["Security Subscription", "Software", 360, 2, 2],
  ["Backup Cloud 1TB", "Software", 96, 4, 3],
  ["Office Suite Seat", "Software", 12.5, 7, 12],
  ["Design Studio Seat", "Software", 65, 3, 3],
  ["Email Archiving", "Software", 48, 3, 5],
  // Services
  ["Installation Service", "Services", 450, 2, 1],
  ["Onboarding Workshop", "Services", 1200, 2, 1],
  ["CRM Admin Training", "Services", 690, 2, 1],
  ["Data Migration", "Services", 1500, 1, 1],
  ["Custom Integration", "Services", 2400, 1, 1],
  ["Security Audit", "Services", 1800, 1, 1],
  ["Health Check", "Services", 600, 2, 1],
  ["Remote Setup", "Services", 150, 3, 1],
  // Supplies
  ["USB-C Cable", "Supplies", 15, 7, 4],
  ["HDMI Adapter", "Supplies", 19, 5, 3],
  ["Laptop Sleeve", "Supplies", 35, 4, 2],
  ["Printer Toner", "Supplies", 79, 6, 3],
  ["Copy Paper Box", "Supplies", 32, 6, 5],
  ["Label Roll", "Supplies", 9.5, 4, 6],
  ["Screen Cleaner Kit", "Supplies", 12, 4, 3],
  // Support
  ["Standard Support", "Support", 199, 4, 1],
  ["Premium Support", "Support", 599, 2, 1],
  ["Extended Warranty", "Support", 129, 3, 2],
  ["On-site Support Day", "Support", 950, 1, 1],
  ["Support Hours Pack", "Support", 400, 2, 1],
].map(([name, category, price, weight, qty]) => ({ name, category, price, weight, qty }));
const PRODUCT_INDEX = Object.fromEntries(PRODUCTS.map((p, i) => [p.name, i]));

/** Bundles: [weight, anchor product (always included), companions each included with probability BUNDLE.companionP]. */
const BUNDLES = [
  [3, "Laptop Pro 14", ["Docking Station", "27in Monitor", "Wireless Mouse", "Laptop Sleeve"]],
  [2, "Conference Camera", ["Speakerphone", "Meeting Room License"]],
  [2, "CRM Seat Pro", ["CRM Admin Training", "Onboarding Workshop", "Premium Support"]],
  [1.5, "Firewall Appliance", ["Security Subscription", "Installation Service"]],
  [1.5, "Analytics Suite", ["Data Connector Pack", "Data Migration"]],
  [2, "Printer Toner", ["Copy Paper Box", "Label Roll"]],
].map(([weight, anchor, companions]) => ({ weight, anchor: PRODUCT_INDEX[anchor], companions: companions.map((c) => PRODUCT_INDEX[c]) }));

const BASKET = {
  bundleP: 0.35, // probability an invoice is built around a bundle
  companionP: 0.8, // each bundle companion included with this probability
  bundleExtraMean: 0.5, // Poisson number of extra random products on a bundle invoice
  randomExtraMean: 1.1, // random invoice: 1 + Poisson(this) distinct products
};
/** Pareto/NBD customer process (time unit: month of 30.4375 days). */
const CUSTOMER = {
  rateShape: 0.9, rateScale: 0.5, // purchase rate lambda ~ Gamma(shape, scale), purchases per month while alive
  dropShape: 0.8, dropScale: 0.05, // dropout rate mu ~ Gamma(shape, scale); lifetime ~ Exponential(mu)
  sizeShape: 2, sizeScale: 0.5, // size multiplier ~ Gamma(shape, scale), mean 1
};
const PRICE_INCREASE = 0.03; // list prices rise 3% on 1 January of 2024 and 2025
const RETURN = { invoiceP: 0.02, maxDelay: 30 };
const DAYS_PER_MONTH = 30.4375;
/** Customers are simulated from 2021-01 so that an established customer base exists on 2023-01-01; only invoices dated 2023-01-01 or later are written. */
const CUSTOMER_WARMUP_MONTHS = 24;

function generateOrderLines(seed) {
  const R = makeSampler(xoshiro128ss(seed, 2));
  const weights = PRODUCTS.map((p) => p.weight);
  const bundleWeights = BUNDLES.map((b) => b.weight);
  const endDay = SNAPSHOT_DAY;

  const customers = [];
  for (let m = -CUSTOMER_WARMUP_MONTHS; m < N_MONTHS; m++) {
    const start = monthStart(m);
    const monthDays = monthStart(m + 1) - start;
    for (const region of REGIONS) {
      const reg = REGION[region];
      const n = R.poisson(reg.customers * Math.pow(1 + reg.growth, m / 12) * seasonOf(m));
      for (let i = 0; i < n; i++) {
        customers.push({
          region,
          acquired: start + R.int(monthDays),
          rate: R.gamma(CUSTOMER.rateShape, CUSTOMER.rateScale) / DAYS_PER_MONTH,
          dropout: R.gamma(CUSTOMER.dropShape, CUSTOMER.dropScale) / DAYS_PER_MONTH,
          size: R.gamma(CUSTOMER.sizeShape, CUSTOMER.sizeScale),
        });
      }
    }
  }
  customers.forEach((c, i) => (c.order = i));

  const invoices = []; // { day, customer, lines: [{ product, qty, price }], credit }
  const chooseDistinct = (count, exclude) => {
    const picked = [];
    for (let tries = 0; picked.length < count && tries < 50; tries++) {
      const p = R.categorical(weights);
      if (!exclude.has(p)) {
        exclude.add(p);
        picked.push(p);
      }
    }
    return picked;
  };

  for (const c of customers) {
    const deathDay = c.acquired + R.exponential(c.dropout);
    const stopDay = Math.min(deathDay, endDay + 1);
    const tier = c.size > 2 ? 0.9 : c.size > 1.2 ? 0.95 : 1.0;
    const purchaseDays = [c.acquired]; // first purchase at acquisition (Pareto/NBD convention)
    // Later purchases: Poisson process of rate lambda * SEASON(month), by thinning a rate lambda * max(SEASON) process.
    for (let t = c.acquired + R.exponential(c.rate * SEASON_MAX); t < stopDay; t += R.exponential(c.rate * SEASON_MAX)) {
      const day = Math.floor(t);
      if (R.uniform() < SEASON[monthOfDay(day) - 1] / SEASON_MAX) purchaseDays.push(day);
    }
    for (const day of purchaseDays) {
      if (day > endDay || day < FIRST_DAY) continue;
      let products;
      if (R.uniform() < BASKET.bundleP) {
        const b = BUNDLES[R.categorical(bundleWeights)];
        products = [b.anchor];
        for (const comp of b.companions) if (R.uniform() < BASKET.companionP) products.push(comp);
        products.push(...chooseDistinct(R.poisson(BASKET.bundleExtraMean), new Set(products)));
      } else {
        products = chooseDistinct(1 + R.poisson(BASKET.randomExtraMean), new Set());
      }
      const yearFactor = Math.pow(1 + PRICE_INCREASE, new Date(day * DAY_MS).getUTCFullYear() - START_YEAR);
      const lines = products.map((p) => {
        const prod = PRODUCTS[p];
        return {
          product: p,
          qty: 1 + R.poisson((prod.qty - 1) * c.size),
          price: Math.round(prod.price * yearFactor * tier * 100) / 100,
        };
      });
      const inv = { day, customer: c, lines, credit: false };
      invoices.push(inv);
      // Returns: a credit note for part of one line, 1..30 days later (dropped if after the snapshot).
      const hasReturn = R.uniform() < RETURN.invoiceP;
      const li = R.int(lines.length);
      const delay = 1 + R.int(RETURN.maxDelay);
      const retFrac = R.uniform();
      if (hasReturn && day + delay <= endDay) {
        const line = lines[li];
        const qty = 1 + Math.floor(retFrac * line.qty);
        invoices.push({ day: day + delay, customer: c, lines: [{ product: line.product, qty: -qty, price: line.price }], credit: true });
      }
    }
  }

  invoices.forEach((inv, i) => (inv.order = i));
  invoices.sort((a, b) => a.day - b.day || a.customer.order - b.customer.order || a.order - b.order);
  // Customer ids 10001, 10002, ... in order of first invoice inside the extract window.
  let nextCustomerId = 10001;
  for (const inv of invoices) if (inv.customer.id === undefined) inv.customer.id = nextCustomerId++;
  const header = ["customer_id", "invoice_id", "invoice_date", "product", "quantity", "unit_price", "region"];
  const out = [header.join(",")];
  let rows = 0;
  invoices.forEach((inv, i) => {
    const id = (inv.credit ? "C" : "") + String(500001 + i);
    const date = fmtDay(inv.day);
    for (const l of inv.lines) {
      out.push([inv.customer.id, id, date, PRODUCTS[l.product].name, l.qty, l.price.toFixed(2), inv.customer.region].join(","));
      rows++;
    }
  });
  return { csv: out.join("\n") + "\n", rows, customers: nextCustomerId - 10001, invoices: invoices.length };
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

function assertNoCommas(csv, name) {
  // Every row must have exactly header-count fields: the files never use quoting.
  const lines = csv.split("\n");
  const width = lines[0].split(",").length;
  for (let i = 0; i < lines.length - 1; i++) {
    if (lines[i].split(",").length !== width) throw new Error(`${name}: line ${i + 1} has a stray comma`);
  }
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const outDir = resolve(opts.out);
  mkdirSync(outDir, { recursive: true });
  const opp = generateOpportunities(opts.seed);
  const ord = generateOrderLines(opts.seed);
  assertNoCommas(opp.csv, "opportunities.csv");
  assertNoCommas(ord.csv, "order_lines.csv");
  const oppPath = join(outDir, "opportunities.csv");
  const ordPath = join(outDir, "order_lines.csv");
  writeFileSync(oppPath, opp.csv);
  writeFileSync(ordPath, ord.csv);
  if (!opts.quiet) {
    const kb = (p) => (statSync(p).size / 1024).toFixed(0) + " KiB";
    console.log(`seed ${opts.seed}`);
    console.log(`${oppPath}: ${opp.rows} rows, ${kb(oppPath)}`);
    console.log(`${ordPath}: ${ord.rows} rows (${ord.invoices} invoices, ${ord.customers} customers), ${kb(ordPath)}`);
  }
}

main();
