#!/usr/bin/python3
"""Advertising (ISLR): diminishing-returns curves per channel and the optimal split of a budget.

Run with Debian's python (scipy, numpy, pandas):
    /usr/bin/python3 test/reference/allocate_advertising.py
Writes test/fixtures/reference/allocate_advertising.json.

1. Per channel (TV, radio, newspaper), sales ~ c + a*g(x/b) with g(t) = 1 - exp(-t) ("saturating")
   or ln(1 + t) ("log"), fitted by scipy.optimize.least_squares (trust-region reflective, all three
   parameters at once) with b bounded to [max x / 1000, 100 max x], started from a coarse grid.
   The TypeScript fits by variable projection and golden section instead.
2. The optimal split of a total of 200 (thousand dollars) with each channel capped at its largest
   observed spend, using the saturating fits here:
   - the piecewise-linear LP (20 equal chords over [0, min(cap, 200 * (1 + 1/40))], tail column
     when the cut is below the cap), solved by linprog(method="highs"): objective, spends,
     budget dual;
   - the exact concave problem, solved by SLSQP: the optimum the chords approximate.
"""
import json
import math
import os

import numpy as np
import pandas as pd
import scipy
from scipy.optimize import least_squares, linprog, minimize

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data", "crm", "advertising", "Advertising.csv")
OUT = os.path.join(ROOT, "test", "fixtures", "reference", "allocate_advertising.json")
CHANNELS = ["TV", "radio", "newspaper"]
BUDGET = 200.0
K = 20


def g(form, x, b):
    return 1 - np.exp(-x / b) if form == "saturating" else np.log1p(x / b)


def fit(x, y, form):
    lo, hi = x.max() / 1000, x.max() * 100
    best = None
    for b in np.geomspace(lo, hi, 25):
        A = np.c_[np.ones_like(x), g(form, x, b)]
        coef = np.linalg.lstsq(A, y, rcond=None)[0]
        sse = float(((A @ coef - y) ** 2).sum())
        if best is None or sse < best[0]:
            best = (sse, [coef[0], coef[1], b])
    res = least_squares(lambda p: p[0] + p[1] * g(form, x, p[2]) - y, best[1],
                        bounds=([-np.inf, -np.inf, lo], [np.inf, np.inf, hi]), method="trf",
                        ftol=1e-15, xtol=1e-15, gtol=1e-15, max_nfev=20000)
    c, a, b = (float(v) for v in res.x)
    sse = float((res.fun ** 2).sum())
    tss = float(((y - y.mean()) ** 2).sum())
    return {"form": form, "a": a, "b": b, "intercept": c, "sse": sse, "r2": 1 - sse / tss,
            "rmse": math.sqrt(sse / len(x)), "bAtBound": bool(b > hi * (1 - 1e-6) or b < lo * (1 + 1e-6))}


def split_lp(curves, caps):
    cost, bounds, eq, xi = [], [], [], []
    for (a, b), cap in zip(curves, caps):
        i = len(cost)
        xi.append(i)
        cost.append(0.0)
        bounds.append((0.0, cap))
        up = min(cap, BUDGET * (1 + 0.5 / K))
        w = up / K
        row = {i: 1.0}
        for j in range(K):
            row[len(cost)] = -1.0
            cost.append(a * (math.exp(-j * w / b) - math.exp(-(j + 1) * w / b)) / w)
            bounds.append((0.0, w))
        if up < cap:
            row[len(cost)] = -1.0
            cost.append(a / b * math.exp(-up / b))
            bounds.append((0.0, None))
        eq.append(row)
    n = len(cost)
    a_eq = np.zeros((len(eq), n))
    for r, row in enumerate(eq):
        for j, v in row.items():
            a_eq[r, j] = v
    a_ub = np.zeros((1, n))
    a_ub[0, xi] = 1.0
    res = linprog(-np.array(cost), A_ub=a_ub, b_ub=[BUDGET], A_eq=a_eq, b_eq=np.zeros(len(eq)), bounds=bounds, method="highs")
    assert res.status == 0, res.message
    return {"objective": float(-res.fun), "x": [float(res.x[i]) for i in xi], "budget_shadow_price": float(-res.ineqlin.marginals[0])}


def split_exact(curves, caps):
    f = lambda x: -sum(a * (1 - math.exp(-xi / b)) for (a, b), xi in zip(curves, x))
    res = minimize(f, np.full(3, BUDGET / 3), method="SLSQP", bounds=[(0, c) for c in caps],
                   constraints=[{"type": "ineq", "fun": lambda x: BUDGET - x.sum()}], options={"ftol": 1e-14, "maxiter": 1000})
    assert res.success, res.message
    return {"return": float(-res.fun), "x": [float(v) for v in res.x]}


def main():
    d = pd.read_csv(DATA)
    y = d["sales"].to_numpy(float)
    fits = {form: {ch: fit(d[ch].to_numpy(float), y, form) for ch in CHANNELS} for form in ("saturating", "log")}
    caps = [float(d[ch].max()) for ch in CHANNELS]
    curves = [(max(0.0, fits["saturating"][ch]["a"]), fits["saturating"][ch]["b"]) for ch in CHANNELS]
    out = {"source": "scipy %s least_squares / linprog(highs) / SLSQP" % scipy.__version__,
           "budget": BUDGET, "segments": K, "caps": dict(zip(CHANNELS, caps)), "fits": fits,
           "split_lp": split_lp(curves, caps), "split_exact": split_exact(curves, caps)}
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
    print(json.dumps({k: out[k] for k in ("split_lp", "split_exact")}, indent=1))
    for form in fits:
        for ch, v in fits[form].items():
            print(form, ch, {k: round(v[k], 6) if isinstance(v[k], float) else v[k] for k in v})


if __name__ == "__main__":
    main()
