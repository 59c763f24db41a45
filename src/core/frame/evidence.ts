/**
 * Whole-column type inference: every non-missing field of a column adds evidence, and the type is
 * decided once the column has been seen in full (never from the first rows, unlike danfo).
 */
import type { ColumnType } from "./table";
import { isValidDate, latin1, numberAt, scanBoolean, scanDate, scanNumber, skipSpaces, trimEnd } from "./infer";
import { DATE_FORMAT_NAMES, dateScanner, isDecimalYear, scanMonth, slashParts, splitSlashDate, type DateFormat } from "./dates";

const ZERO = 0x30, NINE = 0x39;

/**
 * One candidate reading of a column: how many values failed it, and the distinct failing tokens
 * (at most 3, kept only while none contains a digit; null once the candidate is ruled out).
 */
interface Candidate {
  fails: number;
  tokens: string[] | null;
}

/** What inference has seen so far for one column. */
export interface TypeEvidence {
  present: number;
  isBoolean: boolean;
  number: Candidate;
  iso: Candidate;
  slash: Candidate;
  month: Candidate;
  /** Largest first and second part of slash dates: > 12 tells day from month. */
  maxFirst: number;
  maxSecond: number;
  /** The first slash date whose order is ambiguous (both parts <= 12 and different), and deciders. */
  ambiguousExample: string | null;
  dayFirstExample: string | null;
  monthFirstExample: string | null;
  /** Every number so far could be a decimal year, and at least one has a fraction. */
  decimalYears: boolean;
  hasFraction: boolean;
  /** Every number so far is a valid YYYYMMDD date (19970101), as CDNOW's date column. */
  compactDates: boolean;
}

/** How a column is to be read: its type and, for dates, the text format; `note` explains a choice. */
export interface ColumnDecision {
  readonly type: ColumnType;
  readonly dateFormat?: DateFormat;
  readonly note?: string;
}

/** Fresh evidence for a column. */
export function newEvidence(): TypeEvidence {
  const candidate = (): Candidate => ({ fails: 0, tokens: [] });
  return {
    present: 0, isBoolean: true, number: candidate(), iso: candidate(), slash: candidate(), month: candidate(),
    maxFirst: 0, maxSecond: 0, ambiguousExample: null, dayFirstExample: null, monthFirstExample: null,
    decimalYears: true, hasFraction: false, compactDates: true,
  };
}

function fail(c: Candidate, bytes: Uint8Array, start: number, end: number): void {
  c.fails++;
  const tokens = c.tokens;
  if (tokens === null) return;
  for (let i = start; i < end; i++) if (bytes[i] >= ZERO && bytes[i] <= NINE) return void (c.tokens = null);
  if (end - start > 24) return void (c.tokens = null);
  // Usually the token is one already seen: compare bytes before building a string.
  for (let t = 0; t < tokens.length; t++) if (sameBytes(tokens[t], bytes, start, end)) return;
  const token = latin1(bytes, start, end);
  if (!tokens.includes(token)) {
    if (tokens.length >= 3) return void (c.tokens = null);
    tokens.push(token);
  }
}

function sameBytes(token: string, bytes: Uint8Array, start: number, end: number): boolean {
  if (token.length !== end - start) return false;
  for (let k = 0; k < token.length; k++) if (token.charCodeAt(k) !== bytes[start + k]) return false;
  return true;
}

/**
 * What the last `observe` read: [0] the number (scanNumber's value) while the number candidate was
 * alive, [1] the ISO date (scanDate's value) while that candidate was alive; NaN otherwise. The
 * CSV reader keeps them, so a column that ends up a number or ISO date needs no second scan.
 */
export const observed = new Float64Array(2);

/**
 * Adds one non-missing field to the evidence. A candidate already ruled out costs nothing. Returns
 * true when the value fits no candidate still in the running (nor boolean): the caller may then
 * count a repeat of the same bytes with `observeRepeatedFailure` instead.
 */
