import { cellKinds } from "../../cells/registry";
import type { ChartParams } from "../../cells/chart";
import { lines, pyStr } from "../python";
import { refuseIf, type CellGenerator } from "../types";

/**
 * A chart cell becomes a matplotlib plot of the same columns (one series per colour value) when
 * matplotlib is installed; without it the cell says so and the rest of the notebook still runs.
 */
export const chartGenerator: CellGenerator = (cell, ctx) => {
  const p = cellKinds.chart.parse(cell.params) as ChartParams;
  const upKind = ctx.kindOf(cell.inputs.data);
  const why: string[] = [];
  if (p.facet) why.push("facets (`facet`) are not exported");
  if (p.extra && !(p.extra === "coefficients" && upKind === "model")) {
    why.push(`the upstream table \`${p.extra}\` of a ${upKind ?? "missing"} cell is not exported (only a model's \`coefficients\`)`);
  }
  refuseIf(why);
  const up = ctx.varOf(cell.inputs.data);
  const src = p.extra ? `${up}_extras[${pyStr(p.extra)}]` : up;
  const draw = {
    line: "ax.plot(part[x], part[y], label=label)",
    area: "ax.fill_between(part[x], part[y], alpha=0.4, label=label)",
    dot: "ax.scatter(part[x], part[y], s=8, label=label)",
    bar: "ax.bar(part[x].astype(str), part[y], label=label)",
  }[p.mark];
  const source = lines(
    `# ${cell.title ?? cell.id}`,
    `x, y, color = ${pyStr(p.x)}, ${pyStr(p.y)}, ${p.color ? pyStr(p.color) : "None"}`,
    `${ctx.varOf(cell.id)} = ${src}[[c for c in dict.fromkeys([x, y, color]) if c]].head(${p.maxRows})`,
    `if plt is None:`,
    `    print("matplotlib is not installed: chart ${cell.id} is not drawn")`,
    `else:`,
    `    fig, ax = plt.subplots(figsize=(8, 4))`,
    `    groups = ${ctx.varOf(cell.id)}.groupby(color, sort=True) if color else [(None, ${ctx.varOf(cell.id)})]`,
    `    for label, part in groups:`,
    `        ${draw}`,
    `    ax.set_xlabel(x); ax.set_ylabel(y); ax.set_title(${pyStr(cell.title ?? cell.id)})`,
    p.mark === "bar" ? `    ax.tick_params(axis="x", labelrotation=90)` : undefined,
    `    if color: ax.legend()`,
    `    plt.show()`,
  );
  return { cells: [{ type: "code", source }], helpers: [] };
};
