import { describe, expect, it } from "vitest";
import { Scheduler, type CellRunState, type Executor } from "../../../src/core/graph";
import type { CancelSignal } from "../../../src/core/cells/types";
import type { CellSpec } from "../../../src/core/notebook";

const cell = (id: string, inputs: Record<string, string> = {}, params: CellSpec["params"] = {}): CellSpec => ({
  id,
  kind: "preprocess",
  inputs,
  params,
});

interface Call {
  readonly cell: CellSpec;
  readonly inputs: Readonly<Record<string, string>>;
  readonly signal: CancelSignal;
  progress(fraction: number, message?: string): void;
  resolve(value: string): void;
  reject(error: unknown): void;
}

/**
 * A fake worker. With `auto`, each call resolves on the next tick with "<id>:<params.v>(<inputs>)";
 * otherwise calls wait until the test settles them (deferred promises), so the test controls
 * exactly when a result arrives.
 */
function fakeExecutor(auto = false) {
  const calls: Call[] = [];
  const released: string[] = [];
  let active = 0;
  let maxActive = 0;
  const executor: Executor<string> = {
    execute(spec, inputs, signal, onProgress) {
      active++;
      maxActive = Math.max(maxActive, active);
      return new Promise<string>((resolve, reject) => {
        const settle = <T>(fn: (v: T) => void) => (v: T) => {
          active--;
          fn(v);
        };
        const call: Call = { cell: spec, inputs, signal, progress: onProgress, resolve: settle(resolve), reject: settle(reject) };
        calls.push(call);
        if (auto) {
          const args = Object.values(inputs).join(",");
          setTimeout(() => call.resolve(`${spec.id}:${spec.params.v ?? 0}(${args})`), 0);
        }
      });
    },
    release: (result) => void released.push(result),
  };
  return { executor, calls, released, maxActive: () => maxActive };
}

