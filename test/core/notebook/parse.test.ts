import { describe, expect, it } from "vitest";
import { MAX_NOTEBOOK_CHARS, NotebookError, loadNotebook, parseNotebook, serializeNotebook } from "../../../src/core/notebook";

// The example from DESIGN.md section 3, trimmed.
const example = `{
  "format": "sales-notebook", "version": 1, "title": "Regional forecast and budget",
  "settings": { "backend": "auto", "seed": 42, "autorun": true },
  "cells": [
    { "id": "deals", "kind": "data", "params": { "source": { "type": "sample", "name": "opportunities" } } },
    { "id": "clean", "kind": "preprocess", "inputs": { "data": "deals" },
      "params": { "steps": [ { "op": "impute", "columns": ["lead_score"], "strategy": "median" } ] } },
    { "id": "fc", "kind": "forecast", "title": "Forecast", "inputs": { "data": "deals" }, "params": { "horizon": 6 } },
    { "id": "note1", "kind": "note", "params": { "markdown": "Why we split the budget this way" } }
  ]
}`;

function errorOf(text: string): NotebookError {
  try {
    parseNotebook(text);
  } catch (err) {
    if (err instanceof NotebookError) return err;
    throw err;
  }
  throw new Error("expected parseNotebook to throw");
}

describe("parseNotebook", () => {
  it("reads the design example", () => {
    const doc = parseNotebook(example);
    expect(doc.title).toBe("Regional forecast and budget");
    expect(doc.cells.map((c) => c.id)).toEqual(["deals", "clean", "fc", "note1"]);
    expect(doc.cells[1].inputs).toEqual({ data: "deals" });
  });

  it("reports invalid JSON with its line, column and position", () => {
    const err = errorOf('{\n  "format": "sales-notebook",\n  "version": 1,\n}');
    expect(err.path).toBe("");
    expect(err.message).toMatch(/^not valid JSON at line 4, column 1 \(position 48\)/);
  });

  it("reports truncated JSON at its end", () => {
    expect(errorOf('{"format": "sales-').message).toMatch(/^not valid JSON at line 1, column 19 \(position 18\)/);
  });

  it("names the bad field of a well-formed but invalid file", () => {
    const err = errorOf('{"format":"sales-notebook","version":1,"cells":[{"id":"a","kind":"data","inputs":{"x":false}}]}');
    expect(err.path).toBe("cells[0].inputs.x");
  });

  it("refuses text over 5 MB before parsing it", () => {
    const text = `{"format":"sales-notebook","version":1,"cells":[],"pad":"${"x".repeat(MAX_NOTEBOOK_CHARS)}"}`;
    expect(errorOf(text).message).toMatch(/^the notebook is 5\.0 MB; files over 5 MB are refused/);
  });

  it("accepts a leading byte-order mark", () => {
    expect(parseNotebook(`\uFEFF${example}`).cells).toHaveLength(4);
  });
});

describe("loadNotebook", () => {
  it("refuses a value from a newer version", () => {
    expect(() => loadNotebook({ format: "sales-notebook", version: 99, cells: [] })).toThrow(/newer version/);
  });
});

describe("serializeNotebook", () => {
  it("round-trips through parseNotebook", () => {
    const doc = parseNotebook(example);
    expect(parseNotebook(serializeNotebook(doc))).toEqual(doc);
  });

  it("writes 2-space JSON with a fixed key order and a trailing newline", () => {
    const doc = parseNotebook('{"cells":[{"params":{"b":1,"a":2},"kind":"data","id":"x"}],"version":1,"format":"sales-notebook"}');
    expect(serializeNotebook(doc)).toBe(
      [
        "{",
        '  "format": "sales-notebook",',
        '  "version": 1,',
        '  "title": "Untitled",',
        '  "settings": {',
        '    "backend": "auto",',
        '    "seed": 42,',
        '    "autorun": true',
        "  },",
        '  "cells": [',
        "    {",
        '      "id": "x",',
        '      "kind": "data",',
        '      "inputs": {},',
        '      "params": {',
        '        "b": 1,',
        '        "a": 2',
        "      }",
        "    }",
        "  ]",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("gives the same text for the same document", () => {
    const doc = parseNotebook(example);
    expect(serializeNotebook(parseNotebook(serializeNotebook(doc)))).toBe(serializeNotebook(doc));
  });
});
