#!/usr/bin/python3
"""Reference allocations for test/core/allocate, solved by scipy's HiGHS (linprog method="highs").

Run with Debian's python (scipy, numpy):
    /usr/bin/python3 test/reference/allocate_reference.py
Writes test/fixtures/reference/allocate_random_lps.json.

Each problem has the shape src/core/allocate/allocation.ts builds, written here independently:
spend x_i in [min_i, max_i]; a saturating unit a*(1 - exp(-x/b)) is cut into K equal chords over
[0, min(max_i, budget * (1 + 1/(2K)))] with segment variables s_ij in [0, width] priced at the chord slopes and
x_i - sum_j s_ij = 0; a linear unit is priced at its rate; sum_i x_i <= budget. linprog minimises,
so costs are negated, and the budget's shadow price d(max objective)/d(budget) is
-res.ineqlin.marginals[0] (scipy reports d(min objective)/d(b_ub), which is <= 0 here).
"""
import json
import math
import os

import numpy as np
import scipy
from scipy.optimize import linprog

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "fixtures", "reference", "allocate_random_lps.json")


def random_problem(rng, idx):
    n = int(rng.integers(2, 9))
    budget = float(rng.uniform(1_000, 50_000))
    k = int(rng.integers(5, 26))
    units = []
    for i in range(n):
        lo = 0.0 if rng.random() < 0.5 else float(rng.uniform(0, budget / n / 2))
        hi = math.inf if rng.random() < 0.5 else float(rng.uniform(budget / n * 0.5, budget))
        if rng.random() < 0.2:
            curve = {"type": "linear", "rate": float(rng.uniform(0.05, 0.6))}
        else:
            base = float(rng.uniform(1_000, 100_000))
            a = float(rng.uniform(0.1, 0.5)) * base
            b = float(rng.uniform(0.3, 3.0)) * budget / n / math.log(2)
            curve = {"type": "saturating", "a": a, "b": b}
        units.append({"name": f"unit {i}", "min": lo, "max": hi, "curve": curve})
    # Every fifth problem caps all units so the budget cannot be spent: its shadow price is 0.
    if idx % 5 == 4:
        for u in units:
            u["max"] = float(rng.uniform(0.2, 0.9)) * budget / n
            u["min"] = min(u["min"], u["max"])
    return {"budget": budget, "segments": k, "units": units}


def solve(problem):
    budget, k = problem["budget"], problem["segments"]
    cost, bounds, eq_rows = [], [], []
    spend_idx = []
    for u in problem["units"]:
        xi = len(cost)
        spend_idx.append(xi)
        c = u["curve"]
        cost.append(c["rate"] if c["type"] == "linear" else 0.0)
        bounds.append((u["min"], None if math.isinf(u["max"]) else u["max"]))
        up_to = min(u["max"], budget * (1 + 0.5 / k))
        if c["type"] == "saturating" and up_to > 0:
            w = up_to / k
            row = {xi: 1.0}
            for j in range(k):
                slope = c["a"] * (math.exp(-j * w / c["b"]) - math.exp(-(j + 1) * w / c["b"])) / w
                row[len(cost)] = -1.0
                cost.append(slope)
                bounds.append((0.0, w))
            eq_rows.append(row)
    nv = len(cost)
    a_eq = np.zeros((len(eq_rows), nv))
    for r, row in enumerate(eq_rows):
        for j, v in row.items():
            a_eq[r, j] = v
    a_ub = np.zeros((1, nv))
    a_ub[0, spend_idx] = 1.0
    res = linprog(-np.array(cost), A_ub=a_ub, b_ub=[budget], A_eq=a_eq, b_eq=np.zeros(len(eq_rows)),
                  bounds=bounds, method="highs")
    assert res.status == 0, res.message
    return {
        "objective": -res.fun,
        "x": [float(res.x[i]) for i in spend_idx],
        "budget_shadow_price": float(-res.ineqlin.marginals[0]),
    }


def main():
    rng = np.random.default_rng(20240601)
    cases = []
    for idx in range(20):
        p = random_problem(rng, idx)
        cases.append({"problem": p, "solution": solve(p)})
    # JSON has no Infinity: write a missing cap as null.
    for c in cases:
        for u in c["problem"]["units"]:
            if math.isinf(u["max"]):
                u["max"] = None
    with open(OUT, "w") as f:
        json.dump({"source": "scipy %s linprog(method='highs')" % scipy.__version__, "cases": cases}, f, indent=1)
    print("wrote", OUT, len(cases), "problems")


if __name__ == "__main__":
    main()
