import { describe, expect, it } from "vitest";
import { downstreamOf, plan, sameDefinition, upstreamOf } from "../../../src/core/graph";
import type { CellSpec } from "../../../src/core/notebook";

const cell = (id: string, inputs: Record<string, string> = {}, params: CellSpec["params"] = {}): CellSpec => ({
  id,
  kind: "preprocess",
  inputs,
  params,
});

describe("plan", () => {
  it("plan() puts every cell after the cells it reads", () => {
    const { order, problems } = plan([cell("c", { data: "b" }), cell("b", { data: "a" }), cell("a")]);
    expect(order).toEqual(["a", "b", "c"]);
    expect(problems.size).toBe(0);
  });

  it("plan() keeps document order for a notebook already in running order", () => {
    const cells = [cell("a"), cell("x"), cell("b", { data: "a" }), cell("y"), cell("c", { l: "b", r: "x" })];
    expect(plan(cells).order).toEqual(["a", "x", "b", "y", "c"]);
  });

  it("plan() keeps document order among independent cells when it must move one", () => {
    // "a" reads "c", which comes later; the independent "b" and "d" keep their relative order.
    const cells = [cell("a", { data: "c" }), cell("b"), cell("c"), cell("d")];
    expect(plan(cells).order).toEqual(["b", "c", "a", "d"]);
  });

  it("plan() reports a duplicated id on that id, and what reads it as unable to run", () => {
    const { order, problems } = plan([cell("a"), cell("a"), cell("b", { data: "a" })]);
    expect(order).toEqual(["a", "b"]);
    expect(problems.get("a")).toBe("id 'a' is used by more than one cell");
    expect(problems.get("b")).toBe("upstream cell 'a' cannot run");
  });

  it("plan() reports an input bound to a missing cell", () => {
    const { problems } = plan([cell("a"), cell("b", { data: "x" })]);
    expect(problems.get("b")).toBe("input 'data' refers to missing cell 'x'");
    expect(problems.has("a")).toBe(false);
  });

  it("plan() reports a required input left unbound", () => {
    const required = (c: CellSpec) => (c.id === "model" ? ["data", "features"] : []);
    const { problems } = plan([cell("d"), cell("model", { data: "d" })], required);
    expect(problems.get("model")).toBe("input 'features' is not connected");
  });

  it("plan() joins several problems of one cell", () => {
    const { problems } = plan([cell("m", { data: "x" })], () => ["data", "test"]);
    expect(problems.get("m")).toBe("input 'data' refers to missing cell 'x'; input 'test' is not connected");
  });

  it("plan() reports a cycle as an error on each cell in it", () => {
    const { order, problems } = plan([cell("a", { data: "c" }), cell("b", { data: "a" }), cell("c", { data: "b" }), cell("z")]);
    expect(problems.get("a")).toBe("circular dependency: a -> b -> c -> a");
    expect(problems.get("b")).toBe("circular dependency: b -> c -> a -> b");
    expect(problems.get("c")).toBe("circular dependency: c -> a -> b -> c");
    expect(problems.has("z")).toBe(false);
    expect(order).toEqual(["z", "a", "b", "c"]);
  });

  it("plan() reports a cell reading itself as a cycle", () => {
    expect(plan([cell("a", { data: "a" })]).problems.get("a")).toBe("circular dependency: a -> a");
  });

  it("plan() reports cells below a cycle as unable to run, not as part of it", () => {
    const cells = [cell("d", { data: "c" }), cell("c", { data: "b" }), cell("a", { data: "b" }), cell("b", { data: "a" })];
    const { order, problems } = plan(cells);
    expect(problems.get("c")).toBe("upstream cell 'b' cannot run");
    expect(problems.get("d")).toBe("upstream cell 'c' cannot run");
    expect(problems.get("a")).toMatch(/^circular dependency/);
    expect(new Set(order)).toEqual(new Set(["a", "b", "c", "d"]));
  });

  it("plan() spreads a problem to everything downstream, naming the nearest broken cell", () => {
    const cells = [cell("a", { data: "missing" }), cell("b", { data: "a" }), cell("c", { data: "b" }), cell("ok")];
    const { problems } = plan(cells);
    expect(problems.get("b")).toBe("upstream cell 'a' cannot run");
    expect(problems.get("c")).toBe("upstream cell 'b' cannot run");
    expect(problems.has("ok")).toBe(false);
  });
});

describe("downstreamOf / upstreamOf", () => {
  const cells = [cell("a"), cell("b", { data: "a" }), cell("c", { data: "b" }), cell("d", { data: "a", other: "e" }), cell("e")];

  it("downstreamOf() includes the given cells and everything that reads them", () => {
    expect([...downstreamOf(cells, ["b"])].sort()).toEqual(["b", "c"]);
    expect([...downstreamOf(cells, ["a"])].sort()).toEqual(["a", "b", "c", "d"]);
    expect([...downstreamOf(cells, ["c", "e"])].sort()).toEqual(["c", "d", "e"]);
  });

  it("downstreamOf() finds the readers of an id that is no longer a cell", () => {
    expect([...downstreamOf(cells.slice(1), ["a"])].sort()).toEqual(["a", "b", "c", "d"]);
  });

  it("upstreamOf() includes the cell and everything it reads", () => {
    expect([...upstreamOf(cells, "c")].sort()).toEqual(["a", "b", "c"]);
    expect([...upstreamOf(cells, "d")].sort()).toEqual(["a", "d", "e"]);
  });

  it("both terminate on a cycle", () => {
    const loop = [cell("a", { data: "b" }), cell("b", { data: "a" })];
    expect([...downstreamOf(loop, ["a"])].sort()).toEqual(["a", "b"]);
    expect([...upstreamOf(loop, "a")].sort()).toEqual(["a", "b"]);
  });
});

describe("sameDefinition", () => {
  it("ignores the title and the key order of params", () => {
    const a = cell("a", { data: "x" }, { steps: [{ op: "scale", columns: ["p"] }], k: 3 });
    const b = { ...cell("a", { data: "x" }, { k: 3, steps: [{ columns: ["p"], op: "scale" }] }), title: "Renamed" };
    expect(sameDefinition(a, b)).toBe(true);
  });

  it("sees a change of kind, input binding or any nested param", () => {
    const a = cell("a", { data: "x" }, { steps: [{ op: "scale", columns: ["p"] }] });
    expect(sameDefinition(a, { ...a, kind: "chart" })).toBe(false);
    expect(sameDefinition(a, { ...a, inputs: { data: "y" } })).toBe(false);
    expect(sameDefinition(a, { ...a, params: { steps: [{ op: "scale", columns: ["q"] }] } })).toBe(false);
    expect(sameDefinition(a, { ...a, params: { steps: { 0: { op: "scale", columns: ["p"] } } } })).toBe(false);
  });
});
