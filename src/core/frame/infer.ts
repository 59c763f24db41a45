/**
 * Reading single CSV values straight from bytes: numbers, booleans, ISO dates and missing markers.
 *
 * The scanners work on `bytes[start, end)` without creating strings, because building a string
 * per cell is what makes generic CSV readers slow (browser-baselines.md, row d2: a byte scanner
 * is the fast path). Each returns NaN when the bytes are not a value of its type.
 */
const SPACE = 0x20, TAB = 0x09, PLUS = 0x2b, MINUS = 0x2d, DOT = 0x2e, ZERO = 0x30, NINE = 0x39;

/** Tokens read as missing in every column (compared after trimming spaces), as pandas does by default. */
export const MISSING_TOKENS: readonly string[] = ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None", "#N/A"];
const missingBytes = MISSING_TOKENS.map((t) => Array.from(t, (c) => c.charCodeAt(0)));

// Exact powers of ten: a decimal with at most 15 significant digits divided (or multiplied) by
// one of these is correctly rounded (Clinger's fast path), so the result equals Number(text).
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** The first index in [start, end) that is not a space or tab (end if none). */
export function skipSpaces(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
  return start;
}

/** One past the last index in [start, end) that is not a space or tab (start if none). */
export function trimEnd(bytes: Uint8Array, start: number, end: number): number {
  while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
  return end;
}

/** True when the (trimmed) bytes are one of MISSING_TOKENS. */
export function isMissingBytes(bytes: Uint8Array, start: number, end: number): boolean {
  start = skipSpaces(bytes, start, end);
  end = trimEnd(bytes, start, end);
  const n = end - start;
  if (n === 0) return true;
  // Every token starts with N, n or #: one comparison rejects almost every real value.
  const first = bytes[start];
  if (n > 4 || (first !== 0x4e && first !== 0x6e && first !== 0x23)) return false;
  outer: for (const token of missingBytes) {
    if (token.length !== n) continue;
    for (let i = 0; i < n; i++) if (bytes[start + i] !== token[i]) continue outer;
    return true;
  }
  return false;
}

// Set by numberCore when the fast path cannot round exactly; kept module-level so the hot loop
// allocates nothing (no tuple return).
let needsExactParse = false;
// The decimal mark of the file being read. Module-level (like needsExactParse) because parsing is
// synchronous and a parameter would cost every call on the hot path.
let decimalByte = DOT;

/**
 * Sets the decimal mark used by the number scanners ("." or ","); returns the previous one so a
 * caller can restore it. A decimal comma file has no thousands separators (documented limit).
 */
export function setDecimalMark(mark: "." | ","): "." | "," {
  const before = decimalByte === DOT ? "." : ",";
  decimalByte = mark.charCodeAt(0);
  return before;
}

/** Parses the number grammar; NaN when not a number. Sets needsExactParse for long mantissas. */
function numberCore(bytes: Uint8Array, start: number, end: number): number {
  needsExactParse = false;
  let i = start;
  let negative = false;
  if (bytes[i] === MINUS || bytes[i] === PLUS) negative = bytes[i++] === MINUS;
  let mantissa = 0, digits = 0, fractionDigits = 0, sawDigit = false;
  for (; i < end && bytes[i] >= ZERO && bytes[i] <= NINE; i++) {
    sawDigit = true;
    if (digits > 0 || bytes[i] !== ZERO) digits++;
    mantissa = mantissa * 10 + (bytes[i] - ZERO);
  }
  if (i < end && bytes[i] === decimalByte) {
    for (i++; i < end && bytes[i] >= ZERO && bytes[i] <= NINE; i++) {
      sawDigit = true;
      if (digits > 0 || bytes[i] !== ZERO) digits++;
      mantissa = mantissa * 10 + (bytes[i] - ZERO);
      fractionDigits++;
    }
  }
  if (!sawDigit) return NaN;
  let exponent = 0;
  if (i < end && (bytes[i] | 0x20) === 0x65) {
    i++;
    let expNegative = false;
    if (bytes[i] === MINUS || bytes[i] === PLUS) expNegative = bytes[i++] === MINUS;
    const expStart = i;
    for (; i < end && bytes[i] >= ZERO && bytes[i] <= NINE; i++) exponent = exponent * 10 + (bytes[i] - ZERO);
    if (i === expStart) return NaN;
    if (expNegative) exponent = -exponent;
  }
  if (i !== end) return NaN;
  const scale = exponent - fractionDigits;
  if (digits > 15 || scale < -22 || scale > 22) {
    needsExactParse = true;
    return 0;
  }
  const value = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
  return negative ? -value : value;
}

