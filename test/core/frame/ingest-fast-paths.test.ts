// The single-pass paths of the CSV reader: text columns built while gathering type evidence, the
// byte-keyed dictionary, columns sized from a row estimate, and the profile's counting sort. Files
// here are large enough (> 4,096 rows or distinct values) to cross every switch.
import { describe, expect, test } from "vitest";
import { parseCsvWithReport } from "../../../src/core/frame/csv";
import { ByteDict, DICT_CAP, TextBuilder } from "../../../src/core/frame/text-column";
import { sortNumbers } from "../../../src/core/frame/column-stats";
import { getColumn } from "../../../src/core/frame/table";
import { mulberry32 } from "../../../src/core/random";

const encode = (text: string) => new TextEncoder().encode(text);
const read = (text: string) => parseCsvWithReport(encode(text));
const col = (table: ReturnType<typeof read>["table"], name: string) => Array.from(getColumn(table, name).values as ArrayLike<unknown>);

describe("text columns built in the first pass", () => {
  test("categories, ids, accents, quotes and missing values come out as written", () => {
    const rand = mulberry32(3);
    const cats = ["Enterprise", "Mid-Market", "SMB", "Zoë", "a, b", 'say "hi"'];
    const quote = (s: string) => (/[,"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const rows: string[][] = [];
    for (let i = 0; i < 9000; i++) rows.push([`OPP-${i}`, rand() < 0.05 ? "" : cats[Math.floor(rand() * cats.length)], String(i % 7)]);
    const { table } = read(`id,cat,n\n${rows.map((r) => r.map(quote).join(",")).join("\n")}\n`);
    expect(table.nRows).toBe(9000);
    expect(col(table, "id")).toEqual(rows.map((r) => r[0]));
    expect(col(table, "cat")).toEqual(rows.map((r) => (r[1] === "" ? null : r[1])));
    expect(getColumn(table, "n").type).toBe("number");
  });

  test("a column that looks numeric for thousands of rows and then turns to text is read again in full", () => {
    const values = Array.from({ length: 10000 }, (_, i) => (i < 6000 ? String(1000 + i) : `x-${i}`));
    const { table } = read(`v\n${values.join("\n")}\n`);
    expect(getColumn(table, "v").type).toBe("string");
    expect(col(table, "v")).toEqual(values);
  });

  test("a text column that has more distinct values than the dictionary before it is certainly text", () => {
    // Numbers for the first 5,000 rows (distinct: the dictionary fills up), then words; as a share
    // the words are too many for placeholders, so the column is text.
    const values = Array.from({ length: 12000 }, (_, i) => (i < 5000 ? String(i) : ["alpha", "beta", "gamma", "delta"][i % 4]));
    const { table } = read(`v\n${values.join("\n")}\n`);
    expect(col(table, "v")).toEqual(values);
  });

  test("repeated placeholders in a numeric column are still counted as invalid, once per value", () => {
    const values = Array.from({ length: 20000 }, (_, i) => (i % 50 === 7 ? "?" : i % 50 === 8 ? "unknown" : String(i % 100)));
    const { table, report } = read(`score\n${values.join("\n")}\n`);
    expect(getColumn(table, "score").type).toBe("number");
    expect(report.invalid.score).toBe(800);
    expect(report.invalidExamples.score).toEqual(["?", "unknown"]);
  });

  test("a category with two to three repeated words never becomes a number, date or boolean", () => {
    const values = Array.from({ length: 30000 }, (_, i) => ["yes", "no", "maybe"][i % 3]);
    const { table } = read(`answer\n${values.join("\n")}\n`);
    expect(getColumn(table, "answer").type).toBe("string");
    expect(col(table, "answer")).toEqual(values);
    const booleans = read(`flag\n${values.map((v) => (v === "maybe" ? "yes" : v)).join("\n")}\n`).table;
    expect(getColumn(booleans, "flag").type).toBe("boolean");
  });

  test("forced types: text kept as written, numbers rescanned", () => {
    const values = Array.from({ length: 9000 }, (_, i) => String(i % 300));
    const bytes = encode(`a,b\n${values.map((v) => `${v},${v}`).join("\n")}\n`);
    const { table } = parseCsvWithReport(bytes, { types: { a: "string", b: "number" } });
    expect(col(table, "a")).toEqual(values);
    expect(col(table, "b")).toEqual(values.map(Number));
  });

  test("columns grow past the row estimate when later lines are shorter than the first ones", () => {
    const long = Array.from({ length: 3000 }, (_, i) => `${"word ".repeat(30)}${i},${i}`);
    const short = Array.from({ length: 60000 }, (_, i) => `s${i % 10},${i}`);
    const { table } = read(`t,n\n${[...long, ...short].join("\n")}\n`);
    expect(table.nRows).toBe(63000);
    expect(col(table, "t").slice(2999, 3001)).toEqual([`${"word ".repeat(30)}2999`, "s0"]);
    expect(col(table, "n")[62999]).toBe(59999);
  });
});

describe("ByteDict and TextBuilder", () => {
  test("each distinct byte string gets one code and one shared string; a full dictionary says -1", () => {
    const dict = new ByteDict();
    const bytes = encode(Array.from({ length: DICT_CAP + 10 }, (_, i) => `v${i}`).join(" "));
    const spans: [number, number][] = [];
    for (let s = 0; s < bytes.length; ) {
      let e = bytes.indexOf(0x20, s);
      if (e < 0) e = bytes.length;
      spans.push([s, e]);
      s = e + 1;
    }
    const codes = spans.map(([s, e]) => dict.code(bytes, s, e));
    expect(codes.slice(0, DICT_CAP)).toEqual(Array.from({ length: DICT_CAP }, (_, i) => i));
    expect(codes.slice(DICT_CAP)).toEqual(new Array(10).fill(-1));
    expect(spans.slice(0, DICT_CAP).map(([s, e]) => dict.strings[dict.code(bytes, s, e)])).toEqual(Array.from({ length: DICT_CAP }, (_, i) => `v${i}`));
    expect(dict.added).toBe(false);
  });

  test("values of every length up to 64 bytes that differ in one byte anywhere (first, middle, last) get different codes", () => {
    // The dictionary hashes and compares four bytes at a time; the last word may overlap the one before.
    const dict = new ByteDict();
    const rand = mulberry32(4);
    const values: string[] = [];
    for (let length = 0; length <= 64; length++) {
      const base = Array.from({ length }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join("");
      values.push(base);
      for (const at of new Set([0, length >> 1, length - 1].filter((k) => k >= 0 && k < length))) values.push(base.slice(0, at) + "#" + base.slice(at + 1));
    }
    values.push("é", "éé", "naïve", "naïvé");
    // Each value twice, at different offsets of one buffer (and in a second buffer, sliced at an odd offset).
    const text = values.join("|") + "|" + values.join("|");
    const spansOf = (bytes: Uint8Array) => {
      const spans: [number, number][] = [];
      for (let s = 0; s <= bytes.length; ) {
        let e = bytes.indexOf(0x7c, s);
        if (e < 0) e = bytes.length;
        spans.push([s, e]);
        s = e + 1;
      }
      return spans;
    };
    const bytes = encode(text);
    const codes = spansOf(bytes).map(([s, e]) => dict.code(bytes, s, e));
    const other = encode("x" + text).subarray(1);
    expect(spansOf(other).map(([s, e]) => dict.code(other, s, e))).toEqual(codes);
    const distinct = new Map<string, number>();
    values.forEach((v, k) => {
      expect(dict.strings[codes[k]]).toBe(v);
      expect(codes[values.length + k]).toBe(codes[k]);
      if (distinct.has(v)) expect(codes[k]).toBe(distinct.get(v));
      else distinct.set(v, codes[k]);
    });
    expect(new Set(codes).size).toBe(distinct.size);
  });

  test("TextBuilder keeps quoted text with doubled quotes apart from the same bytes unquoted", () => {
    const bytes = encode('a""b');
    const text = new TextBuilder(4);
    text.push(bytes, 0, 4, false);
    text.push(bytes, 0, 4, true);
    text.pushMissing();
    expect(text.finish()).toEqual(['a""b', 'a"b', null]);
  });
});

describe("sortNumbers", () => {
  test("few distinct values (counting path) sort exactly as Float64Array.sort, -0 before 0", () => {
    const rand = mulberry32(9);
    const pool = [3.5, -0, 0, Infinity, -Infinity, 1e-300, -2, 7, 19970101];
    const a = Float64Array.from({ length: 50000 }, () => pool[Math.floor(rand() * pool.length)]);
    const expected = a.slice().sort();
    sortNumbers(a);
    expect(Array.from(a).map((v) => Object.is(v, -0) ? "-0" : v)).toEqual(Array.from(expected).map((v) => Object.is(v, -0) ? "-0" : v));
  });

  test("many distinct values (radix path) sort exactly as Float64Array.sort", () => {
    const rand = mulberry32(10);
    const a = Float64Array.from({ length: 60000 }, () => (rand() - 0.5) * 1e6);
    const expected = a.slice().sort();
    sortNumbers(a);
    expect(a).toEqual(expected);
  });
});

describe("profile of a text column past the distinct cap", () => {
  test("values first seen before the cap are still counted after it; the count is capped", async () => {
    const { profileTable, DISTINCT_CAP } = await import("../../../src/core/frame/profile");
    const values: (string | null)[] = [];
    for (let i = 0; i < 3 * DISTINCT_CAP; i++) values.push(i % 10 === 0 ? "hot" : i % 10 === 1 ? null : `id-${i}`);
    const profile = profileTable({ nRows: values.length, columns: [{ name: "v", type: "string", values }] });
    const [p] = profile.columns;
    expect(p.distinct).toBe(DISTINCT_CAP);
    expect(p.distinctCapped).toBe(true);
    expect(p.missing).toBe(3 * DISTINCT_CAP / 10);
    expect(p.top[0]).toEqual({ value: "hot", count: 3 * DISTINCT_CAP / 10 });
  });
});
