#!/usr/bin/python3
"""Native reference for `npm run bench`: the same workloads in pandas / scikit-learn / scipy.

    /usr/bin/python3 scripts/bench-baseline.py --workload NAME --csv PATH [--repeat 3] [--params JSON]

NAME is a workload of scripts/bench.mjs; --params carries the workload's own settings (its cell
parameters, from scripts/bench-workloads/) so the baseline does the same work as the notebook.

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
    for name in ("sklearn", "scipy", "statsmodels"):
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


def timed_read(fn):
    """Runs fn() and returns (result, milliseconds): the baselines report their read time apart."""
    t0 = time.perf_counter()
    out = fn()
    return out, (time.perf_counter() - t0) * 1000


def preprocess_1M(path, params):
    """PREPROCESS_1M_STEPS in pandas: split first (the app moves the split before the first fitted
    step), then median-impute, one-hot, standard-scale (training rows' mean and population sd),
    date parts, derive, with the column lists read from the notebook's steps."""
    from sklearn.model_selection import train_test_split

    steps = {s["op"]: s for s in params["steps"]}
    df, read_ms = timed_read(lambda: pd.read_csv(path, parse_dates=[steps["date_parts"]["column"]]))
    rows = len(df)
    split = steps["split"]
    strat = df[split["stratify"]] if split.get("stratify") else None
    train_idx, test_idx = train_test_split(np.arange(rows), test_size=split["test"], random_state=split.get("seed", 42), stratify=strat)
    is_train = np.zeros(rows, dtype=bool)
    is_train[train_idx] = True
    train = df[is_train]
    imp = steps["impute"]
    medians = {c: float(train[c].median()) for c in imp["columns"]}
    df = df.fillna(medians)
    df = pd.get_dummies(df, columns=steps["onehot"]["columns"], dtype=float)
    sc = steps["scale"]["columns"]
    train = df[is_train]
    mean, std = train[sc].mean(), train[sc].std(ddof=0).replace(0, 1)
    df[sc] = (df[sc] - mean) / std
    dp = steps["date_parts"]
    d = df[dp["column"]].dt
    parts = {"year": d.year, "quarter": d.quarter, "month": d.month, "week": d.isocalendar().week.astype(int), "dayofweek": d.dayofweek, "day": d.day}
    for part in dp["parts"]:
        df[f"{dp['column']}_{part}"] = parts[part]
    derive = steps["derive"]
    if derive["expr"] != "if(seats > 0, amount / seats, 0)":
        raise ValueError(f"bench-baseline.py knows only the derive expression of PREPROCESS_1M_STEPS, not {derive['expr']!r}")
    df[derive["name"]] = np.where(df["seats"] > 0, df["amount"] / df["seats"].where(df["seats"] != 0, 1), 0.0)
    df["split"] = np.where(is_train, "train", "test")
    return rows, {"readMs": read_ms, "columns": int(df.shape[1]), "train": int(is_train.sum()), "test": int((~is_train).sum()), "medians": medians}


def allocate_10k(path, params):
    """The allocate cell's LP (src/core/allocate/build.ts) on the same units, solved by
    scipy.optimize.linprog(method="highs"): spend x_u in [min_u, max_u]; each saturating curve
    a(1 - e^(-x/b)) cut into K equal chords s_uj in [0, w_u] over [0, min(max_u, total(1 + 1/(2K)))]
    priced at the chord slopes; x_u - sum_j s_uj = 0; sum_u x_u <= total. Sparse matrices, HiGHS
    presolve off as in the app."""
    from scipy import sparse
    from scipy.optimize import linprog

    df, read_ms = timed_read(lambda: pd.read_csv(path))
    n, k, total = len(df), int(params["segments"]), float(params["total"])
    lo, hi = df["min"].to_numpy(float), df["max"].to_numpy(float)
    a, b = df["a"].to_numpy(float), df["b"].to_numpy(float)
    up_to = np.minimum(hi, total * (1 + 0.5 / k))
    if (up_to < hi).any():
        raise ValueError("a unit's maximum is above the chord range; the baseline has no tail columns")
    w = up_to / k
    j = np.arange(k)
    slopes = a[:, None] * (np.exp(-j * w[:, None] / b[:, None]) - np.exp(-(j + 1) * w[:, None] / b[:, None])) / w[:, None]
    c = np.concatenate([np.zeros(n), -slopes.ravel()])  # linprog minimises
    bounds = np.column_stack([np.concatenate([lo, np.zeros(n * k)]), np.concatenate([hi, np.repeat(w, k)])])
    rows_eq = np.concatenate([np.arange(n), np.repeat(np.arange(n), k)])
    cols_eq = np.arange(n + n * k)
    vals_eq = np.concatenate([np.ones(n), -np.ones(n * k)])
    a_eq = sparse.csr_matrix((vals_eq, (rows_eq, cols_eq)), shape=(n, n + n * k))
    a_ub = sparse.csr_matrix((np.ones(n), (np.zeros(n, dtype=int), np.arange(n))), shape=(1, n + n * k))
    # presolve off, as the app solves LPs (src/core/allocate/solve-options.ts): on this shape HiGHS's
    # presolve costs far more than the solve (about 32 s against 2 s here with scipy 1.10).
    res = linprog(c, A_ub=a_ub, b_ub=[total], A_eq=a_eq, b_eq=np.zeros(n), bounds=bounds, method="highs", options={"presolve": False})
    return n, {"readMs": read_ms, "status": res.message, "columns": n + n * k, "rows": n + 1,
               "objective": float(-res.fun) if res.success else None,
               "allocated": float(res.x[:n].sum()) if res.success else None,
               "budgetShadowPrice": float(-res.ineqlin.marginals[0]) if res.success else None}


SEGMENT_GRID = {  # (R score, F score) -> segment, docs/customer-analytics.md
    5: ["New", "Potential loyalists", "Potential loyalists", "Champions", "Champions"],
    4: ["Promising", "Potential loyalists", "Potential loyalists", "Loyal", "Loyal"],
    3: ["Need attention", "Need attention", "Need attention", "Loyal", "Loyal"],
    2: ["Hibernating", "Hibernating", "At risk", "At risk", "Cannot lose them"],
    1: ["Lost", "Lost", "At risk", "At risk", "Cannot lose them"],
}


def rfm_online_retail(path, params):
    """read_csv of the gzip file, the rfm cell's cleaning (no customer, cancelled invoices,
    quantity or price <= 0, on/after the snapshot), groupby recency/frequency/monetary, midrank
    quintile scores ceil(5 * rank(average) / n) and the R x F segment grid."""
    cols = params
    df, read_ms = timed_read(lambda: pd.read_csv(path, parse_dates=[cols["date"]], dtype={cols["invoice"]: str, "StockCode": str}))
    rows = len(df)
    cust, inv, date, qty, price = cols["customer"], cols["invoice"], cols["date"], cols["quantity"], cols["price"]
    df = df[df[cust].notna()]
    df = df[~df[inv].str.startswith("C")]
    df = df[(df[qty] > 0) & (df[price] > 0) & df[date].notna()]
    snapshot = pd.Timestamp(cols["snapshot"])
    df = df[df[date] < snapshot]
    df = df.assign(amount=df[qty] * df[price])
    g = df.groupby(cust)
    rfm = pd.DataFrame({"recency": (snapshot - g[date].max()).dt.days, "frequency": g[inv].nunique(), "monetary": g["amount"].sum()})
    n = len(rfm)
    score = lambda v, asc: np.ceil(5 * v.rank(method="average", ascending=asc) / n).astype(int)
    rfm["r"], rfm["f"], rfm["m"] = score(rfm["recency"], False), score(rfm["frequency"], True), score(rfm["monetary"], True)
    rfm["segment"] = [SEGMENT_GRID[r][f - 1] for r, f in zip(rfm["r"], rfm["f"])]
    return rows, {"readMs": read_ms, "keptRows": int(len(df)), "customers": n, "revenue": float(rfm["monetary"].sum()),
                  "segments": {k: int(v) for k, v in rfm["segment"].value_counts().items()}}


def basket_groceries(path, params):
    """Frequent itemsets by a level-wise Apriori over Python big-int bitsets (one bit per basket;
    support = popcount of the AND), as test/reference/customers_reference.py counts them, then the
    rules X => y with one-item consequents (mlxtend is not installed)."""
    def read():
        with open(path, encoding="utf8") as fh:
            lines = fh.read().splitlines()
        return [set(i.strip() for i in l.split(params.get("separator", ",")) if i.strip()) for l in lines if l.strip()]
    baskets, read_ms = timed_read(read)
    n = len(baskets)
    min_count = int(np.ceil(params["minSupport"] * n - 1e-9))
    bits = {}
    for t, b in enumerate(baskets):
        for i in b:
            bits[i] = bits.get(i, 0) | (1 << t)
    level = {frozenset([i]): v for i, v in bits.items() if bin(v).count("1") >= min_count}
    counts = {k: bin(v).count("1") for k, v in level.items()}
    while level:
        nxt = {}
        keys = sorted(level, key=lambda s: sorted(s))
        for i, s1 in enumerate(keys):
            for s2 in keys[i + 1:]:
                u = s1 | s2
                if len(u) != len(s1) + 1 or u in nxt:
                    continue
                if any((u - {e}) not in level for e in u):
                    continue
                v = level[s1] & level[s2]
                c = bin(v).count("1")
                if c >= min_count:
                    nxt[u] = v
                    counts[u] = c
        level = nxt
    rules = 0
    for s, c in counts.items():
        if len(s) < 2:
            continue
        for y in s:
            if c / counts[s - {y}] >= params["minConfidence"]:
                rules += 1
    return n, {"readMs": read_ms, "items": len(bits), "itemsets": len(counts), "rules": rules}


def ets_200series_104w(path, params):
    """statsmodels ExponentialSmoothing per series: additive trend and season (seasonal_periods =
    the cell's season), initial states as the cell's etsInit (heuristic or estimated), smoothing
    parameters fitted, then forecast(horizon)."""
    import warnings
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    df, read_ms = timed_read(lambda: pd.read_csv(path, parse_dates=[params["time"]]))
    init = "heuristic" if params.get("etsInit") == "heuristic" else "estimated"
    total, alphas = 0.0, []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _, g in df.groupby(params["groupBy"], sort=True):
            y = g.groupby(params["time"])[params["value"]].sum().sort_index().to_numpy(float)
            fit = ExponentialSmoothing(y, trend="add", seasonal="add", seasonal_periods=int(params["season"]), initialization_method=init).fit()
            total += float(fit.forecast(int(params["horizon"])).sum())
            alphas.append(float(fit.params["smoothing_level"]))
    return len(df), {"readMs": read_ms, "series": len(alphas), "initialization": init, "forecastTotal": total, "meanAlpha": float(np.mean(alphas))}


def kmeans_1Mx8(path, params):
    """sklearn KMeans (lloyd, k-means++ init, n_init, max_iter and tol as the cell's), plus the
    silhouette on a 3,000-row sample as the cell reports it."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    df, read_ms = timed_read(lambda: pd.read_csv(path))
    x = df[params["features"]].to_numpy(np.float64)
    if params.get("scale", True):
        x = (x - x.mean(0)) / x.std(0)
    km = KMeans(n_clusters=params["k"], n_init=params["nInit"], max_iter=params["maxIter"], tol=params["tol"], random_state=params.get("seed", 42), algorithm="lloyd").fit(x)
    sil = silhouette_score(x, km.labels_, sample_size=min(3000, len(x)), random_state=0)
    return len(df), {"readMs": read_ms, "inertia": float(km.inertia_), "iterations": int(km.n_iter_), "silhouette": float(sil),
                     "sizes": np.bincount(km.labels_).tolist()}


def forest_100k(path, params):
    """sklearn RandomForestRegressor with the cell's tree count, all features per split (the app's
    "auto" for regression), bootstrap with out-of-bag score, default n_jobs (one core); fit on every
    row, predict every row."""
    from sklearn.ensemble import RandomForestRegressor
    from sklearn.metrics import r2_score

    df, read_ms = timed_read(lambda: pd.read_csv(path))
    x, y = df[params["features"]].to_numpy(np.float64), df[params["target"]].to_numpy(np.float64)
    rf = RandomForestRegressor(n_estimators=params["nTrees"], max_features=1.0, bootstrap=True, oob_score=True, random_state=42).fit(x, y)
    pred = rf.predict(x)
    return len(df), {"readMs": read_ms, "trees": params["nTrees"], "trainR2": float(r2_score(y, pred)), "oobR2": float(rf.oob_score_)}


def mlp_100k(path, params):
    """sklearn MLPRegressor: the cell's hidden layers and activation, Adam at the cell's learning
    rate, its batch size, exactly its epochs (no early stopping, no L2), float64; fit on every row,
    predict every row."""
    import warnings
    from sklearn.metrics import r2_score
    from sklearn.neural_network import MLPRegressor

    df, read_ms = timed_read(lambda: pd.read_csv(path))
    x, y = df[params["features"]].to_numpy(np.float64), df[params["target"]].to_numpy(np.float64)
    hidden = tuple(int(h) for h in str(params["hidden"]).split(","))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mlp = MLPRegressor(hidden_layer_sizes=hidden, activation=params["activation"], solver="adam", alpha=0.0,
                           batch_size=params["batchSize"], learning_rate_init=params["learningRate"], max_iter=params["epochs"],
                           shuffle=True, random_state=42, early_stopping=False, tol=0.0, n_iter_no_change=10 ** 9).fit(x, y)
    pred = mlp.predict(x)
    return len(df), {"readMs": read_ms, "epochs": int(mlp.n_iter_), "trainR2": float(r2_score(y, pred)), "finalLoss": float(mlp.loss_)}


WORKLOADS = {"ingest": lambda path, params: ingest(path), "default_notebook": lambda path, params: default_notebook(path),
             "preprocess_1M": preprocess_1M, "allocate_10k": allocate_10k, "rfm_online_retail": rfm_online_retail,
             "basket_groceries": basket_groceries, "ets_200series_104w": ets_200series_104w, "kmeans_1Mx8": kmeans_1Mx8,
             "forest_100k": forest_100k, "mlp_100k": mlp_100k}
NEEDS = {"default_notebook": ["scipy.optimize", "sklearn"], "preprocess_1M": ["sklearn"], "allocate_10k": ["scipy.optimize"],
         "ets_200series_104w": ["statsmodels"], "kmeans_1Mx8": ["sklearn"], "forest_100k": ["sklearn"], "mlp_100k": ["sklearn"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workload", required=True, choices=sorted(WORKLOADS))
    ap.add_argument("--csv", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--params", default="{}", help="the workload's parameters as JSON (from scripts/bench-workloads/)")
    args = ap.parse_args()
    params = json.loads(args.params)
    try:
        for name in NEEDS.get(args.workload, []):
            __import__(name)
    except ImportError as err:
        print(json.dumps({"error": f"missing python package: {err.name or err}"}))
        sys.exit(3)

    fn = WORKLOADS[args.workload]
    fn(args.csv, params)  # warm-up: imports, page cache
    runs, rows, summary = [], 0, None
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        rows, summary = fn(args.csv, params)
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