export function observe(ev: TypeEvidence, bytes: Uint8Array, start: number, end: number): boolean {
  start = skipSpaces(bytes, start, end);
  end = trimEnd(bytes, start, end);
  ev.present++;
  observed[0] = NaN;
  observed[1] = NaN;
  let fits = false;
  if (ev.number.tokens !== null) {
    const v = numberAt(bytes, start, end);
    observed[0] = v;
    if (Number.isNaN(v)) fail(ev.number, bytes, start, end);
    else {
      fits = true;
      if (ev.decimalYears) {
        if (!isDecimalYear(v)) ev.decimalYears = false;
        else if (v !== Math.floor(v)) ev.hasFraction = true;
      }
      if (ev.compactDates && !isCompactDate(v)) ev.compactDates = false;
    }
  }
  if (ev.iso.tokens !== null) {
    const t = scanDate(bytes, start, end);
    observed[1] = t;
    if (Number.isNaN(t)) fail(ev.iso, bytes, start, end);
    else fits = true;
  }
  if (ev.slash.tokens !== null) {
    if (!splitSlashDate(bytes, start, end)) fail(ev.slash, bytes, start, end);
    else (fits = true), noteSlash(ev, bytes, start, end);
  }
  if (ev.month.tokens !== null) {
    if (Number.isNaN(scanMonth(bytes, start, end))) fail(ev.month, bytes, start, end);
    else fits = true;
  }
  if (ev.isBoolean) {
    if (Number.isNaN(scanBoolean(bytes, start, end))) ev.isBoolean = false;
    else fits = true;
  }
  return !fits;
}

/**
 * `observe` for bytes seen before, when `observe` returned true for them: the value failed every
 * candidate then, so each candidate still in the running already lists it as a failing token and
 * only counts one more failure.
 */
export function observeRepeatedFailure(ev: TypeEvidence): void {
  ev.present++;
  observed[0] = NaN;
  observed[1] = NaN;
  if (ev.number.tokens !== null) ev.number.fails++;
  if (ev.iso.tokens !== null) ev.iso.fails++;
  if (ev.slash.tokens !== null) ev.slash.fails++;
  if (ev.month.tokens !== null) ev.month.fails++;
}

/** True when the column cannot be anything but text: every typed candidate is ruled out. */
export function isCertainlyText(ev: TypeEvidence): boolean {
  return !ev.isBoolean && ev.number.tokens === null && ev.iso.tokens === null && ev.slash.tokens === null && ev.month.tokens === null;
}

/** True when some typed reading fits every value seen so far: the column is not text unless that changes. */
export function fitsATypeSoFar(ev: TypeEvidence): boolean {
  if (ev.present === 0) return false;
  const perfect = (c: Candidate) => c.tokens !== null && c.fails === 0;
  return ev.isBoolean || perfect(ev.number) || perfect(ev.iso) || perfect(ev.slash) || perfect(ev.month);
}

function noteSlash(ev: TypeEvidence, bytes: Uint8Array, start: number, end: number): void {
  const a = slashParts[0], b = slashParts[1];
  if (a > ev.maxFirst) {
    ev.maxFirst = a;
    if (a > 12 && ev.dayFirstExample === null) ev.dayFirstExample = latin1(bytes, start, end);
  }
  if (b > ev.maxSecond) {
    ev.maxSecond = b;
    if (b > 12 && ev.monthFirstExample === null) ev.monthFirstExample = latin1(bytes, start, end);
  }
  if (ev.ambiguousExample === null && a <= 12 && b <= 12 && a !== b) ev.ambiguousExample = latin1(bytes, start, end);
}

const DATE_NAME = /date|day|(^|_)dt$/i;

