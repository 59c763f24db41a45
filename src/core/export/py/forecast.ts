/**
 * Forecast helpers (src/core/forecast): period sums per group, every series running to the last
 * period of the whole table with empty periods as 0; naive and seasonal naive with the FPP3
 * interval; trend + season dummies by statsmodels OLS with its prediction interval; and the
 * app's holdout rule for "auto" over those three methods.
 */
export const PY_FORECAST = String.raw`
FREQ_RULE = {"month": "MS", "quarter": "QS-JAN", "year": "AS-JAN", "week": "W-MON"}
SEASON = {"month": 12, "quarter": 4, "year": 1, "week": 52}
MIN_LENGTH = {"naive": lambda m: 1, "seasonal_naive": lambda m: m, "linear_seasonal": lambda m: m + 2}


def period_sums(df, time, value, freq, group_by=None):
    """{series name: (period sums, empty-period mask)}, every series ending at the table's last period."""
    t = pd.to_datetime(df[time], errors="coerce")
    v = pd.to_numeric(df[value], errors="coerce")
    ok = t.notna() & v.notna()
    names = df[group_by].map(lambda x: label_of(x) or "(missing)") if group_by else pd.Series("all", index=df.index)
    frame = pd.DataFrame({"t": t[ok], "v": v[ok], "name": names[ok]})
    rule = FREQ_RULE[freq]
    kw = {"label": "left", "closed": "left"} if freq == "week" else {}
    last = frame.set_index("t")["v"].resample(rule, **kw).sum().index.max()
    out = {}
    for name in sorted(frame["name"].unique()):
        part = frame[frame["name"] == name].set_index("t")["v"].resample(rule, **kw)
        sums, counts = part.sum(), part.count()
        periods = pd.date_range(sums.index.min(), last, freq=rule)
        # Periods without rows count as 0, and are marked, as the app's "filled" column does.
        out[name] = (sums.reindex(periods, fill_value=0.0), counts.reindex(periods, fill_value=0).to_numpy() == 0)
    return out


def rms_diff(y, lag):
    d = y[lag:] - y[:-lag]
    return math.sqrt(np.mean(d ** 2)) if len(d) else float("nan")


def fc_naive(y, h, level):
    z = stats.norm.ppf(0.5 + level / 2)
    point = np.full(h, y[-1])
    half = z * rms_diff(y, 1) * np.sqrt(np.arange(1, h + 1))
    return point, point - half, point + half


def fc_seasonal_naive(y, m, h, level):
    z = stats.norm.ppf(0.5 + level / 2)
    steps = np.arange(1, h + 1)
    point = np.array([y[len(y) - m + (k - 1) % m] for k in steps])
    half = z * rms_diff(y, m) * np.sqrt((steps - 1) // m + 1)
    return point, point - half, point + half


def season_design(ts, m):
    """Intercept, trend t and m - 1 dummies (season 0, the first period's, is the baseline)."""
    ts = np.asarray(ts)
    x = np.zeros((len(ts), m + 1))
    x[:, 0] = 1.0
    x[:, 1] = ts
    for s in range(1, m):
        x[:, 1 + s] = (ts % m == s).astype(float)
    return x


def fc_linear_seasonal(y, m, h, level):
    n = len(y)
    fit = sm.OLS(y, season_design(np.arange(n), m)).fit()
    pred = fit.get_prediction(season_design(np.arange(n, n + h), m)).summary_frame(alpha=1 - level)
    return pred["mean"].to_numpy(), pred["obs_ci_lower"].to_numpy(), pred["obs_ci_upper"].to_numpy()


def run_method(method, y, m, h, level):
    """Point, lower, upper; raises ValueError when y is too short for the method."""
    if len(y) < MIN_LENGTH[method](m):
        raise ValueError(f"{method} needs at least {MIN_LENGTH[method](m)} periods")
    if method == "naive":
        return fc_naive(y, h, level)
    if method == "seasonal_naive":
        return fc_seasonal_naive(y, m, h, level)
    return fc_linear_seasonal(y, m, h, level)


def backtest_mae(method, y, m, holdout, folds):
    """Rolling-origin MAE: fold i fits all but the last (folds - i)·holdout periods and forecasts
    the next holdout; errors pooled over folds. None when no fold could run."""
    errors = []
    for i in range(folds):
        end = len(y) - (folds - i) * holdout
        if end < 1 or holdout < 1:
            continue
        try:
            point = run_method(method, y[:end], m, holdout, 0.9)[0]
        except ValueError:
            continue
        errors += list(np.abs(y[end:end + holdout] - point))
    return float(np.mean(errors)) if errors else None


def autocorrelation(y, lag):
    y = np.asarray(y, dtype=float)
    if lag >= len(y):
        return float("nan")
    d = y - y.mean()
    c0 = float(np.sum(d * d))
    return float(np.sum(d[lag:] * d[:-lag])) / c0 if c0 > 0 else 0.0


def detect_season_length(y, calendar_m):
    """The calendar's m, dropped to 1 when the differenced series shows no autocorrelation at lag m."""
    if calendar_m <= 1:
        return 1
    if len(y) < 2 * calendar_m + 1:
        return calendar_m
    diff = np.diff(y)
    return calendar_m if autocorrelation(diff, calendar_m) > 1.645 / math.sqrt(len(diff)) else 1


def forecast_series(y, m, h, level, choice, candidates, folds=1):
    """(method, point, lower, upper) with the app's rules for short series and for auto."""
    needed = max(2 * m, m + 2)
    if len(y) < needed and choice != "naive":
        choice = "naive"
    if choice != "auto":
        return (choice,) + run_method(choice, y, m, h, level)
    holdout = m if m > 1 else h
    best = None
    for c in candidates:
        if c == "seasonal_naive" and m <= 1:
            continue
        if len(y) < MIN_LENGTH[c](m):
            continue
        mae = backtest_mae(c, y, m, holdout, folds)
        # Ties keep the earlier (simpler) method, as the app's strict "<" does.
        if best is None or (mae is not None and (best[1] is None or mae < best[1])):
            best = (c, mae)
    if best is None:
        raise ValueError("none of the candidate methods could be fitted")
    return (best[0],) + run_method(best[0], y, m, h, level)
`;
