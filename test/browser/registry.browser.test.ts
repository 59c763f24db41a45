import { expect, it } from "vitest";
import { cellKinds } from "../../src/core/cells/registry";
import { cellComponents } from "../../src/ui/cells/registry";
import { CELL_KINDS } from "../../src/core/notebook/types";

it("every cell kind has a core implementation and a UI component, and nothing else", () => {
  expect(Object.keys(cellKinds).sort()).toEqual([...CELL_KINDS].sort());
  expect(Object.keys(cellComponents).sort()).toEqual([...CELL_KINDS].sort());
});
