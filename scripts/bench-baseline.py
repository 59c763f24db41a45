#!/usr/bin/python3
"""Native reference for `npm run bench`: the same workloads in pandas / scikit-learn / scipy.

    /usr/bin/python3 scripts/bench-baseline.py --workload NAME --csv PATH [--repeat 3] [--warmup 1] [--params JSON]

NAME is a workload of scripts/bench.mjs; --params carries the workload's own settings (its cell
parameters, from scripts/bench-workloads/) so the baseline does the same work as the notebook.

Prints one JSON object on stdout: {"workload", "ms", "runs", "readMs", "fitMs", "rows", "peakRssMB", "versions",
"summary"} (ms is the median of the timed runs, after one untimed warm-up run unless --warmup 0;
readMs is the median time the baseline spent reading its file, for the baselines that report it in
their summary, and fitMs the median of each run's time minus its read). When a package is missing it
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
    """The default notebook's 16 cells (public/notebooks/default.json), in order, done the pandas /
    scikit-learn / statsmodels / scipy way: equivalent work, not a port. docs/benchmarks.md maps
    each cell to its step here. The order lines are read from order_lines.csv beside `path`."""
    import os
    import warnings

    summary = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # data cell "deals": read + type parsing (dates parsed; the app infers them)
        df = pd.read_csv(path, parse_dates=["created_date", "close_date"])
        rows = len(df)
        summary["rows"] = rows
        X, split, feats = _dn_preprocess(df, summary)            # preprocess cell "clean"
        win_p, coefs = _dn_logistic(df, X, split, feats, summary)  # model cell "win"
        gb_p = _dn_boosting(df, X, split, summary)               # model cell "win_gb"
        _dn_evaluate_classifiers(df, split, {"model": win_p, "compare": gb_p}, summary)  # evaluate "win_eval"
        size_pred = _dn_linear(df, X, split, feats, summary)     # model cell "size"
        _dn_evaluate_regression(df, split, size_pred, summary)   # evaluate "size_eval"
        chart = coefs.reindex(coefs["estimate"].abs().sort_values(ascending=False).index)  # chart "drivers"
        summary["driversTop"] = chart["feature"].iloc[0]
        forecast = _dn_forecast(df, summary)                     # forecast cell "revenue"
        _dn_allocate(forecast, summary)                          # allocate cell "budget"
        # data cell "orders"
        orders = pd.read_csv(os.path.join(os.path.dirname(path), "order_lines.csv"), parse_dates=["invoice_date"])
        clean = _dn_clean_orders(orders, summary)
        _dn_rfm(clean, summary)                                  # rfm cell "segments"
        _dn_clv(clean, summary)                                  # clv cell "lifetime"
        _dn_basket(orders, summary)                              # basket cell "bundles" (no cleaning rules)
    return rows, summary


def _dn_preprocess(df, summary):
    """impute median lead_score, one-hot region/segment/lead_source (drop first, sorted train
    categories), standard-scale 3 columns, stratified 80/20 split on won (missing won is a stratum
    of its own, as the app's split). The split comes first: the fitted steps learn from train rows."""
    from sklearn.model_selection import train_test_split

    strat = df["won"].fillna(-1).astype(int)
    train_idx, _ = train_test_split(np.arange(len(df)), test_size=0.2, random_state=42, stratify=strat)
    split = np.zeros(len(df), dtype=bool)
    split[train_idx] = True  # True = train
    numeric = ["marketing_touches", "discount", "lead_score"]
    cats = ["region", "segment", "lead_source"]
    feats = df[numeric].astype(float).copy()
    median = feats.loc[split, "lead_score"].median()
    feats["lead_score"] = feats["lead_score"].fillna(median)
    for c in cats:
        levels = sorted(df.loc[split, c].dropna().unique())
        for lv in levels[1:]:
            feats[f"{c}={lv}"] = (df[c] == lv).astype(float)
    mean = feats.loc[split, numeric].mean()
    std = feats.loc[split, numeric].std(ddof=0).replace(0, 1)
    feats[numeric] = (feats[numeric] - mean) / std
    summary["preprocess"] = {"leadScoreMedian": float(median), "columns": int(feats.shape[1]), "train": int(split.sum()), "test": int((~split).sum())}
    return feats.to_numpy(np.float64), split, list(feats.columns)


def _dn_logistic(df, X, split, feats, summary):
    """LogisticRegression(C=1) (L2 on the coefficients, as the app's ½‖β‖²/C) on train rows with a
    known outcome; train and test metrics; the coefficients table, standardised, for the chart."""
    from sklearn.linear_model import LogisticRegression

    y = df["won"].to_numpy()
    known = ~np.isnan(y)
    tr = split & known
    clf = LogisticRegression(C=1.0, max_iter=1000).fit(X[tr], y[tr].astype(int))
    p = clf.predict_proba(X)[:, 1]
    sd = X[tr].std(axis=0)
    coefs = pd.DataFrame({"feature": feats, "estimate": clf.coef_[0] * sd})
    summary["win"] = {"train": _dn_binary(y[tr], p[tr]), "test": _dn_binary(y[~split & known], p[~split & known])}
    return p, coefs


def _dn_boosting(df, X, split, summary):
    """HistGradientBoostingClassifier with the app's defaults (src/core/models/trees/gradient-boosting.ts:
    100 iterations, rate 0.1, 31 leaves, no depth limit, 20 per leaf, l2 0, 255 bins; early stopping
    "auto" = only above 10,000 training rows, so off here, as in the app)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    y = df["won"].to_numpy()
    known = ~np.isnan(y)
    tr = split & known
    gb = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, max_depth=None, min_samples_leaf=20,
                                        l2_regularization=0.0, max_bins=255, early_stopping="auto", validation_fraction=0.1,
                                        n_iter_no_change=10, tol=1e-7, random_state=42).fit(X[tr], y[tr].astype(int))
    p = gb.predict_proba(X)[:, 1]
    summary["winGb"] = {"iterations": int(gb.n_iter_), "train": _dn_binary(y[tr], p[tr]), "test": _dn_binary(y[~split & known], p[~split & known])}
    return p


def _dn_binary(y, p, threshold=0.5):
    from sklearn.metrics import accuracy_score, f1_score, log_loss, precision_score, recall_score, roc_auc_score

    y = y.astype(int)
    pred = (p >= threshold).astype(int)
    return {"auc": float(roc_auc_score(y, p)), "accuracy": float(accuracy_score(y, pred)), "precision": float(precision_score(y, pred, zero_division=0)),
            "recall": float(recall_score(y, pred)), "f1": float(f1_score(y, pred)), "logLoss": float(log_loss(y, p))}


def _dn_evaluate_classifiers(df, split, scores, summary):
    """evaluate cell: both models on the test rows: binary metrics, average precision, confusion
    matrix, ROC and PR curves."""
    from sklearn.metrics import average_precision_score, confusion_matrix, precision_recall_curve, roc_curve

    y = df["won"].to_numpy()
    rows = ~split & ~np.isnan(y)
    out = {}
    for role, p in scores.items():
        yt, s = y[rows].astype(int), p[rows]
        m = _dn_binary(yt, s)
        m["averagePrecision"] = float(average_precision_score(yt, s))
        cm = confusion_matrix(yt, (s >= 0.5).astype(int), labels=[0, 1])
        fpr, _, _ = roc_curve(yt, s)
        rec, _, _ = precision_recall_curve(yt, s)
        m["confusion"] = cm.tolist()
        m["rocPoints"], m["prPoints"] = int(len(fpr)), int(len(rec))
        out[role] = m
    summary["winEval"] = {"n": int(rows.sum()), **out}


def _dn_linear(df, X, split, feats, summary):
    """LinearRegression for amount (every train row has an amount, open deals included), and the
    coefficient table with standard errors, t and p as the app's linear model reports."""
    from scipy import stats
    from sklearn.linear_model import LinearRegression

    y = df["amount"].to_numpy(np.float64)
    reg = LinearRegression().fit(X[split], y[split])
    pred = reg.predict(X)
    A = np.column_stack([np.ones(split.sum()), X[split]])
    resid = y[split] - pred[split]
    dof = A.shape[0] - A.shape[1]
    cov = np.linalg.inv(A.T @ A) * (resid @ resid / dof)
    se = np.sqrt(np.diag(cov))
    t = np.concatenate([[reg.intercept_], reg.coef_]) / se
    pvals = 2 * stats.t.sf(np.abs(t), dof)
    summary["size"] = {"train": _dn_regression(y[split], pred[split]), "significant": int((pvals < 0.05).sum())}
    return pred


def _dn_regression(y, pred):
    from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

    return {"r2": float(r2_score(y, pred)), "rmse": float(np.sqrt(mean_squared_error(y, pred))), "mae": float(mean_absolute_error(y, pred))}


def _dn_evaluate_regression(df, split, pred, summary):
    y = df["amount"].to_numpy(np.float64)
    summary["sizeEval"] = {"n": int((~split).sum()), **_dn_regression(y[~split], pred[~split])}


# ---- forecast cell: method "auto" per region (docs/forecasting.md) ----

def _dn_forecast(df, summary, horizon=6, m=12, level=0.9):
    """Won deals, amount summed by close_date month x region (gaps filled with 0). Per region, the
    five candidates are fitted to the whole history, backtested on one rolling-origin fold (train on
    all but the last m months, forecast m), and the lowest backtest MAE (ties: the simpler) forecasts
    6 months with a 90% interval. ETS and ARIMA keep the form chosen on the whole history and are
    re-estimated on the fold, warm-started, as the app does."""
    won = df[df["won"] == 1]
    monthly = won.groupby([won["region"], won["close_date"].dt.to_period("M")])["amount"].sum()
    out, chosen, backtest = {}, {}, {}
    for region in sorted(monthly.index.get_level_values(0).unique()):
        s = monthly.loc[region]
        s = s.reindex(pd.period_range(s.index.min(), s.index.max(), freq="M"), fill_value=0.0)
        y = s.to_numpy(np.float64)
        cands = [("naive", _dn_naive), ("seasonal_naive", _dn_snaive), ("linear_seasonal", _dn_linseason), ("ets", _dn_ets), ("arima", _dn_arima)]
        maes, fits = {}, {}
        for name, fit in cands:
            try:
                full = fit(y, m, None)
                fold = fit(y[:-m], m, full)
                maes[name] = float(np.mean(np.abs(y[-m:] - fold["predict"](m))))
                fits[name] = full
            except Exception:  # noqa: BLE001 - a failing candidate is skipped, as the app does
                continue
        best = min(maes, key=lambda k: maes[k])  # dict order = simplest first, so ties go to the earlier
        point, lower, upper = fits[best]["interval"](horizon, level)
        out[region] = np.asarray(point, float)
        chosen[region] = best + (f" {fits[best]['form']}" if "form" in fits[best] else "")
        backtest[region] = maes
    summary["forecast"] = {"series": len(out), "chosen": chosen, "totals": {r: float(v.sum()) for r, v in out.items()}}
    return out


def _dn_norm_band(point, sd, level):
    from scipy.stats import norm
    z = norm.ppf(0.5 + level / 2)
    return point, point - z * sd, point + z * sd


def _dn_naive(y, m, warm):
    sigma = np.sqrt(np.mean(np.diff(y) ** 2))
    h = lambda n: np.arange(1, n + 1)
    return {"predict": lambda n: np.repeat(y[-1], n),
            "interval": lambda n, lv: _dn_norm_band(np.repeat(y[-1], n), sigma * np.sqrt(h(n)), lv)}


def _dn_snaive(y, m, warm):
    if len(y) < m:
        raise ValueError("shorter than a season")
    sigma = np.sqrt(np.mean((y[m:] - y[:-m]) ** 2))
    pred = lambda n: np.array([y[len(y) - m + (i % m)] for i in range(n)])
    return {"predict": pred,
            "interval": lambda n, lv: _dn_norm_band(pred(n), sigma * np.sqrt(np.arange(n) // m + 1), lv)}


def _dn_linseason(y, m, warm):
    import statsmodels.api as sm

    def design(t):
        season = np.zeros((len(t), m - 1))
        for i, ti in enumerate(t):
            if ti % m:
                season[i, ti % m - 1] = 1
        return np.column_stack([np.ones(len(t)), t, season])
    n = len(y)
    res = sm.OLS(y, design(np.arange(n))).fit()
    fut = lambda k: design(np.arange(n, n + k))

    def interval(k, lv):
        f = res.get_prediction(fut(k)).summary_frame(alpha=1 - lv)
        return f["mean"].to_numpy(), f["obs_ci_lower"].to_numpy(), f["obs_ci_upper"].to_numpy()
    return {"predict": lambda k: res.predict(fut(k)), "interval": interval}


def _dn_ets_forms(y):
    forms = []
    for err in ("add", "mul"):
        for trend, damped in ((None, False), ("add", False), ("add", True)):
            for season in (None, "add", "mul"):
                if err == "add" and season == "mul":
                    continue
                if (err == "mul" or season == "mul") and (y <= 0).any():
                    continue
                forms.append((err, trend, damped, season))
    return forms


def _dn_ets(y, m, warm):
    """statsmodels ETSModel (ML, initial states estimated). Whole history: every form the app's auto
    tries (A/M error, N/A/Ad trend, N/A/M season, no A-error with M-season, nothing multiplicative
    with a value <= 0), lowest AICc. Fold: the chosen form, re-estimated from the full fit's params."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    def fit(form, start=None):
        err, trend, damped, season = form
        mod = ETSModel(pd.Series(y, index=pd.date_range("2000-01-01", periods=len(y), freq="MS")), error=err, trend=trend, damped_trend=damped, seasonal=season, seasonal_periods=m if season else None,
                       initialization_method="estimated")
        return mod.fit(disp=False, start_params=start, maxiter=1000)
    if warm is None:
        best, best_aicc, best_form = None, np.inf, None
        for form in _dn_ets_forms(y):
            try:
                r = fit(form)
            except Exception:  # noqa: BLE001
                continue
            if np.isfinite(r.aicc) and r.aicc < best_aicc:
                best, best_aicc, best_form = r, r.aicc, form
        if best is None:
            raise ValueError("no ETS form fitted")
        res, form = best, best_form
    else:
        form = warm["formTuple"]
        try:
            res = fit(form, warm["params"])
        except Exception:  # noqa: BLE001
            res = fit(form)

    def interval(k, lv):
        f = res.get_prediction(start=len(y), end=len(y) + k - 1).summary_frame(alpha=1 - lv)
        return f["mean"].to_numpy(), f["pi_lower"].to_numpy(), f["pi_upper"].to_numpy()
    predict = lambda k: np.asarray(res.forecast(k), float)
    letters = "".join(["A" if form[0] == "add" else "M", "N" if form[1] is None else ("Ad" if form[2] else "A"),
                       "N" if form[3] is None else ("A" if form[3] == "add" else "M")])
    return {"predict": predict, "interval": interval, "form": letters, "formTuple": form, "params": res.params}


def _dn_arima_orders(y, m):
    """Hyndman & Khandakar's differencing choices as docs/forecasting.md gives them: D = 1 when the
    seasonal strength of a classical decomposition exceeds 0.64; d by KPSS (level, lag floor(3 sqrt(n)/13),
    5% critical 0.463) up to 2."""
    import warnings

    from statsmodels.tsa.seasonal import seasonal_decompose
    from statsmodels.tsa.stattools import kpss

    D = 0
    if len(y) >= 2 * m + 1:
        dec = seasonal_decompose(y, period=m, model="additive")
        r, s = dec.resid, dec.seasonal
        ok = ~np.isnan(r)
        strength = 1 - np.var(r[ok]) / np.var(s[ok] + r[ok])
        D = int(strength > 0.64)
    z = y[m:] - y[:-m] if D else y.copy()
    d = 0
    while d < 2 and len(z) > 3 and np.ptp(z) > 0:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "statistic outside the look-up table": only the statistic is used
            stat = kpss(z, regression="c", nlags=int(np.floor(3 * np.sqrt(len(z)) / 13)))[0]
        if stat <= 0.463:
            break
        z = np.diff(z)
        d += 1
    return d, D


def _dn_arima(y, m, warm):
    """statsmodels SARIMAX, a stepwise search like the app's (src/core/forecast/arima-auto.ts): from
    (2,d,2)(1,D,1), (0,d,0)(0,D,0), (1,d,0)(1,D,0), (0,d,1)(0,D,1), move p, q, P, Q by +-1 (alone or
    in pairs) while AICc falls; p, q <= 5, P, Q <= 1, p+q+P+Q <= 6, at most 24 fits; a constant only
    when d + D = 0. Fold: the chosen order, re-estimated from the full fit's params."""
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    def fit(order, start=None):
        p, d, q, P, D, Q = order
        mod = SARIMAX(y, order=(p, d, q), seasonal_order=(P, D, Q, m) if (P or D or Q) else (0, 0, 0, 0),
                      trend="c" if d + D == 0 else "n")
        return mod.fit(disp=False, start_params=start, maxiter=200)
    if warm is None:
        d, D = _dn_arima_orders(y, m)
        seen, fits = {}, 0

        def score(o):
            nonlocal fits
            if o in seen:
                return seen[o]
            p, _, q, P, _, Q = o
            if min(o) < 0 or p > 5 or q > 5 or P > 1 or Q > 1 or p + q + P + Q > 6 or fits >= 24:
                return None
            fits += 1
            try:
                r = fit(o)
                seen[o] = (r.aicc if np.isfinite(r.aicc) else np.inf, r)
            except Exception:  # noqa: BLE001
                seen[o] = (np.inf, None)
            return seen[o]
        starts = [(2, d, 2, 1, D, 1), (0, d, 0, 0, D, 0), (1, d, 0, 1, D, 0), (0, d, 1, 0, D, 1)]
        best = None
        for o in starts:
            s = score(o)
            if s and s[1] is not None and (best is None or s[0] < seen[best][0]):
                best = o
        if best is None:
            raise ValueError("no ARIMA fitted")
        moves = [(dp, dq, dP, dQ) for dp in (-1, 0, 1) for dq in (-1, 0, 1) for dP in (-1, 0, 1) for dQ in (-1, 0, 1)
                 if 0 < sum(map(abs, (dp, dq, dP, dQ))) <= 2]
        improved = True
        while improved and fits < 24:
            improved = False
            for dp, dq, dP, dQ in moves:
                p, _, q, P, _, Q = best
                o = (p + dp, d, q + dq, P + dP, D, Q + dQ)
                s = score(o)
                if s and s[0] < seen[best][0]:
                    best, improved = o, True
                    break
        order, res = best, seen[best][1]
    else:
        order = warm["order"]
        try:
            res = fit(order, warm["params"])
        except Exception:  # noqa: BLE001
            res = fit(order)

    def interval(k, lv):
        f = res.get_forecast(k).summary_frame(alpha=1 - lv)
        return f["mean"].to_numpy(), f["mean_ci_lower"].to_numpy(), f["mean_ci_upper"].to_numpy()
    p, d, q, P, D, Q = order
    return {"predict": lambda k: res.forecast(k), "interval": interval, "form": f"({p},{d},{q})({P},{D},{Q})", "order": order, "params": res.params}


def _dn_allocate(forecast, summary, budget=600_000.0, lo=50_000.0, hi=250_000.0, lift_share=0.25, k=20):
    """allocate cell: units = the forecast series, a = liftShare x the unit's summed forecast,
    b = (budget / n units) / ln 2 (the halfSaturation default), K = 20 chords of a(1 - e^(-x/b)) over
    [0, min(max, budget(1 + 1/(2K)))] as src/core/allocate/build.ts writes them; x_u in [min, max],
    x_u - sum_j s_uj = 0, sum_u x_u <= budget; linprog(method="highs"), presolve off as in the app."""
    from scipy.optimize import linprog

    units = list(forecast)
    n = len(units)
    a = np.array([lift_share * forecast[u].sum() for u in units])
    b = np.full(n, budget / n / np.log(2))
    up_to = min(hi, budget * (1 + 0.5 / k))
    if up_to < hi:
        raise ValueError("tail columns not modelled")
    w = up_to / k
    j = np.arange(k)
    slopes = a[:, None] * (np.exp(-j * w / b[:, None]) - np.exp(-(j + 1) * w / b[:, None])) / w
    c = np.concatenate([np.zeros(n), -slopes.ravel()])
    bounds = [(lo, hi)] * n + [(0, w)] * (n * k)
    a_eq = np.zeros((n, n + n * k))
    for u in range(n):
        a_eq[u, u] = 1
        a_eq[u, n + u * k:n + (u + 1) * k] = -1
    a_ub = np.concatenate([np.ones(n), np.zeros(n * k)])[None, :]
    res = linprog(c, A_ub=a_ub, b_ub=[budget], A_eq=a_eq, b_eq=np.zeros(n), bounds=bounds, method="highs", options={"presolve": False})
    spend = res.x[:n] if res.success else np.full(n, np.nan)
    summary["allocate"] = {"status": res.message, "objective": float(-res.fun) if res.success else None,
                           "expectedReturn": float(np.sum(a * (1 - np.exp(-spend / b)))),
                           "spend": {u: float(x) for u, x in zip(units, spend)},
                           "budgetShadowPrice": float(-res.ineqlin.marginals[0]) if res.success else None}


def _dn_clean_orders(df, summary):
    """The customer cells' cleaning (docs/customer-analytics.md): no customer, invoice starting with
    C, quantity or price <= 0, no date; amount = quantity x price."""
    n = len(df)
    df = df[df["customer_id"].notna()]
    df = df[~df["invoice_id"].astype(str).str.startswith("C")]
    df = df[(df["quantity"] > 0) & (df["unit_price"] > 0) & df["invoice_date"].notna()]
    df = df.assign(amount=df["quantity"] * df["unit_price"])
    summary["orders"] = {"rows": n, "kept": int(len(df))}
    return df


def _dn_rfm(df, summary):
    """rfm cell: snapshot = the day after the last transaction; recency (days), frequency (distinct
    invoices), monetary; midrank quintile scores and the R x F segment grid."""
    snapshot = df["invoice_date"].max().normalize() + pd.Timedelta(days=1)
    g = df.groupby("customer_id")
    rfm = pd.DataFrame({"recency": (snapshot - g["invoice_date"].max()).dt.days, "frequency": g["invoice_id"].nunique(), "monetary": g["amount"].sum()})
    n = len(rfm)
    score = lambda v, asc: np.ceil(5 * v.rank(method="average", ascending=asc) / n).astype(int)
    rfm["r"], rfm["f"], rfm["m"] = score(rfm["recency"], False), score(rfm["frequency"], True), score(rfm["monetary"], True)
    rfm["segment"] = [SEGMENT_GRID[r][f - 1] for r, f in zip(rfm["r"], rfm["f"])]
    groups = rfm.groupby("segment")[["recency", "frequency", "monetary"]].mean()
    summary["rfm"] = {"customers": n, "revenue": float(rfm["monetary"].sum()), "segments": {k: int(v) for k, v in rfm["segment"].value_counts().items()},
                      "groups": int(len(groups))}


def _dn_clv(df, summary, unit_days=7.0, horizon_months=12, discount=0.01):
    """clv cell: purchases merged per customer and day; per customer x (repeat days), t_x and T in
    weeks to the last transaction day, m-bar (mean repeat value). BG/NBD and Gamma-Gamma by maximum
    likelihood (scipy.optimize.minimize, Nelder-Mead on log-parameters from all ones, restarted
    until no improvement, as the app), then expected purchases, P(alive) and the discounted 12-month
    CLV per customer (hyp2f1 in the Euler-transformed form)."""
    from scipy.optimize import minimize
    from scipy.special import betaln, gammaln, hyp2f1

    day = df["invoice_date"].dt.normalize()
    daily = df.groupby([df["customer_id"], day])["amount"].sum().reset_index()
    end = day.max()
    g = daily.groupby("customer_id")
    first, last, cnt = g["invoice_date"].min(), g["invoice_date"].max(), g.size()
    total = g["amount"].sum()
    first_val = daily.sort_values("invoice_date").groupby("customer_id")["amount"].first()
    x = (cnt - 1).to_numpy(float)
    tx = ((last - first).dt.days / unit_days).to_numpy(float)
    T = ((end - first).dt.days / unit_days).to_numpy(float)
    mbar = np.where(x > 0, (total - first_val).to_numpy(float) / np.maximum(x, 1), np.nan)

    def bg_nll(lp):
        r, alpha, a, b = np.exp(lp)
        A = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + betaln(a, b + x) - betaln(a, b)
        t1 = -(r + x) * np.log(alpha + T)
        t2 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
        return -np.sum(A + np.logaddexp(t1, t2))

    def fit(nll, k):
        start, best = np.zeros(k), None
        while True:
            res = minimize(nll, start, method="Nelder-Mead", options={"maxiter": 20000, "maxfev": 20000, "xatol": 1e-10, "fatol": 1e-10, "adaptive": True})
            if best is not None and res.fun >= best.fun - 1e-9:
                return best
            best, start = res, res.x
    r, alpha, a, b = np.exp(fit(bg_nll, 4).x)
    rep = (x > 0) & (mbar > 0)
    xr, mr = x[rep], mbar[rep]

    def gg_nll(lp):
        p, q, gam = np.exp(lp)
        return -np.sum(gammaln(p * xr + q) - gammaln(p * xr) - gammaln(q) + q * np.log(gam) + (p * xr - 1) * np.log(mr)
                       + p * xr * np.log(xr) - (p * xr + q) * np.log(gam + xr * mr))
    p, q, gam = np.exp(fit(gg_nll, 3).x)
    spend = np.where(x > 0, p * (gam + x * np.nan_to_num(mbar)) / (p * x + q - 1), p * gam / (q - 1))
    alive = 1 / (1 + np.where(x > 0, a / np.maximum(b + x - 1, 1e-300) * ((alpha + T) / (alpha + tx)) ** (r + x), 0))

    def expected(t):
        if t == 0:
            return np.zeros_like(x)
        z = t / (alpha + T + t)  # ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z), Euler-transformed:
        f = (1 - z) ** (a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z)
        return (a + b + x - 1) / (a - 1) * (1 - f) * alive
    month = 365.25 / 12 / unit_days
    ey = [expected(i * month) for i in range(horizon_months + 1)]
    clv = sum((ey[i] - ey[i - 1]) * spend / (1 + discount) ** i for i in range(1, horizon_months + 1))
    summary["clv"] = {"customers": int(len(x)), "bgnbd": {"r": float(r), "alpha": float(alpha), "a": float(a), "b": float(b)},
                      "gammaGamma": {"p": float(p), "q": float(q), "gamma": float(gam)}, "totalClv": float(np.sum(clv)),
                      "expectedPurchases": float(np.sum(ey[-1])), "meanPAlive": float(np.mean(alive))}


def _frequent_itemsets(baskets, min_count, max_len=None):
    """Level-wise Apriori over Python big-int bitsets (one bit per basket; support = popcount of
    the AND). Returns (item -> bitset, itemset -> count) for every itemset of at most max_len items
    with at least min_count baskets."""
    bits = {}
    for t, b in enumerate(baskets):
        for i in b:
            bits[i] = bits.get(i, 0) | (1 << t)
    level = {frozenset([i]): v for i, v in bits.items() if bin(v).count("1") >= min_count}
    counts = {k: bin(v).count("1") for k, v in level.items()}
    size = 1
    while level and (max_len is None or size < max_len):
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
        level, size = nxt, size + 1
    return bits, counts


def _dn_basket(df, summary, min_support=0.01, min_conf=0.3, max_len=3):
    """basket cell: invoices as baskets of products; frequent itemsets up to 3 items by a level-wise
    Apriori over Python big-int bitsets (as basket_groceries), then the rules with one-item
    consequents at confidence >= 0.3, with support, confidence and lift."""
    baskets = df.groupby("invoice_id")["product"].agg(lambda s: set(s.dropna()))
    n = len(baskets)
    min_count = int(np.ceil(min_support * n - 1e-9))
    bits, counts = _frequent_itemsets(baskets, min_count, max_len)
    rules = []
    for s, c in counts.items():
        if len(s) < 2:
            continue
        for y in s:
            conf = c / counts[s - {y}]
            if conf >= min_conf:
                rules.append((c / n, conf, conf / (counts[frozenset([y])] / n)))
    rules.sort(key=lambda r: -r[2])
    summary["basket"] = {"baskets": n, "items": len(bits), "itemsets": len(counts), "rules": len(rules),
                         "topLift": float(rules[0][2]) if rules else None}


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
    bits, counts = _frequent_itemsets(baskets, min_count)
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


def _read_xy(path, params):
    """The model workloads' read: the CSV (timed apart), then the features and target as float64."""
    df, read_ms = timed_read(lambda: pd.read_csv(path))
    return df, read_ms, df[params["features"]].to_numpy(np.float64), df[params["target"]].to_numpy(np.float64)


def linreg_1Mx20(path, params):
    """LinearRegression (with an intercept) on every row, predict every row, the training R², RMSE
    and MAE, and the coefficients' standard errors, t and p as the app's linear model reports them
    (σ²·(AᵀA)⁻¹ with A = [1, X])."""
    from scipy import stats
    from sklearn.linear_model import LinearRegression

    df, read_ms, x, y = _read_xy(path, params)
    reg = LinearRegression().fit(x, y)
    pred = reg.predict(x)
    a = np.column_stack([np.ones(len(x)), x])
    resid = y - pred
    dof = a.shape[0] - a.shape[1]
    cov = np.linalg.inv(a.T @ a) * (resid @ resid / dof)
    t = np.concatenate([[reg.intercept_], reg.coef_]) / np.sqrt(np.diag(cov))
    pvals = 2 * stats.t.sf(np.abs(t), dof)
    return len(df), {"readMs": read_ms, **_dn_regression(y, pred), "intercept": float(reg.intercept_),
                     "significant": int((pvals < 0.05).sum())}


def logreg_1Mx20(path, params):
    """LogisticRegression with the app's objective and solver: L2 ½‖β‖² + C·Σ log loss (intercept
    unpenalised), Newton's method with a Cholesky solve (sklearn's "newton-cholesky", as the app's
    IRLS), at most the cell's maxIter iterations, tol 1e-8 (the app stops when no standardised
    coefficient moves more than 1e-8). Fit on every row, predict every row, training metrics."""
    from sklearn.linear_model import LogisticRegression

    df, read_ms, x, y = _read_xy(path, params)
    clf = LogisticRegression(C=float(params.get("C", 1)), solver="newton-cholesky", max_iter=int(params.get("maxIter", 100)), tol=1e-8).fit(x, y.astype(int))
    p = clf.predict_proba(x)[:, 1]
    return len(df), {"readMs": read_ms, "iterations": int(clf.n_iter_[0]), **_dn_binary(y, p), "intercept": float(clf.intercept_[0])}


def gbdt_100it_1Mx20(path, params):
    """HistGradientBoostingRegressor (or Classifier for a classification task) with the cell's
    settings (src/core/models/trees/gradient-boosting.ts names them after sklearn's): max_iter,
    learning rate, leaves, depth (0 = none), rows per leaf, L2, bins; early stopping off on both
    sides. OpenMP threads (both cores). Fit on every row, predict every row, training metrics."""
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

    df, read_ms, x, y = _read_xy(path, params)
    if params.get("earlyStopping", "auto") != "off":
        raise ValueError("gbdt baseline: the cell must set earlyStopping off, as the baseline does")
    cls = HistGradientBoostingClassifier if params["task"] == "classification" else HistGradientBoostingRegressor
    gb = cls(max_iter=int(params["maxIter"]), learning_rate=float(params["learningRate"]), max_leaf_nodes=int(params["maxLeafNodes"]),
             max_depth=int(params["maxDepth"]) or None, min_samples_leaf=int(params["minSamplesLeaf"]),
             l2_regularization=float(params["l2"]), max_bins=int(params["maxBins"]), early_stopping=False, random_state=42)
    if params["task"] == "classification":
        gb.fit(x, y.astype(int))
        metrics = _dn_binary(y, gb.predict_proba(x)[:, 1])
    else:
        gb.fit(x, y)
        metrics = _dn_regression(y, gb.predict(x))
    return len(df), {"readMs": read_ms, "iterations": int(gb.n_iter_), **metrics}


WORKLOADS = {"ingest": lambda path, params: ingest(path), "default_notebook": lambda path, params: default_notebook(path),
             "preprocess_1M": preprocess_1M, "allocate_10k": allocate_10k, "rfm_online_retail": rfm_online_retail,
             "basket_groceries": basket_groceries, "ets_200series_104w": ets_200series_104w, "kmeans_1Mx8": kmeans_1Mx8,
             "forest_100k": forest_100k, "forest_100trees_100kx20": forest_100k, "mlp_100k": mlp_100k,
             "linreg_1Mx20": linreg_1Mx20, "logreg_1Mx20": logreg_1Mx20, "gbdt_100it_1Mx20": gbdt_100it_1Mx20}
NEEDS = {"default_notebook": ["scipy.optimize", "sklearn", "statsmodels"], "preprocess_1M": ["sklearn"], "allocate_10k": ["scipy.optimize"],
         "ets_200series_104w": ["statsmodels"], "kmeans_1Mx8": ["sklearn"], "forest_100k": ["sklearn"], "mlp_100k": ["sklearn"],
         "forest_100trees_100kx20": ["sklearn"], "linreg_1Mx20": ["scipy.stats", "sklearn"], "logreg_1Mx20": ["sklearn"], "gbdt_100it_1Mx20": ["sklearn"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workload", required=True, choices=sorted(WORKLOADS))
    ap.add_argument("--csv", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs first (imports, page cache); 0 for none")
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
    for _ in range(max(0, args.warmup)):
        fn(args.csv, params)  # warm-up: imports, page cache
    runs, reads, rows, summary = [], [], 0, None
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        rows, summary = fn(args.csv, params)
        runs.append((time.perf_counter() - t0) * 1000)
        reads.append(summary.get("readMs") if isinstance(summary, dict) else None)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "workload": args.workload,
        "ms": statistics.median(runs),
        "runs": runs,
        "readMs": statistics.median(reads) if None not in reads else None,
        "fitMs": statistics.median(r - d for r, d in zip(runs, reads)) if None not in reads else None,
        "rows": rows,
        "peakRssMB": peak_kib / 1024,
        "versions": versions(),
        "summary": summary,
    }))


if __name__ == "__main__":
    main()
