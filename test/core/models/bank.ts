// The standardised numeric subset of bank-full used by the logistic regression references.
import { getNumeric, getString, makeTable, type Table } from "../../../src/core/frame/table";
import { bankTable, fixture } from "./reference";

export const bankFeatures: string[] = fixture("models_logistic.json").features;

let cached: Table | undefined;
/** bank-full's numeric columns standardised as sklearn's StandardScaler does (ddof 0), plus y. */
export function standardizedBank(): Table {
  if (cached) return cached;
  const bank = bankTable();
  const cols = bankFeatures.map((name) => {
    const v = getNumeric(bank, name).values;
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
    return { name, type: "number" as const, values: v.map((x) => (x - mean) / sd) };
  });
  cached = makeTable([...cols, getString(bank, "y")]);
  return cached;
}
