import type { CellKind } from "./types";
import { asObject, readEnum, readNumber, readOptionalString, readString } from "./params";
import { getColumn, makeTable, sliceRows, type Table } from "../frame/table";
import { ParamError } from "./types";

/** The marks a chart cell can draw (Observable Plot marks of the same names). */
export const CHART_MARKS = ["line", "bar", "dot", "area"] as const;
export type ChartMark = (typeof CHART_MARKS)[number];

/** Parameters of a chart over any upstream table (or one of its extras). */
export interface ChartParams {
  readonly mark: ChartMark;
  readonly x: string;
  readonly y: string;
  /** Colour (and series) channel. */
  readonly color?: string;
  /** Facet columns into small multiples by this column. */
  readonly facet?: string;
  /** Read this extra of the upstream output instead of its main table. */
  readonly extra?: string;
  /** At most this many rows are charted (default 5,000). */
  readonly maxRows: number;
}

/**
 * A chart cell: picks the columns to plot from an upstream table and passes them on. The UI
 * draws them with Observable Plot on the main thread from this small table.
 */
export const chartCell: CellKind<ChartParams> = {
  id: "chart",
  title: "Chart",
  inputs: ["data"],
  parse(raw) {
    const p = asObject(raw ?? {}, "params");
    return {
      mark: readEnum(p, "mark", "params", CHART_MARKS, "line"),
      x: readString(p, "x", "params"),
      y: readString(p, "y", "params"),
      color: readOptionalString(p, "color", "params"),
      facet: readOptionalString(p, "facet", "params"),
      extra: readOptionalString(p, "extra", "params"),
      maxRows: readNumber(p, "maxRows", "params", { fallback: 5000, min: 1, max: 100_000, integer: true }),
    };
  },
  async run(inputs, params) {
    const upstream = inputs.data;
    let source: Table = upstream.table;
    if (params.extra) {
      const extra = upstream.extras?.[params.extra];
      if (!extra) {
        const names = Object.keys(upstream.extras ?? {}).join(", ") || "none";
        throw new ParamError("params.extra", `the upstream cell has no table "${params.extra}" (has: ${names})`);
      }
      source = extra;
    }
    const names = [params.x, params.y, params.color, params.facet].filter((n): n is string => !!n);
    const unique = [...new Set(names)];
    const picked = makeTable(unique.map((n) => getColumn(source, n)));
    const table = picked.nRows > params.maxRows ? sliceRows(picked, 0, params.maxRows) : picked;
    return {
      table,
      summary: { mark: params.mark, x: params.x, y: params.y, rows: table.nRows, truncated: picked.nRows > params.maxRows },
    };
  },
};
