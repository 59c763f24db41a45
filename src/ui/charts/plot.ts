// Observable Plot on the main thread, from small tables the worker has already cut down.
import * as Plot from "@observablehq/plot";
import type { Attachment } from "svelte/attachments";
import type { Table } from "../../core/frame/table";

/** Rows for Plot: dates become Date objects, missing numbers null. */
export function toRows(table: Table): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = Array.from({ length: table.nRows }, () => ({}));
  for (const c of table.columns) {
    for (let i = 0; i < table.nRows; i++) {
      const v = c.values[i];
      rows[i][c.name] = c.type === "date" ? (Number.isNaN(v as number) ? null : new Date(v as number)) : c.type === "string" ? v : Number.isNaN(v as number) ? null : v;
    }
  }
  return rows;
}

/**
 * A chart is one image with a text alternative (Plot's ariaLabel/ariaDescription on the <svg>);
 * Plot also labels each mark's <g>, which ARIA does not allow on an element without a role.
 */
function makeAccessible(chart: Element): void {
  for (const svg of chart.tagName.toLowerCase() === "svg" ? [chart] : [...chart.querySelectorAll(":scope > svg")]) {
    svg.setAttribute("role", "img");
    if (!svg.getAttribute("aria-label")) svg.setAttribute("aria-label", "Chart");
  }
  for (const g of chart.querySelectorAll("g[aria-label]")) g.removeAttribute("aria-label");
}

/** Mounts the chart `build()` returns (and replaces it when its inputs change). */
export function plot(build: () => (SVGSVGElement | HTMLElement) | null): Attachment<HTMLElement> {
  return (node) => {
    const chart = build();
    if (chart) makeAccessible(chart);
    node.replaceChildren(...(chart ? [chart] : []));
    return () => node.replaceChildren();
  };
}

export interface ChartSpec {
  readonly mark: "line" | "bar" | "dot" | "area";
  readonly x: string;
  readonly y: string;
  readonly color?: string;
  readonly facet?: string;
  readonly title?: string;
}

/** A Plot chart for a chart spec over rows. */
export function chartFromSpec(rows: Record<string, unknown>[], spec: ChartSpec, width: number): SVGSVGElement | HTMLElement {
  const channels = { x: spec.x, y: spec.y, stroke: spec.color, fill: spec.color, fy: spec.facet, tip: true } as const;
  const mark =
    spec.mark === "bar"
      ? Plot.barY(rows, { x: spec.x, y: spec.y, fill: spec.color, fy: spec.facet, tip: true })
      : spec.mark === "dot"
        ? Plot.dot(rows, { x: channels.x, y: channels.y, stroke: channels.stroke, fy: channels.fy, tip: true })
        : spec.mark === "area"
          ? Plot.areaY(rows, { x: spec.x, y: spec.y, fill: spec.color, fy: spec.facet, fillOpacity: 0.6, tip: true })
          : Plot.lineY(rows, { x: spec.x, y: spec.y, stroke: spec.color, fy: spec.facet, tip: true });
  return Plot.plot({
    width,
    height: spec.facet ? undefined : 280,
    marginLeft: 64,
    grid: true,
    color: spec.color ? { legend: true } : undefined,
    ariaLabel: spec.title ?? `${spec.mark} chart of ${spec.y} by ${spec.x}`,
    ariaDescription: `${spec.mark} chart of ${spec.y} against ${spec.x}${spec.color ? `, coloured by ${spec.color}` : ""}, ${rows.length} rows`,
    marks: [mark, Plot.ruleY([0])],
  });
}
