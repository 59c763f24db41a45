import { TableError, type Column } from "../frame/table";

/** A binary classification target coded 0/1 (NaN = missing), with the labels it came from. */
export interface BinaryTarget {
  /** 1 for the positive class, 0 for the other, NaN when missing. */
  readonly y: Float64Array;
  /** Label of the class coded 1 (e.g. "yes", or "1"/"true" for numeric and boolean targets). */
  readonly positive: string;
  readonly negative: string;
}

/**
 * Codes a binary target as 0/1. Numeric targets must already be 0/1 and booleans are used as is.
 * Text targets must hold exactly two labels; the positive class is `positive` when given, else
 * the second label in sorted (code-unit) order — scikit-learn's `classes_[1]`, so "yes" over
 * "no" and "true" over "false".
 */
export function encodeBinaryTarget(column: Column, positive?: string): BinaryTarget {
  const name = column.name;
  if (column.type === "date") throw new TableError(`Target "${name}" is a date; a classification target needs two classes`);
  if (column.type !== "string") {
    if (positive !== undefined && positive !== "1" && positive !== "true") {
      throw new TableError(`Target "${name}" is ${column.type}: its positive class is 1; "positive" applies to text targets`);
    }
    // Two flags rather than a Set: this runs over every row (a million Set.add calls cost ~30 ms).
    const values = column.values;
    let hasZero = false;
    let hasOne = false;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === 0) hasZero = true;
      else if (v === 1) hasOne = true;
      else if (!Number.isNaN(v)) throw new TableError(`Target "${name}" must hold 0/1, true/false or two text labels; found ${v}`);
    }
    if (!(hasZero && hasOne)) throw new TableError(singleClass(name, hasZero ? ["0"] : hasOne ? ["1"] : []));
    const isBool = column.type === "boolean";
    return { y: Float64Array.from(column.values), positive: isBool ? "true" : "1", negative: isBool ? "false" : "0" };
  }
  const labels = [...new Set(column.values.filter((v): v is string => v !== null))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (labels.length < 2) throw new TableError(singleClass(name, labels));
  if (labels.length > 2) {
    const shown = labels.slice(0, 5).map((l) => `"${l}"`).join(", ");
    throw new TableError(`Target "${name}" has ${labels.length} classes (${shown}${labels.length > 5 ? ", …" : ""}); binary classification needs exactly two`);
  }
  const pos = positive ?? labels[1];
  if (!labels.includes(pos)) {
    throw new TableError(`Positive class "${pos}" is not a value of target "${name}" (values: "${labels[0]}", "${labels[1]}")`);
  }
  const neg = labels[0] === pos ? labels[1] : labels[0];
  return { y: Float64Array.from(column.values, (v) => (v === null ? NaN : v === pos ? 1 : 0)), positive: pos, negative: neg };
}

function singleClass(name: string, labels: string[]): string {
  const what = labels.length ? `only the value ${labels[0]}` : "no values";
  return `Target "${name}" has a single class (${what}); classification needs two`;
}