function setup(cells: CellSpec[], opts: { auto?: boolean; requiredInputs?: (c: CellSpec) => readonly string[]; now?: () => number } = {}) {
  const fake = fakeExecutor(opts.auto);
  const history: ReadonlyMap<string, CellRunState<string>>[] = [];
  const scheduler = new Scheduler(fake.executor, (states) => history.push(states), {
    requiredInputs: opts.requiredInputs,
    now: opts.now,
  });
  scheduler.setCells(cells);
  const state = (id: string) => scheduler.states().get(id)!;
  const statuses = () => Object.fromEntries([...scheduler.states()].map(([id, s]) => [id, s.status]));
  return { ...fake, scheduler, history, state, statuses };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const chain = () => [cell("a"), cell("b", { data: "a" }), cell("c", { data: "b" }), cell("d")];

describe("Scheduler", () => {
  it("starts new cells idle", () => {
    const { statuses, state } = setup(chain());
    expect(statuses()).toEqual({ a: "idle", b: "idle", c: "idle", d: "idle" });
    expect(state("a").version).toBe(0);
  });

  it("runAll() runs every cell in plan order and feeds upstream results in as inputs", async () => {
    const { scheduler, calls, statuses, state } = setup([cell("c", { data: "b" }), cell("b", { data: "a" }), cell("a")], { auto: true });
    await scheduler.runAll();
    expect(calls.map((c) => c.cell.id)).toEqual(["a", "b", "c"]);
    expect(calls[2].inputs).toEqual({ data: "b:0(a:0())" });
    expect(statuses()).toEqual({ c: "done", b: "done", a: "done" });
    expect(state("c").result).toBe("c:0(b:0(a:0()))");
  });

  it("setCells() marks exactly the edited cell and its downstream stale, keeping their results", async () => {
    const { scheduler, statuses, state } = setup(chain(), { auto: true });
    await scheduler.runAll();
    const before = { a: state("a"), b: state("b"), c: state("c"), d: state("d") };
    scheduler.setCells([cell("a"), cell("b", { data: "a" }, { v: 1 }), cell("c", { data: "b" }), cell("d")]);
    expect(statuses()).toEqual({ a: "done", b: "stale", c: "stale", d: "done" });
    expect(state("b").result).toBe(before.b.result);
    expect(state("c").result).toBe(before.c.result);
    expect(state("b").version).toBeGreaterThan(before.b.version);
    expect(state("c").version).toBeGreaterThan(before.c.version);
    // Untouched cells keep the very same state object, so the UI does not re-render them.
    expect(state("a")).toBe(before.a);
    expect(state("d")).toBe(before.d);
  });

  it("setCells() does not invalidate a cell whose title alone changed", async () => {
    const { scheduler, statuses } = setup(chain(), { auto: true });
    await scheduler.runAll();
    scheduler.setCells([{ ...cell("a"), title: "Deals" }, cell("b", { data: "a" }), cell("c", { data: "b" }), cell("d")]);
    expect(statuses()).toEqual({ a: "done", b: "done", c: "done", d: "done" });
  });

  it("setCells() drops removed cells, releases their results and invalidates their readers", async () => {
    const { scheduler, statuses, released, state } = setup(chain(), { auto: true });
    await scheduler.runAll();
    scheduler.setCells([cell("b", { data: "a" }), cell("c", { data: "b" }), cell("d"), cell("e")]);
    expect(released).toEqual(["a:0()", "b:0(a:0())", "c:0(b:0(a:0()))"]);
    expect(statuses()).toEqual({ b: "error", c: "error", d: "done", e: "idle" });
    expect(state("b").error).toBe("input 'data' refers to missing cell 'a'");
    expect(state("c").error).toBe("upstream cell 'b' cannot run");
    expect(state("b").result).toBeUndefined();
  });

  it("clears a plan problem once the missing upstream cell is added", async () => {
    const { scheduler, statuses } = setup([cell("b", { data: "a" })], { auto: true });
    expect(statuses()).toEqual({ b: "error" });
    scheduler.setCells([cell("a"), cell("b", { data: "a" })]);
    expect(statuses()).toEqual({ a: "idle", b: "idle" });
    await scheduler.runAll();
    expect(statuses()).toEqual({ a: "done", b: "done" });
  });

  it("clears a duplicate-id problem when one of the two cells is renamed", () => {
    const { scheduler, statuses } = setup([cell("a"), cell("a", {}, { v: 2 })]);
    expect(statuses()).toEqual({ a: "error" });
    scheduler.setCells([cell("a"), cell("a2", {}, { v: 2 })]);
    expect(statuses()).toEqual({ a: "idle", a2: "idle" });
  });

  it("never executes a cell with a plan problem and shows the problem as its error", async () => {
    const cells = [cell("a"), cell("m", { data: "a" }), cell("loop1", { data: "loop2" }), cell("loop2", { data: "loop1" })];
    const { scheduler, calls, state } = setup(cells, { auto: true, requiredInputs: (c) => (c.id === "m" ? ["data", "test"] : []) });
    expect(state("m")).toMatchObject({ status: "error", error: "input 'test' is not connected" });
    await scheduler.runAll();
    await scheduler.run("m");
    expect(calls.map((c) => c.cell.id)).toEqual(["a"]);
    expect(state("loop1")).toMatchObject({ status: "error", error: "circular dependency: loop1 -> loop2 -> loop1" });
  });

  it("runAll() runs only the cells that are not done", async () => {
    const { scheduler, calls } = setup(chain(), { auto: true });
    await scheduler.runAll();
    scheduler.setCells([cell("a"), cell("b", { data: "a" }, { v: 1 }), cell("c", { data: "b" }), cell("d"), cell("e")]);
    calls.length = 0;
    await scheduler.runAll();
    expect(calls.map((c) => c.cell.id)).toEqual(["b", "c", "e"]);
  });

  it("releases a result that arrives for a superseded version and never shows it", async () => {
    const { scheduler, calls, released, history, state } = setup([cell("a", {}, { v: 1 })]);
    const first = scheduler.runAll();
    expect(state("a").status).toBe("running");
    scheduler.setCells([cell("a", {}, { v: 2 })]);
    expect(calls[0].signal.aborted).toBe(true);
    expect(state("a").status).toBe("idle");
    await first;
    calls[0].resolve("old");
    await tick();
    expect(released).toEqual(["old"]);
    expect(history.some((states) => states.get("a")?.result === "old")).toBe(false);
    expect(state("a").status).toBe("idle");
  });

  it("keeps the previous result visible while a superseded re-run is dropped", async () => {
    const { scheduler, calls, released, state } = setup([cell("a", {}, { v: 1 })]);
    const run1 = scheduler.runAll();
    calls[0].resolve("r1");
    await run1;
    void scheduler.run("a");
    expect(state("a")).toMatchObject({ status: "running", result: "r1" });
    scheduler.setCells([cell("a", {}, { v: 2 })]);
    expect(state("a")).toMatchObject({ status: "stale", result: "r1" });
    calls[1].resolve("r2-superseded");
    await tick();
    expect(released).toEqual(["r2-superseded"]);
    expect(state("a").result).toBe("r1");
    const run3 = scheduler.runAll();
    calls[2].resolve("r3");
    await run3;
    expect(state("a")).toMatchObject({ status: "done", result: "r3" });
    expect(released).toEqual(["r2-superseded", "r1"]);
  });

  it("waits for a superseded execution to settle before starting the next one", async () => {
    const { scheduler, calls, maxActive } = setup([cell("a", {}, { v: 1 })]);
    void scheduler.runAll();
    scheduler.setCells([cell("a", {}, { v: 2 })]);
    const second = scheduler.runAll();
    await tick();
    expect(calls).toHaveLength(1);
    calls[0].resolve("old");
    await tick();
    expect(calls).toHaveLength(2);
    expect(calls[1].cell.params).toEqual({ v: 2 });
    calls[1].resolve("new");
    await second;
    expect(maxActive()).toBe(1);
  });

  it("runAll() during a run does not start a second execution", async () => {
    const { scheduler, calls, maxActive, statuses } = setup([cell("a"), cell("b"), cell("c", { data: "a" })]);
    const first = scheduler.runAll();
    const second = scheduler.runAll();
    await tick();
    expect(calls).toHaveLength(1);
    expect(statuses()).toEqual({ a: "running", b: "queued", c: "queued" });
    for (let i = 0; i < 3; i++) {
      calls[i].resolve(`r${i}`);
      await tick();
    }
    await Promise.all([first, second]);
    expect(calls.map((c) => c.cell.id)).toEqual(["a", "b", "c"]);
    expect(maxActive()).toBe(1);
  });

  it("puts progress in the state only for the current run", async () => {
    const { scheduler, calls, state } = setup([cell("a")]);
    void scheduler.runAll();
    calls[0].progress(0.5, "epoch 5/10");
    expect(state("a")).toMatchObject({ status: "running", progress: 0.5, message: "epoch 5/10" });
    scheduler.setCells([cell("a", {}, { v: 2 })]);
    calls[0].progress(0.9, "late");
    expect(state("a").progress).toBeUndefined();
    expect(state("a").status).toBe("idle");
  });

  it("records the execute duration in ms", async () => {
    let clock = 1000;
    const { scheduler, calls, state } = setup([cell("a")], { now: () => clock });
    const run = scheduler.runAll();
    clock += 250;
    calls[0].resolve("r");
    await run;
    expect(state("a")).toMatchObject({ status: "done", ms: 250, result: "r" });
  });

  it("turns an executor exception into the cell's error and fails its downstream cells without running them", async () => {
    const { scheduler, calls, state, statuses } = setup(chain());
    const run = scheduler.runAll();
    calls[0].reject(new Error("file not found: sales.csv"));
    await tick();
    calls[1].resolve("d");
    await run;
    expect(calls.map((c) => c.cell.id)).toEqual(["a", "d"]);
    expect(state("a")).toMatchObject({ status: "error", error: "file not found: sales.csv" });
    expect(state("b")).toMatchObject({ status: "error", error: "upstream cell 'a' failed" });
    expect(state("c")).toMatchObject({ status: "error", error: "upstream cell 'a' failed" });
    expect(statuses().d).toBe("done");
  });

  it("treats an executor that throws synchronously like one that rejects", async () => {
    const scheduler = new Scheduler<string>(
      { execute: () => { throw new Error("worker is gone"); } },
      () => undefined,
    );
    scheduler.setCells([cell("a"), cell("b")]);
    await scheduler.runAll();
    expect(scheduler.states().get("a")).toMatchObject({ status: "error", error: "worker is gone" });
    expect(scheduler.states().get("b")).toMatchObject({ status: "error", error: "worker is gone" });
  });

  it("retries failed cells on the next runAll()", async () => {
    const { scheduler, calls, statuses } = setup([cell("a"), cell("b", { data: "a" })]);
    const run1 = scheduler.runAll();
    calls[0].reject(new Error("boom"));
    await run1;
    const run2 = scheduler.runAll();
    calls[1].resolve("a");
    await tick();
    calls[2].resolve("b");
    await run2;
    expect(statuses()).toEqual({ a: "done", b: "done" });
  });

  it("cancel(id) ends the running cell with 'Cancelled' and returns the cells queued below it to their status", async () => {
    const { scheduler, calls, state, statuses, released } = setup([cell("a"), cell("b", { data: "a" }), cell("x")]);
    const run = scheduler.runAll();
    scheduler.cancel("a");
    expect(calls[0].signal.aborted).toBe(true);
    expect(state("a")).toMatchObject({ status: "error", error: "Cancelled" });
    expect(statuses()).toEqual({ a: "error", b: "idle", x: "queued" });
    calls[0].resolve("late");
    await tick();
    calls[1].resolve("x");
    await run;
    expect(calls.map((c) => c.cell.id)).toEqual(["a", "x"]);
    expect(released).toEqual(["late"]);
    expect(state("a").result).toBeUndefined();
  });

  it("cancel() with no id cancels the running cell and unqueues the rest", async () => {
    const { scheduler, calls, statuses, released } = setup([cell("a"), cell("b", { data: "a" }), cell("x")]);
    const run = scheduler.runAll();
    expect(statuses()).toEqual({ a: "running", b: "queued", x: "queued" });
    scheduler.cancel();
    expect(statuses()).toEqual({ a: "error", b: "idle", x: "idle" });
    await run;
    calls[0].resolve("late");
    await tick();
    expect(calls).toHaveLength(1);
    expect(released).toEqual(["late"]);
  });

  it("cancel() returns a queued cell to the status it had, keeping its result", async () => {
    const { scheduler, calls, state } = setup([cell("a"), cell("b")]);
    const first = scheduler.runAll();
    calls[0].resolve("a1");
    await tick();
    calls[1].resolve("b1");
    await first;
    scheduler.setCells([cell("a", {}, { v: 2 }), cell("b", {}, { v: 2 })]);
    void scheduler.runAll();
    expect(state("b")).toMatchObject({ status: "queued", result: "b1" });
    scheduler.cancel("b");
    expect(state("b")).toMatchObject({ status: "stale", result: "b1" });
    expect(state("a").status).toBe("running");
  });

  it("run(id) runs the upstream cells that are not done first and marks done downstream cells stale", async () => {
    const { scheduler, calls, statuses } = setup(chain(), { auto: true });
    await scheduler.run("b");
    expect(calls.map((c) => c.cell.id)).toEqual(["a", "b"]);
    expect(statuses()).toEqual({ a: "done", b: "done", c: "idle", d: "idle" });
    await scheduler.runAll();
    calls.length = 0;
    const rerun = scheduler.run("b");
    expect(statuses()).toEqual({ a: "done", b: "running", c: "stale", d: "done" });
    await rerun;
    expect(calls.map((c) => c.cell.id)).toEqual(["b"]);
  });

  it("sends a fresh map to onChange on every change, in document order", async () => {
    const { scheduler, history } = setup([cell("b", { data: "a" }), cell("a")], { auto: true });
    await scheduler.runAll();
    expect(history.length).toBeGreaterThan(3);
    expect(new Set(history).size).toBe(history.length);
    expect([...history[history.length - 1].keys()]).toEqual(["b", "a"]);
    expect(scheduler.states()).toBe(history[history.length - 1]);
  });

  it("dispose() releases every result and ignores results that arrive later", async () => {
    const { scheduler, calls, released, history } = setup([cell("a"), cell("b")]);
    const run = scheduler.runAll();
    calls[0].resolve("a1");
    await tick();
    const changes = history.length;
    scheduler.dispose();
    await run;
    calls[1].resolve("b-late");
    await tick();
    expect(released.sort()).toEqual(["a1", "b-late"]);
    expect(history.length).toBe(changes);
    expect(calls).toHaveLength(2);
  });
});

describe("Scheduler.invalidate", () => {
  it("invalidate() marks the cells and everything downstream stale without a spec change, and a later runAll re-runs exactly them", async () => {
    const calls: string[] = [];
    const scheduler = new Scheduler<string>(
      { execute: async (cell) => (calls.push(cell.id), cell.id) },
      () => undefined,
    );
    scheduler.setCells([
      { id: "a", kind: "data", inputs: {}, params: {} },
      { id: "b", kind: "preprocess", inputs: { data: "a" }, params: {} },
      { id: "c", kind: "data", inputs: {}, params: {} },
    ]);
    await scheduler.runAll();
    expect(calls).toEqual(["a", "b", "c"]);
    scheduler.invalidate(["a"]);
    expect([...scheduler.states()].map(([id, s]) => `${id}:${s.status}`)).toEqual(["a:stale", "b:stale", "c:done"]);
    await scheduler.runAll();
    expect(calls).toEqual(["a", "b", "c", "a", "b"]);
  });
});
