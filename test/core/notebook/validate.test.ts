import { describe, expect, it } from "vitest";
import { MAX_CELLS, NotebookError, validateNotebook } from "../../../src/core/notebook";

const minimal = () => ({ format: "sales-notebook", version: 1, cells: [] as unknown[] });
const withCells = (...cells: unknown[]) => ({ ...minimal(), cells });

function errorOf(value: unknown): NotebookError {
  try {
    validateNotebook(value);
  } catch (err) {
    if (err instanceof NotebookError) return err;
    throw err;
  }
  throw new Error("expected validateNotebook to throw");
}

describe("validateNotebook", () => {
  it("fills the defaults for title, settings, inputs and params", () => {
    const doc = validateNotebook(withCells({ id: "deals", kind: "data" }));
    expect(doc).toEqual({
      format: "sales-notebook",
      version: 1,
      title: "Untitled",
      settings: { backend: "auto", seed: 42, autorun: true },
      cells: [{ id: "deals", kind: "data", inputs: {}, params: {} }],
    });
  });

  it("keeps given settings, titles and parameters", () => {
    const doc = validateNotebook({
      ...minimal(),
      title: "Q3 plan",
      settings: { backend: "wasm", seed: 7, autorun: false },
      cells: [{ id: "fc", kind: "forecast", title: "Forecast", inputs: { data: "deals" }, params: { horizon: 6, steps: [{ op: "x" }] } }],
    });
    expect(doc.title).toBe("Q3 plan");
    expect(doc.settings).toEqual({ backend: "wasm", seed: 7, autorun: false });
    expect(doc.cells[0]).toEqual({ id: "fc", kind: "forecast", title: "Forecast", inputs: { data: "deals" }, params: { horizon: 6, steps: [{ op: "x" }] } });
  });

  it("drops fields it does not know", () => {
    const doc = validateNotebook({ ...minimal(), extra: 1, cells: [{ id: "a", kind: "note", colour: "red" }] });
    expect(doc).not.toHaveProperty("extra");
    expect(doc.cells[0]).not.toHaveProperty("colour");
  });

  // Each malformed document must be rejected with the path of the bad field and a message naming it.
  const cases: [string, unknown, string, RegExp][] = [
    ["a value that is not an object", [1, 2], "", /must be a JSON object, got a list/],
    ["a missing format", { version: 1, cells: [] }, "format", /must be "sales-notebook" \(got no format field\)/],
    ["a foreign format", { ...minimal(), format: "jupyter" }, "format", /got format "jupyter"/],
    ["a version that is not a whole number", { ...minimal(), version: "1" }, "version", /whole number/],
    ["a version from a newer app", { ...minimal(), version: 2 }, "version", /made by a newer version/],
    ["a title that is not a string", { ...minimal(), title: 3 }, "title", /must be a string/],
    ["an unknown backend", { ...minimal(), settings: { backend: "cuda" } }, "settings.backend", /one of auto, webgpu, webgl, wasm, cpu \(got "cuda"\)/],
    ["a fractional seed", { ...minimal(), settings: { seed: 1.5 } }, "settings.seed", /whole number \(got 1.5\)/],
    ["an autorun that is not a boolean", { ...minimal(), settings: { autorun: "yes" } }, "settings.autorun", /true or false/],
    ["settings that are not an object", { ...minimal(), settings: "fast" }, "settings", /must be an object/],
    ["cells that are not a list", { ...minimal(), cells: {} }, "cells", /must be a list of cells/],
    ["missing cells", { format: "sales-notebook", version: 1 }, "cells", /must be a list of cells/],
    ["a cell that is not an object", withCells("deals"), "cells[0]", /must be an object/],
    ["a cell id starting with a digit", withCells({ id: "1st", kind: "data" }), "cells[0].id", /must start with a letter.*got "1st"/],
    ["a cell id with a space", withCells({ id: "a", kind: "data" }, { id: "my cell", kind: "data" }), "cells[1].id", /letters, digits/],
    ["a cell id over 64 characters", withCells({ id: `a${"b".repeat(64)}`, kind: "data" }), "cells[0].id", /at most 64/],
    ["an unknown cell kind", withCells({ id: "a", kind: "sql" }), "cells[0].kind", /one of data, preprocess.*got "sql"/],
    ["inputs that are not an object", withCells({ id: "a", kind: "chart", inputs: ["deals"] }), "cells[0].inputs", /must be an object/],
    ["an input bound to a number", withCells({ id: "a", kind: "data" }, { id: "b", kind: "chart", inputs: { data: 1 } }), "cells[1].inputs.data", /id of an upstream cell \(got 1\)/],
    ["params that are a list", withCells({ id: "a", kind: "data", params: [] }), "cells[0].params", /must be an object, got a list/],
    ["a non-finite number in params", withCells({ id: "a", kind: "data", params: { horizon: Number.NaN } }), "cells[0].params.horizon", /finite number/],
    ["a function in params", withCells({ id: "a", kind: "data", params: { steps: [{ op: () => 1 }] } }), "cells[0].params.steps[0].op", /plain JSON/],
    ["a cell title that is not a string", withCells({ id: "a", kind: "note", title: false }), "cells[0].title", /must be a string/],
  ];
  it.each(cases)("rejects %s, naming the field", (_what, value, path, message) => {
    const err = errorOf(value);
    expect(err.path).toBe(path);
    expect(err.message).toMatch(message);
    if (path) expect(err.message.startsWith(`${path}: `)).toBe(true);
  });

  it("accepts duplicate ids, dangling inputs and cycles: plan() reports those per cell", () => {
    const doc = validateNotebook(
      withCells(
        { id: "a", kind: "data" },
        { id: "a", kind: "data" },
        { id: "b", kind: "chart", inputs: { data: "nowhere" } },
        { id: "c", kind: "preprocess", inputs: { data: "d" } },
        { id: "d", kind: "preprocess", inputs: { data: "c" } },
      ),
    );
    expect(doc.cells).toHaveLength(5);
  });

  it(`refuses more than ${MAX_CELLS} cells with the count in the message`, () => {
    const cells = Array.from({ length: MAX_CELLS + 1 }, (_, i) => ({ id: `c${i}`, kind: "note" }));
    const err = errorOf(withCells(...cells));
    expect(err.path).toBe("cells");
    expect(err.message).toMatch(/has 501 cells; a notebook may hold at most 500/);
    expect(validateNotebook(withCells(...cells.slice(0, MAX_CELLS))).cells).toHaveLength(MAX_CELLS);
  });

  it("treats an input port named __proto__ as data, not as the prototype", () => {
    const value = JSON.parse('{"format":"sales-notebook","version":1,"cells":[{"id":"a","kind":"chart","inputs":{"__proto__":"b"}}]}');
    const inputs = validateNotebook(value).cells[0].inputs;
    expect(Object.keys(inputs)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(inputs)).toBe(Object.prototype);
  });
});
