/**
 * Date helpers shared by the expression functions and the date steps. Dates are epoch ms, UTC;
 * every part is computed in UTC so results do not depend on the browser's time zone.
 */

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** Day of week with Monday = 0 ... Sunday = 6 (pandas' dt.dayofweek). */
export function dayOfWeek(ms: number): number {
  if (Number.isNaN(ms)) return NaN;
  return (new Date(ms).getUTCDay() + 6) % 7;
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(ms: number): number {
  if (Number.isNaN(ms)) return NaN;
  const day = Math.floor(ms / DAY_MS);
  const thursday = day - dayOfWeek(ms) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  return Math.floor((thursday - jan1) / 7) + 1;
}

/** Quarter 1-4. */
export function quarterOf(ms: number): number {
  return Number.isNaN(ms) ? NaN : Math.floor(new Date(ms).getUTCMonth() / 3) + 1;
}

/** Start (00:00 UTC) of the day / ISO week (Monday) / month / quarter / year holding `ms`. */
export function bucketStart(ms: number, unit: "day" | "week" | "month" | "quarter" | "year"): number {
  if (Number.isNaN(ms)) return NaN;
  const d = new Date(ms);
  const y = d.getUTCFullYear(), m = d.getUTCMonth();
  switch (unit) {
    case "day":
      return Math.floor(ms / DAY_MS) * DAY_MS;
    case "week":
      return (Math.floor(ms / DAY_MS) - dayOfWeek(ms)) * DAY_MS;
    case "month":
      return Date.UTC(y, m, 1);
    case "quarter":
      return Date.UTC(y, m - (m % 3), 1);
    case "year":
      return Date.UTC(y, 0, 1);
  }
}

/**
 * Parses "YYYY-MM-DD" or an ISO 8601 date-time (read as UTC when it has no offset) to epoch ms;
 * NaN when the text is not such a date.
 */
export function parseDateText(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  if (!m) return NaN;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = m;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, frac ? Math.round(Number(frac) * 1000) : 0);
  const check = new Date(ms);
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d) return NaN; // e.g. 2023-02-30
  if (zone && zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return ms;
}
