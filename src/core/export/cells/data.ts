import { cellKinds } from "../../cells/registry";
import type { DataParams } from "../../cells/data";
import { lines, pyStr } from "../python";
import { refuseIf, type CellGenerator } from "../types";

/**
 * A data cell becomes pandas.read_csv of the path in DATA. pandas infers types per column as the
 * app does over whole columns; dates stay text here and are parsed where a cell uses them.
 */
export const dataGenerator: CellGenerator = (cell, ctx) => {
  const p = cellKinds.data.parse(cell.params) as DataParams;
  const why: string[] = [];
  if (p.format === "json") why.push('`format: "json"` (JSON records) is not exported; only delimited text is');
  if (p.types) why.push(`the type overrides in \`types\` (${Object.keys(p.types).join(", ")}) are not exported`);
  if (p.dateOrder) why.push("`dateOrder` is not exported");
  if (p.delimiter === " ") why.push("whitespace-separated text is not exported");
  refuseIf(why);
  const v = ctx.varOf(cell.id);
  // Without a delimiter the app sniffs one; read_text_table sniffs too (sep=None).
  const args = [`DATA[${pyStr(p.source.name)}]`, ...(p.delimiter ? [`sep=${pyStr(p.delimiter)}`] : [])];
  if (p.header === false) args.push("header=None");
  if (p.skipRows) args.push(`skiprows=${p.skipRows}`);
  if (p.decimal === ",") args.push('decimal=","');
  if (p.encoding && p.encoding !== "auto") args.push(`encoding=${pyStr(p.encoding === "windows-1252" ? "cp1252" : "utf-8")}`);
  const source = lines(
    `# ${cell.title ?? cell.id}: read ${p.source.name}`,
    `${v} = ${p.encoding && p.encoding !== "auto" && p.delimiter ? "pd.read_csv" : "read_text_table"}(${args.join(", ")})`,
    p.header === false ? `${v}.columns = [f"column_{i + 1}" for i in range(${v}.shape[1])]` : undefined,
    `RESULTS[${pyStr(cell.id)}] = {"rows": len(${v}), "columns": ${v}.shape[1]}`,
    `print(f"${cell.id}: {len(${v}):,} rows x {${v}.shape[1]} columns")`,
    `${v}.head()`,
  );
  return { cells: [{ type: "code", source }], helpers: ["common"] };
};
