import { cellKinds } from "../../cells/registry";
import type { ForecastParams } from "../../cells/forecast";
import { lines, pyList, pyStr, pyValue } from "../python";
import { refuseIf, type CellGenerator, type ExportedCell } from "../types";

const EXPORTED_METHODS = new Set(["naive", "seasonal_naive", "linear_seasonal"]);

/** What in these parameters the exporter cannot write yet. */
function unsupported(p: ForecastParams): string[] {
  const why: string[] = [];
  if (p.method !== "auto" && !EXPORTED_METHODS.has(p.method)) why.push(`the \`${p.method}\` method is not exported yet (naive, seasonal_naive, linear_seasonal and auto are)`);
  if (p.method === "auto" && !p.candidates.some((c) => EXPORTED_METHODS.has(c))) why.push(`auto over only ${p.candidates.join(", ")} is not exported yet`);
  if (p.log) why.push("fitting on log values (`log: true`) is not exported yet");
  if (p.gaps === "error") why.push('`gaps: "error"` is not exported (empty periods count as 0 here)');
  if (p.regressors.length) why.push(`exogenous regressors (${p.regressors.join(", ")}) are not exported yet`);
  if (p.levels.length > 1) why.push(`more than one interval level (${p.levels.join(", ")}) is not exported yet`);
  return why;
}

/**
 * A forecast cell becomes period sums per group (pandas resample) and, per series, the app's
 * season length, method and intervals; "auto" uses the app's rolling-origin MAE rule over the
 * candidates exported here. The output is the app's long table (series, period, kind, value,
 * lower, upper, filled). A series that fails is left out with its message, as the app does.
 */
export const forecastGenerator: CellGenerator = (cell, ctx) => {
  const p = cellKinds.forecast.parse(cell.params) as ForecastParams;
  refuseIf(unsupported(p));
  const v = ctx.varOf(cell.id);
  const candidates = p.candidates.filter((c) => EXPORTED_METHODS.has(c));
  const left = p.candidates.filter((c) => !EXPORTED_METHODS.has(c));
  const warn: ExportedCell[] =
    p.method === "auto" && left.length
      ? [{
          type: "markdown",
          source:
            `**Not exported exactly (${cell.id}):** the app's \`auto\` also compares ${left.map((c) => `\`${c}\``).join(" and ")}. ` +
            `This notebook compares only ${candidates.join(", ")} with the app's backtest rule, so for a series where the app ` +
            `chose ${left.join(" or ")} (its summary lists the method per series) the forecast below differs from the app's.`,
        }]
      : [];
  const m = p.season === "auto" ? "detect_season_length(y, SEASON[freq])" : String(p.season);
  const source = lines(
    `# ${cell.title ?? cell.id}`,
    `df = ${ctx.varOf(cell.inputs.data)}`,
    p.filter ? `df = df[keep_rows(df, ${pyStr(p.filter.column)}, ${pyValue(p.filter.equals)})]` : undefined,
    `freq, horizon, level = ${pyStr(p.freq)}, ${p.horizon}, ${p.interval}`,
    `rows, methods, seasons, totals, errors = [], {}, {}, {}, {}`,
    `for name, (s, empty) in period_sums(df, ${pyStr(p.time)}, ${pyStr(p.value)}, freq, ${p.groupBy ? pyStr(p.groupBy) : "None"}).items():`,
    `    y = s.to_numpy(dtype=float)`,
    `    rows += [(name, t, "history", val, np.nan, np.nan, bool(e)) for t, val, e in zip(s.index, y, empty)]`,
    `    seasons[name] = m = ${m}`,
    `    try:`,
    `        method, point, lower, upper = forecast_series(y, m, horizon, level, ${pyStr(p.method)}, ${pyList(candidates)}, ${p.folds})`,
    `    except ValueError as e:`,
    `        errors[name] = f"Series {name!r}: {e}"`,
    `        continue`,
    `    future = pd.date_range(s.index[-1], periods=horizon + 1, freq=s.index.freq)[1:]`,
    `    rows += [(name, t, "forecast", pt, lo, hi, False) for t, pt, lo, hi in zip(future, point, lower, upper)]`,
    `    methods[name], totals[name] = method, float(np.sum(point))`,
    `${v} = pd.DataFrame(rows, columns=["series", "period", "kind", "value", "lower", "upper", "filled"])`,
    `RESULTS[${pyStr(cell.id)}] = {"method": methods, "season": seasons, "totals": totals, "errors": errors,`,
    `    "forecast": {n: g["value"].tolist() for n, g in ${v}[${v}["kind"] == "forecast"].groupby("series")}}`,
    `print(json.dumps({"method": methods, "season": seasons, "totals": totals, "errors": errors}, indent=1))`,
    `${v}[${v}["kind"] == "forecast"]`,
  );
  return { cells: [...warn, { type: "code", source }], helpers: ["common", "forecast"] };
};