/** A decimal number (`-12`, `3.5`, `.5`, `1e-3`, `+7`); NaN otherwise. Thousands separators are not numbers. */
export function scanNumber(bytes: Uint8Array, start: number, end: number): number {
  start = skipSpaces(bytes, start, end);
  end = trimEnd(bytes, start, end);
  return numberAt(bytes, start, end);
}

/** The number in already trimmed bytes, or NaN (scanNumber without the trimming). */
export function numberAt(bytes: Uint8Array, start: number, end: number): number {
  const value = numberCore(bytes, start, end);
  // Rare (over 15 significant digits, huge exponents): let the engine round it exactly.
  if (!needsExactParse) return value;
  const text = latin1(bytes, start, end);
  return Number(decimalByte === DOT ? text : text.replace(",", "."));
}

/** 1 for true/yes, 0 for false/no (any letter case); NaN otherwise. 0/1 stay numbers on purpose. */
export function scanBoolean(bytes: Uint8Array, start: number, end: number): number {
  start = skipSpaces(bytes, start, end);
  end = trimEnd(bytes, start, end);
  const n = end - start;
  // Cheap reject on the first letter (t, y, f, n in either case) before building a word.
  const first = bytes[start] | 0x20;
  if (n < 2 || n > 5 || (first !== 0x74 && first !== 0x79 && first !== 0x66 && first !== 0x6e)) return NaN;
  let word = "";
  for (let i = start; i < end; i++) word += String.fromCharCode(bytes[i] | 0x20);
  if (word === "true" || word === "yes") return 1;
  if (word === "false" || word === "no") return 0;
  return NaN;
}

/** The decimal value of `count` digits at `at`; NaN when one is not a digit. */
export function digitsAt(bytes: Uint8Array, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = bytes[i] - ZERO;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when year-month-day is a real calendar date (leap years included). */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1])) return false;
  return !(month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)));
}

/**
 * An ISO date `YYYY-MM-DD`, optionally with ` HH:MM[:SS[.fff]]` (or `T` instead of the space,
 * and a trailing `Z`), as epoch milliseconds UTC; NaN otherwise. Impossible dates (02-30) are NaN.
 */
export function scanDate(bytes: Uint8Array, start: number, end: number): number {
  start = skipSpaces(bytes, start, end);
  end = trimEnd(bytes, start, end);
  const n = end - start;
  if (n < 10 || bytes[start + 4] !== MINUS || bytes[start + 7] !== MINUS) return NaN;
  const year = digitsAt(bytes, start, 4), month = digitsAt(bytes, start + 5, 2), day = digitsAt(bytes, start + 8, 2);
  if (!isValidDate(year, month, day)) return NaN;
  let ms = daysFromCivil(year, month, day) * 86_400_000;
  if (n === 10) return ms;
  let i = start + 10;
  if ((bytes[i] !== SPACE && bytes[i] !== 0x54) || n < 16 || bytes[i + 3] !== 0x3a) return NaN;
  const hour = digitsAt(bytes, i + 1, 2), minute = digitsAt(bytes, i + 4, 2);
  if (!(hour <= 23 && minute <= 59)) return NaN;
  ms += hour * 3_600_000 + minute * 60_000;
  i += 6;
  if (i < end && bytes[i] === 0x3a) {
    const second = digitsAt(bytes, i + 1, 2);
    if (!(second <= 59)) return NaN;
    ms += second * 1000;
    i += 3;
    if (i < end && bytes[i] === DOT) {
      let scale = 100, frac = 0, j = i + 1;
      for (; j < end && bytes[j] >= ZERO && bytes[j] <= NINE; j++, scale /= 10) frac += (bytes[j] - ZERO) * scale;
      if (j === i + 1) return NaN;
      ms += Math.round(frac);
      i = j;
    }
  }
  if (i < end && bytes[i] === 0x5a) i++;
  return i === end ? ms : NaN;
}

/** The bytes as a string, one char per byte (for ASCII tokens and number text). */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n > 64) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  // Short text (number literals): a reused plain array is cheaper than a subarray view per call.
  charBuffer.length = n;
  for (let i = 0; i < n; i++) charBuffer[i] = bytes[start + i];
  return String.fromCharCode.apply(null, charBuffer);
}
const charBuffer: number[] = [];

