// What ships: one TF.js, nothing from elsewhere, TF.js and HiGHS only in the worker chunk.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const assets = path.resolve("dist/assets");
const files = readdirSync(assets);
const js = files.filter((f) => f.endsWith(".js"));
const read = (f: string) => readFileSync(path.join(assets, f), "utf8");

describe("the built bundle", () => {
  it("the lockfile holds exactly one @tensorflow/tfjs-core", () => {
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
    const versions = new Set(
      Object.entries(lock.packages as Record<string, { version: string }>)
        .filter(([p]) => p.endsWith("node_modules/@tensorflow/tfjs-core"))
        .map(([, v]) => v.version),
    );
    expect([...versions]).toEqual(["4.22.0"]);
  });

  it("contains exactly one copy of TF.js core, and only in worker code", () => {
    // A message tfjs-core's engine carries once per bundled copy of the library.
    const marker = /Backend name '\$\{\w+\}' not found in registry/g;
    const copies = js.map((f) => ({ f, n: (read(f).match(marker) ?? []).length })).filter((x) => x.n > 0);
    expect(copies.reduce((a, x) => a + x.n, 0)).toBe(1);
    expect(copies[0].f).toMatch(/worker/);
  });

  it("refers to no other origin for scripts, styles, fonts or data", () => {
    const html = readFileSync("dist/index.html", "utf8");
    expect(html).not.toMatch(/(src|href)=["']https?:\/\//);
    const css = files.filter((f) => f.endsWith(".css")).map(read).join("\n");
    expect(css).not.toMatch(/url\(\s*["']?https?:/);
  });
});
