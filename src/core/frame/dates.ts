/**
 * Date formats beyond ISO, read straight from bytes: day/month/year and month/day/year (with `/`,
 * `.` or `-`), months such as `1987 Jan` or `Jan 1987`, quarters (`1956 Q1`) and decimal years
 * (`1949.0833`, as R's `ts` objects export time). All results are epoch milliseconds UTC, NaN when
 * the bytes are not a date of the format.
 */
import { daysFromCivil, digitsAt, isValidDate, scanDate, scanNumber, skipSpaces, trimEnd } from "./infer";

/** How a date column's text is read. */
export type DateFormat = "iso" | "dmy" | "mdy" | "month" | "decimal-year" | "yyyymmdd";

const SPACE = 0x20, COLON = 0x3a, ZERO = 0x30, NINE = 0x39, DOT = 0x2e;
const DAY = 86_400_000;

/** The parts of the last slash date split by `splitSlashDate` (first, second, year, ms of day). */
export const slashParts = new Float64Array(4);

function isDigit(b: number): boolean {
  return b >= ZERO && b <= NINE;
}

/** ` H:MM[:SS]` from `i` to `end` as milliseconds of the day; 0 when nothing follows; NaN otherwise. */
function timeOfDay(bytes: Uint8Array, i: number, end: number): number {
  if (i === end) return 0;
  if (bytes[i] !== SPACE && bytes[i] !== 0x54) return NaN;
  i++;
  if (end - i < 4) return NaN;
  const hourDigits = isDigit(bytes[i + 1]) ? 2 : 1;
  const hour = digitsAt(bytes, i, hourDigits);
  i += hourDigits;
  if (bytes[i] !== COLON || !(hour <= 23)) return NaN;
  const minute = digitsAt(bytes, i + 1, 2);
  if (!(minute <= 59)) return NaN;
  i += 3;
  let second = 0;
  if (i < end && bytes[i] === COLON) {
    second = digitsAt(bytes, i + 1, 2);
    if (!(second <= 59)) return NaN;
    i += 3;
  }
  return i === end ? hour * 3_600_000 + minute * 60_000 + second * 1000 : NaN;
}

/**
 * Splits `a/b/yyyy[ H:MM[:SS]]` (separator `/`, `.` or `-`, used twice) into `slashParts`.
 * False when the bytes do not have that shape; the calendar check comes later, once the order is known.
 */
export function splitSlashDate(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start < 8 || !isDigit(bytes[start])) return false;
  let i = start;
  const aDigits = isDigit(bytes[i + 1]) ? 2 : 1;
  const a = digitsAt(bytes, i, aDigits);
  i += aDigits;
  const sep = bytes[i];
  if (sep !== 0x2f && sep !== DOT && sep !== 0x2d) return false;
  i++;
  if (!isDigit(bytes[i])) return false;
  const bDigits = isDigit(bytes[i + 1]) ? 2 : 1;
  const b = digitsAt(bytes, i, bDigits);
  i += bDigits;
  if (bytes[i] !== sep || i + 5 > end) return false;
  const year = digitsAt(bytes, i + 1, 4);
  if (Number.isNaN(year) || (i + 5 < end && isDigit(bytes[i + 5]))) return false;
  const time = timeOfDay(bytes, i + 5, end);
  if (Number.isNaN(time)) return false;
  slashParts[0] = a, slashParts[1] = b, slashParts[2] = year, slashParts[3] = time;
  return a >= 1 && b >= 1 && a <= 31 && b <= 31;
}

function slashDate(bytes: Uint8Array, start: number, end: number, dayFirst: boolean): number {
  start = skipSpaces(bytes, start, end);
  end = trimEnd(bytes, start, end);
  if (!splitSlashDate(bytes, start, end)) return NaN;
  const [a, b, year, time] = slashParts;
  const day = dayFirst ? a : b, month = dayFirst ? b : a;
  return isValidDate(year, month, day) ? daysFromCivil(year, month, day) * DAY + time : NaN;
}

/** `dd/mm/yyyy` (or `.`/`-`), optionally with a time; NaN otherwise. */
export function scanDmy(bytes: Uint8Array, start: number, end: number): number {
  return slashDate(bytes, start, end, true);
}

