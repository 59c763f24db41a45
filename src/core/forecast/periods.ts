/**
 * Calendar periods in UTC. A period is addressed by an integer ordinal (months since year 0,
 * weeks since a reference Monday, ...) so that gaps can be found and filled by counting, and
 * every period is labelled by the epoch ms of its first instant.
 */
export type Freq = "month" | "week" | "quarter" | "year";

/** The frequencies the forecast cell accepts. */
export const FREQS: readonly Freq[] = ["month", "week", "quarter", "year"];

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
// 1970-01-05 was a Monday: weeks start on Monday (ISO 8601), counted from there.
const MONDAY_MS = 4 * DAY_MS;

/** Periods per seasonal cycle: 12 months, 52 weeks (ISO years with 53 weeks drift by one), 4 quarters, 1 year. */
export function seasonLength(freq: Freq): number {
  return freq === "month" ? 12 : freq === "week" ? 52 : freq === "quarter" ? 4 : 1;
}

/** The ordinal of the period that contains the instant `ms` (epoch ms, UTC). */
export function periodOrdinal(ms: number, freq: Freq): number {
  if (freq === "week") return Math.floor((ms - MONDAY_MS) / WEEK_MS);
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (freq === "month") return y * 12 + m;
  if (freq === "quarter") return y * 4 + Math.floor(m / 3);
  return y;
}

/** Epoch ms of the first instant of the period with ordinal `k`. */
export function ordinalStart(k: number, freq: Freq): number {
  if (freq === "week") return MONDAY_MS + k * WEEK_MS;
  if (freq === "month") return utc(Math.floor(k / 12), mod(k, 12));
  if (freq === "quarter") return utc(Math.floor(k / 4), mod(k, 4) * 3);
  return utc(k, 0);
}

/** Epoch ms of the start of the period containing `ms`. */
export function periodStart(ms: number, freq: Freq): number {
  return ordinalStart(periodOrdinal(ms, freq), freq);
}

/** A short label for messages: "2024-03", "2024-Q1", "2024", or the Monday's date for weeks. */
export function periodLabel(ms: number, freq: Freq): string {
  const iso = new Date(ms).toISOString();
  if (freq === "month") return iso.slice(0, 7);
  if (freq === "year") return iso.slice(0, 4);
  if (freq === "quarter") return `${iso.slice(0, 4)}-Q${Math.floor(new Date(ms).getUTCMonth() / 3) + 1}`;
  return iso.slice(0, 10);
}

function utc(year: number, month: number): number {
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const d = new Date(Date.UTC(2000, month, 1));
  d.setUTCFullYear(year);
  return d.getTime();
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
