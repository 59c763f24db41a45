#!/usr/bin/python3
"""Native reference for `npm run bench`: the same workloads in pandas / scikit-learn / scipy.

    /usr/bin/python3 scripts/bench-baseline.py --workload ingest|default_notebook --csv PATH [--repeat 3]

Prints one JSON object on stdout: {"workload", "ms", "runs", "rows", "peakRssMB", "versions", "summary"}
(ms is the median of the timed runs, after one untimed warm-up run). When a package is missing it
prints {"error": "..."} and exits 3, so the benchmark can report the baseline as null with a reason.
docs/benchmarks.md describes how each step corresponds to the app's cells.
"""
import argparse
import json
import resource
import statistics
import sys
import time

try:
    import numpy as np
    import pandas as pd
except ImportError as err:  # pragma: no cover - depends on the machine
    print(json.dumps({"error": f"missing python package: {err.name or err}"}))
    sys.exit(3)


def versions():
    out = {"python": sys.version.split()[0], "numpy": np.__version__, "pandas": pd.__version__}
    for name in ("sklearn", "scipy"):
        try:
            out[name] = __import__(name).__version__
        except ImportError:
            pass
    return out


def date_columns(path, sample_rows=1000):
    """Text columns whose first rows all parse as dates (pandas needs to be told; the app infers them)."""
    head = pd.read_csv(path, nrows=sample_rows)
    found = []
    for col in head.columns:
        values = head[col].dropna()
        if values.empty or values.dtype != object:
            continue
        if not values.astype(str).str.match(r"^\d{4}-\d{2}-\d{2}").all():
            continue
        parsed = pd.to_datetime(values, errors="coerce")
        if parsed.notna().all():
            found.append(col)
    return found


def ingest(path):
    """read_csv with pandas' own dtype inference, plus date parsing of the date-like columns."""
    dates = date_columns(path)
    df = pd.read_csv(path, parse_dates=dates)
    return len(df), {"columns": int(df.shape[1]), "dateColumns": dates,
                     "dtypes": {c: str(t) for c, t in df.dtypes.items()}}