/** `mm/dd/yyyy` (or `.`/`-`), optionally with a time; NaN otherwise. */
export function scanMdy(bytes: Uint8Array, start: number, end: number): number {
  return slashDate(bytes, start, end, false);
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const FULL = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function monthWord(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < 3 || end - start > 9) return NaN;
  let word = "";
  for (let i = start; i < end; i++) word += String.fromCharCode(bytes[i] | 0x20);
  const k = MONTHS.indexOf(word.slice(0, 3));
  return k >= 0 && (word.length === 3 || FULL[k] === word || word === "sept") ? k + 1 : NaN;
}

function monthOrQuarter(bytes: Uint8Array, start: number, end: number): number {
  // Q1..Q4 -> the quarter's first month.
  if (end - start === 2 && (bytes[start] | 0x20) === 0x71) {
    const q = bytes[start + 1] - ZERO;
    return q >= 1 && q <= 4 ? 3 * q - 2 : NaN;
  }
  return monthWord(bytes, start, end);
}

/** `1987 Jan`, `1987 January`, `Jan 1987`, `Jan-1987`, `1956 Q1`, `2011-01`: the month's first day. */
export function scanMonth(bytes: Uint8Array, start: number, end: number): number {
  start = skipSpaces(bytes, start, end);
  end = trimEnd(bytes, start, end);
  const n = end - start;
  if (n < 6 || n > 14) return NaN;
  let year: number, month: number;
  if (isDigit(bytes[start])) {
    year = digitsAt(bytes, start, 4);
    const sep = bytes[start + 4];
    if (sep === 0x2d && n === 7) month = digitsAt(bytes, start + 5, 2);
    else if (sep === SPACE || sep === 0x2d || sep === 0x2f) month = monthOrQuarter(bytes, start + 5, end);
    else return NaN;
  } else {
    year = digitsAt(bytes, end - 4, 4);
    const sep = bytes[end - 5];
    if (sep !== SPACE && sep !== 0x2d && sep !== 0x2f) return NaN;
    month = monthOrQuarter(bytes, start, end - 5);
  }
  return month >= 1 && month <= 12 && year >= 0 ? daysFromCivil(year, month, 1) * DAY : NaN;
}

/**
 * True when a number could be a decimal year from a monthly or quarterly series: within 1000..2999
 * and its fraction a whole number of twelfths (quarters are twelfths too).
 */
export function isDecimalYear(v: number): boolean {
  if (!(v >= 1000 && v < 3000)) return false;
  const twelfths = (v - Math.floor(v)) * 12;
  return Math.abs(twelfths - Math.round(twelfths)) < 1e-4;
}

/** A decimal year as the first day of its month (1949.0833 -> 1949-02-01); NaN when it is not one. */
export function decimalYearToMs(v: number): number {
  if (!isDecimalYear(v)) return NaN;
  const year = Math.floor(v);
  const month = Math.round((v - year) * 12) + 1;
  return month > 12 ? daysFromCivil(year + 1, 1, 1) * DAY : daysFromCivil(year, month, 1) * DAY;
}

function scanCompactDate(bytes: Uint8Array, start: number, end: number): number {
  const v = scanNumber(bytes, start, end);
  const year = Math.floor(v / 10000), month = Math.floor(v / 100) % 100, day = v % 100;
  return v === Math.floor(v) && isValidDate(year, month, day) ? daysFromCivil(year, month, day) * DAY : NaN;
}

function scanDecimalYear(bytes: Uint8Array, start: number, end: number): number {
  return decimalYearToMs(scanNumber(bytes, start, end));
}

/** The byte scanner for a date format. */
export function dateScanner(format: DateFormat): (b: Uint8Array, s: number, e: number) => number {
  switch (format) {
    case "iso": return scanDate;
    case "dmy": return scanDmy;
    case "mdy": return scanMdy;
    case "month": return scanMonth;
    case "decimal-year": return scanDecimalYear;
    case "yyyymmdd": return scanCompactDate;
  }
}

/** Words for a format, for notes and warnings. */
export const DATE_FORMAT_NAMES: Readonly<Record<DateFormat, string>> = {
  iso: "ISO dates (YYYY-MM-DD)",
  dmy: "dates as day/month/year",
  mdy: "dates as month/day/year",
  month: "months (1987 Jan, 1956 Q1, 2011-01)",
  "decimal-year": "decimal years (1949.0833)",
  yyyymmdd: "dates as YYYYMMDD numbers",
};