function isCompactDate(v: number): boolean {
  if (!(v >= 19000101 && v <= 21001231) || v !== Math.floor(v)) return false;
  return isValidDate(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
}

// A typed column may hold a few placeholder tokens ("?", "unknown", "-"): at most 3 distinct ones,
// none containing a digit, and under 5% of the values. They are read as missing and counted as
// invalid. Anything else (e.g. "12a", "K1A 0B1") makes the column text, so no data is lost silently.
function tolerable(c: Candidate, present: number): boolean {
  return c.fails === 0 || (c.tokens !== null && c.fails < 0.05 * present && c.fails < present - c.fails);
}

/** The order of slash dates and the sentence that says why; `order` forces one. */
function slashDecision(ev: TypeEvidence, order?: "dmy" | "mdy"): ColumnDecision {
  const example = ev.ambiguousExample;
  if (order) {
    const note = example ? `${example} read as ${order === "dmy" ? "d/m/y" : "m/d/y"} (date order set in the options)` : undefined;
    return { type: "date", dateFormat: order, note };
  }
  if (ev.maxFirst > 12 && ev.maxSecond > 12) return { type: "string" };
  const dayFirst = ev.maxSecond <= 12;
  const format = dayFirst ? "dmy" : "mdy";
  if (!example) return { type: "date", dateFormat: format };
  const [a, b, year] = example.split(/[/.\- ]/);
  const readings = `${example} could be ${+a} ${monthName(+b)} ${year} or ${+b} ${monthName(+a)} ${year}`;
  const decider = dayFirst ? ev.dayFirstExample : ev.monthFirstExample;
  const why = decider ? `because ${decider} appears` : "by default: no value has a day above 12 to decide (set the date order to change it)";
  return { type: "date", dateFormat: format, note: `${readings}: read as ${dayFirst ? "d/m/y" : "m/d/y"} ${why}` };
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function monthName(m: number): string {
  return MONTH_NAMES[m - 1] ?? String(m);
}

/**
 * The reading the evidence supports: boolean, number (or decimal years as dates), a date format,
 * else text. All-missing columns are text. `order` settles d/m/y against m/d/y when given.
 */
export function decideColumn(ev: TypeEvidence, order?: "dmy" | "mdy", name = ""): ColumnDecision {
  if (ev.present === 0) return { type: "string" };
  if (ev.isBoolean) return { type: "boolean" };
  if (tolerable(ev.number, ev.present)) {
    if (ev.number.fails === 0 && ev.decimalYears && ev.hasFraction) {
      return { type: "date", dateFormat: "decimal-year", note: "decimal years (1949.0833 = Feb 1949) read as the first day of each month" };
    }
    // Integers such as 19970101 are dates only where the name says so: otherwise they may be codes.
    if (ev.number.fails === 0 && ev.compactDates && DATE_NAME.test(name)) {
      return { type: "date", dateFormat: "yyyymmdd", note: "8-digit numbers in a date-named column read as YYYYMMDD dates" };
    }
    return { type: "number" };
  }
  if (tolerable(ev.iso, ev.present)) return { type: "date", dateFormat: "iso" };
  if (tolerable(ev.slash, ev.present)) {
    const decision = slashDecision(ev, order);
    if (decision.type === "date") return decision;
  }
  if (tolerable(ev.month, ev.present)) return { type: "date", dateFormat: "month" };
  return { type: "string" };
}

/** The decision for a forced type: for dates, the format that fits the most values. */
export function forcedDecision(type: ColumnType, ev: TypeEvidence, order?: "dmy" | "mdy"): ColumnDecision {
  if (type !== "date") return { type };
  const natural = decideColumn(ev, order, "date");
  if (natural.type === "date") return natural;
  const best = (["iso", "slash", "month"] as const).reduce((a, b) => (ev[b].fails < ev[a].fails ? b : a));
  if (best === "slash") return slashDecision(ev, order).type === "date" ? slashDecision(ev, order) : { type, dateFormat: "dmy" };
  return { type, dateFormat: best };
}

/** How a field of a decided numeric-storage column is read from bytes. */
export function scannerFor(decision: ColumnDecision): (b: Uint8Array, s: number, e: number) => number {
  if (decision.type === "number") return scanNumber;
  if (decision.type === "boolean") return scanBoolean;
  return dateScanner(decision.dateFormat ?? "iso");
}

/** What the values of a decided column must look like, for invalid-value warnings. */
export function expectedWords(decision: ColumnDecision): string {
  if (decision.type === "number") return "numbers";
  if (decision.type === "boolean") return "true/false or yes/no";
  return DATE_FORMAT_NAMES[decision.dateFormat ?? "iso"];
}