def default_notebook(path):
    """The default notebook's steps, done the pandas / scikit-learn / scipy way."""
    from scipy.optimize import linprog
    from sklearn.linear_model import LinearRegression, LogisticRegression
    from sklearn.metrics import mean_squared_error, r2_score, roc_auc_score
    from sklearn.model_selection import train_test_split

    summary = {}
    # data cell
    df = pd.read_csv(path, parse_dates=[c for c in ("created_date", "close_date") if c in pd.read_csv(path, nrows=0).columns])
    rows = len(df)
    # Open deals have no outcome yet (won is empty): the models train on closed deals only.
    if df["won"].isna().any():
        df = df[df["won"].notna()].reset_index(drop=True)
        df["won"] = df["won"].astype(int)
    summary["closedDeals"] = int(len(df))

    # preprocess cell: stratified 80/20 split first, so the fitted steps (impute, scale) fit on the
    # training rows only, as the app's steps do.
    train_idx, test_idx = train_test_split(np.arange(len(df)), test_size=0.2, random_state=42, stratify=df["won"])
    categorical = [c for c in ("region", "segment", "lead_source") if c in df.columns]
    numeric = [c for c in ("marketing_touches", "discount", "lead_score") if c in df.columns]
    feats = df[numeric + categorical].copy()
    if "lead_score" in feats:
        median = feats["lead_score"].iloc[train_idx].median()
        feats["lead_score"] = feats["lead_score"].fillna(median)
        summary["leadScoreMedian"] = float(median)
    feats = pd.get_dummies(feats, columns=categorical, dtype=float)
    mean = feats[numeric].iloc[train_idx].mean()
    std = feats[numeric].iloc[train_idx].std(ddof=0).replace(0, 1)
    feats[numeric] = (feats[numeric] - mean) / std
    X = feats.to_numpy(dtype=np.float64)
    X_train, X_test = X[train_idx], X[test_idx]

    # model cell: logistic regression for won
    y = df["won"].to_numpy()
    clf = LogisticRegression(max_iter=1000).fit(X_train, y[train_idx])
    p = clf.predict_proba(X_test)[:, 1]
    summary["win"] = {"auc": float(roc_auc_score(y[test_idx], p)),
                      "accuracy": float(((p >= 0.5) == y[test_idx]).mean())}

    # model cell: linear regression for amount
    amount = df["amount"].to_numpy(dtype=np.float64)
    reg = LinearRegression().fit(X_train, amount[train_idx])
    pred = reg.predict(X_test)
    summary["amount"] = {"r2": float(r2_score(amount[test_idx], pred)),
                         "rmse": float(np.sqrt(mean_squared_error(amount[test_idx], pred)))}

    # forecast cell: monthly won revenue by region, seasonal-naive (season 12) for 6 months
    won = df[df["won"] == 1]
    monthly = (won.groupby([won["close_date"].dt.to_period("M"), "region"])["amount"].sum()
               .unstack("region").sort_index())
    full = pd.period_range(monthly.index.min(), monthly.index.max(), freq="M")
    monthly = monthly.reindex(full, fill_value=0).fillna(0)
    horizon, season = 6, 12
    forecast = {}
    for region in monthly.columns:
        hist = monthly[region].to_numpy()
        forecast[region] = [float(hist[len(hist) - season + (h % season)]) if len(hist) >= season else float(hist[-1])
                            for h in range(horizon)]
    summary["forecastTotals"] = {r: sum(v) for r, v in forecast.items()}

    # allocate cell: split a budget across regions with diminishing returns (3 piecewise-linear
    # segments per region, returns proportional to the forecast), each region 10%..50% of it.
    regions = list(forecast)
    budget = 1_000_000.0
    weights = np.array([max(sum(forecast[r]), 1.0) for r in regions])
    weights = weights / weights.sum()
    slopes = [1.0, 0.6, 0.3]
    seg_cap = budget / 4
    c, A_eq, bounds = [], [], []
    for i, _ in enumerate(regions):
        for s in slopes:
            c.append(-weights[i] * s)
            bounds.append((0, seg_cap))
    n = len(c)
    A_eq = [np.ones(n)]
    A_ub, b_ub = [], []
    for i in range(len(regions)):
        row = np.zeros(n)
        row[i * 3:(i + 1) * 3] = 1
        A_ub.append(row)
        b_ub.append(0.5 * budget)
        A_ub.append(-row)
        b_ub.append(-0.1 * budget)
    res = linprog(c, A_ub=np.array(A_ub), b_ub=b_ub, A_eq=np.array(A_eq), b_eq=[budget], bounds=bounds, method="highs")
    summary["allocation"] = {"status": res.message, "objective": float(-res.fun) if res.success else None,
                             "spend": {r: float(res.x[i * 3:(i + 1) * 3].sum()) for i, r in enumerate(regions)} if res.success else None}
    return rows, summary


WORKLOADS = {"ingest": ingest, "default_notebook": default_notebook}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workload", required=True, choices=sorted(WORKLOADS))
    ap.add_argument("--csv", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    try:
        if args.workload == "default_notebook":
            import scipy.optimize  # noqa: F401
            import sklearn  # noqa: F401
    except ImportError as err:
        print(json.dumps({"error": f"missing python package: {err.name or err}"}))
        sys.exit(3)

    fn = WORKLOADS[args.workload]
    fn(args.csv)  # warm-up: imports, page cache
    runs, rows, summary = [], 0, None
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        rows, summary = fn(args.csv)
        runs.append((time.perf_counter() - t0) * 1000)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "workload": args.workload,
        "ms": statistics.median(runs),
        "runs": runs,
        "rows": rows,
        "peakRssMB": peak_kib / 1024,
        "versions": versions(),
        "summary": summary,
    }))


if __name__ == "__main__":
    main()
