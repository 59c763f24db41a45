import { describe, expect, test } from "vitest";
import { preprocessCell } from "../../../src/core/cells/preprocess";
import type { CellOutput } from "../../../src/core/cells/types";
import { makeTable, type Table } from "../../../src/core/frame/table";
import type { JsonObject } from "../../../src/core/json";
import * as S from "../../../src/core/steps";
import { FORM_ENUMS, STEP_FORMS, STEP_OPS, newStep, parseScalar, visibleFields, type ColumnInfo } from "../../../src/ui/cells/preprocess/step-forms";
import { stepProblem } from "../../../src/ui/cells/preprocess/step-problem";
import { nodeContext } from "../../helpers/node-context";

const n = 60;
const DAY = 86_400_000;
const table = makeTable([
  { name: "close date", type: "date", values: Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 5 * DAY) },
  { name: "region", type: "string", values: Array.from({ length: n }, (_, i) => ["North", "South", "East"][i % 3]) },
  { name: "amount", type: "number", values: Float64Array.from({ length: n }, (_, i) => (i % 9 === 0 ? NaN : 100 + ((i * 37) % 50))) },
  { name: "touches", type: "number", values: Float64Array.from({ length: n }, (_, i) => (i * 7) % 11) },
  { name: "won", type: "boolean", values: Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)) },
]);
const columns: ColumnInfo[] = table.columns.map((c) => ({ name: c.name, type: c.type }));
const inputs = (t: Table): Record<string, CellOutput> => ({ data: { table: t, summary: {} }, right: { table: t, summary: {} } });
const run = (steps: JsonObject[]) => preprocessCell.run(inputs(table), preprocessCell.parse({ steps }), nodeContext({ seed: 7 }));
const OPS = Object.keys(S.STEP_TEMPLATES) as S.StepOp[];

describe("preprocess step forms", () => {
  test("every op of the catalog has a form with the catalog's title, in its order, and nothing else does", () => {
    expect(STEP_OPS).toEqual(OPS);
    expect(Object.keys(STEP_FORMS)).toEqual(OPS);
    for (const op of OPS) {
      expect(STEP_FORMS[op].title, op).toBe(S.STEP_TEMPLATES[op].title);
      expect(STEP_FORMS[op].description.length, op).toBeGreaterThan(10);
    }
  });

  test("the form's choice lists are the steps' own constants", () => {
    expect(FORM_ENUMS.impute).toEqual(S.IMPUTE_STRATEGIES);
    expect(FORM_ENUMS.scale).toEqual(S.SCALE_METHODS);
    expect(FORM_ENUMS.bin).toEqual(S.BIN_METHODS);
    expect(FORM_ENUMS.dateParts).toEqual(S.DATE_PARTS);
    expect(FORM_ENUMS.timeUnits).toEqual(S.TIME_UNITS);
    expect(FORM_ENUMS.aggregate).toEqual(S.AGG_FUNCTIONS);
    expect(FORM_ENUMS.conditions).toEqual(S.CONDITION_OPS);
    expect(FORM_ENUMS.selectFeatures).toEqual(S.SELECT_METHODS);
  });

  test("a new step of every op (but drop, which needs the user's choice) runs on the input it was made for", async () => {
    // After a fill of the one column with gaps, as select_features refuses missing values.
    const filled = { op: "impute", columns: ["amount"], strategy: "median" };
    for (const op of OPS.filter((o) => o !== "drop")) {
      const out = await run([filled, newStep(op, columns)]).catch((e: Error) => e);
      expect(out instanceof Error ? `${op}: ${out.message}` : "ok").toBe("ok");
    }
    expect(() => preprocessCell.parse({ steps: [newStep("drop", columns)] })).toThrow(/steps\[0\]\.columns/);
  });

  test("every option of every top-level select is accepted by the step's parser", () => {
    for (const op of OPS.filter((o) => o !== "drop")) {
      for (const field of STEP_FORMS[op].fields) {
        if (field.kind !== "enum") continue;
        for (const { value } of field.options) {
          const base = newStep(op, columns);
          const step = field.set ? field.set(base, value) : { ...base, [field.key]: value };
          if (op === "filter" && value === "expr") step.expr = "amount > 0";
          if (op === "filter" && value === "where") step.where = [{ column: "amount", op: ">", value: 0 }];
          if (op === "select_features" && value !== "variance") step.target = "won";
          expect(() => preprocessCell.parse({ steps: [step] }), `${op}.${field.key} = ${value}`).not.toThrow();
        }
      }
    }
  });

  test("fields appear only when they apply", () => {
    const keys = (op: S.StepOp, step: JsonObject) => visibleFields(STEP_FORMS[op].fields, step).map((f) => f.key);
    expect(keys("impute", { op: "impute", strategy: "median" })).not.toContain("value");
    expect(keys("impute", { op: "impute", strategy: "constant" })).toContain("value");
    expect(keys("filter", { op: "filter", where: [] })).toEqual(["mode", "match", "where"]);
    expect(keys("filter", { op: "filter", expr: "" })).toEqual(["mode", "expr"]);
    expect(keys("select_features", { op: "select_features", method: "variance" })).toContain("threshold");
  });

  test("a condition's value follows its operator, and typed values keep the column's type", () => {
    const opField = STEP_FORMS.filter.fields.find((f) => f.key === "where");
    if (opField?.kind !== "rows") throw new Error("filter has no condition rows");
    const setOp = opField.item.find((f) => f.key === "op");
    if (setOp?.kind !== "enum" || !setOp.set) throw new Error("condition op has no setter");
    expect(setOp.set({ column: "amount", op: ">", value: 5 }, "in")).toEqual({ column: "amount", op: "in", value: [5] });
    expect(setOp.set({ column: "amount", op: "in", value: [5, 6] }, "<")).toEqual({ column: "amount", op: "<", value: 5 });
    expect(setOp.set({ column: "amount", op: "<", value: 5 }, "is_missing")).toEqual({ column: "amount", op: "is_missing" });
    expect(parseScalar("02134", "string")).toBe("02134");
    expect(parseScalar("12.5", "number")).toBe(12.5);
    expect(parseScalar("true", "boolean")).toBe(true);
    expect(parseScalar("North")).toBe("North");
  });
});

describe("stepProblem", () => {
  test("pins a parameter error to its step and field, with the expression position", () => {
    let message = "";
    try {
      preprocessCell.parse({ steps: [{ op: "split" }, { op: "derive", name: "x", expr: "amount * (touches" }] });
    } catch (e) {
      message = (e as Error).message;
    }
    const p = stepProblem(message);
    expect(p).toMatchObject({ index: 1, field: "expr", subpath: "" });
    expect(p?.pos).toBeGreaterThanOrEqual(0);
  });

  test("pins a list item's error to the item and key", () => {
    expect(stepProblem('params.steps[0].where[1].value: "in" needs a non-empty list of values')).toMatchObject({ index: 0, field: "where", subpath: "[1].value" });
  });

  test("pins a run error in an expression to the expression field", async () => {
    const error = await run([{ op: "derive", name: "y", expr: "amount * nothing_here" }]).catch((e: Error) => e.message);
    expect(stepProblem(String(error))).toMatchObject({ index: 0, field: "expr" });
    expect(stepProblem(String(error))?.pos).toBe(9);
  });

  test("other errors are not about a step", () => {
    expect(stepProblem("upstream cell 'deals' failed")).toBeNull();
    expect(stepProblem(undefined)).toBeNull();
  });
});
