import { describe, expect, it } from "vitest";
import { MIGRATIONS, NOTEBOOK_VERSION, NotebookError, migrate } from "../../../src/core/notebook";

describe("migrate", () => {
  it("returns a current (version 1) document unchanged", () => {
    const doc = { format: "sales-notebook", version: 1, title: "T", cells: [{ id: "a", kind: "data" }] };
    const copy = structuredClone(doc);
    expect(migrate(doc)).toBe(doc);
    expect(doc).toEqual(copy);
  });

  it("refuses a document made by a newer version, saying so", () => {
    expect(() => migrate({ format: "sales-notebook", version: 99, cells: [] })).toThrow(NotebookError);
    expect(() => migrate({ format: "sales-notebook", version: 99, cells: [] })).toThrow(
      /^version: this notebook was made by a newer version of Sales Notebook \(format version 99; this app reads up to version 1\)/,
    );
  });

  it("refuses a file that is not a notebook before looking at its version", () => {
    expect(() => migrate({ format: "other", version: 99 })).toThrow(/^format: must be "sales-notebook"/);
    expect(() => migrate("text")).toThrow(/must be a JSON object/);
  });

  it("refuses a version below 1", () => {
    expect(() => migrate({ format: "sales-notebook", version: 0 })).toThrow(/^version: must be a whole number from 1/);
  });

  it("has one migration step for each version below the current one", () => {
    const steps = Object.keys(MIGRATIONS).map(Number).sort((a, b) => a - b);
    expect(steps).toEqual(Array.from({ length: NOTEBOOK_VERSION - 1 }, (_, i) => i + 1));
  });
});
