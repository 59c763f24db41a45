#!/usr/bin/python3
"""Reference optima for the general allocation problems of src/core/allocate/build.ts.

Run with Debian's python (scipy, numpy):
    /usr/bin/python3 test/reference/allocate_shapes.py
Writes test/fixtures/reference/allocate_shapes.json.

Seeded random problems of the new shapes: one or two resources (one may be integer), linear,
saturating a*(1-exp(-x/b)) and log a*ln(1+x/b) curves, group share limits, ratios, a coverage
rule (binaries), and the three objectives (return, profit = return - cost, minimum cost to
reach a target return). The model is written here from its definition in docs/allocation.md,
independently of the TypeScript:
  x_ru in [min, max] (integer for an integer resource); a concave curve is cut into K equal chords
  over [0, U], U = min(max, total*(1 + 1/(2K))), chords s_ruj in [0, U/K] priced at the chord
  slopes, plus a tail column (unbounded, priced at the curve's slope at U) when U < max;
  x_ru - sum_j s_ruj - tail = 0;  sum_u x_ru <= total_r;
  group: sum_{u in G} x_ru - share * sum_u x_ru <= 0 (max) / >= 0 (min);
  ratio: x_ra - q x_rb <= 0 / >= 0;  coverage: x_ru - m z_u >= 0, sum_u z_u >= k, z binary;
  minCost: minimise sum cost_r x_ru subject to (return) >= target.
LPs go to linprog(method="highs") and report duals as d(objective)/d(rhs) of the original sense;
MILPs go to milp() with mip_rel_gap 1e-9.
"""
import json
import math
import os

import numpy as np
import scipy
from scipy.optimize import LinearConstraint, linprog, milp, Bounds

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "fixtures", "reference", "allocate_shapes.json")


def curve_value(c, x):
    if c["type"] == "linear":
        return c["rate"] * x
    if c["type"] == "log":
        return c["a"] * math.log1p(x / c["b"])
    return c["a"] * (1 - math.exp(-x / c["b"]))


def curve_slope(c, x):
    if c["type"] == "linear":
        return c["rate"]
    if c["type"] == "log":
        return c["a"] / (c["b"] + x)
    return c["a"] / c["b"] * math.exp(-x / c["b"])


def build(spec):
    cols = []  # (name, lo, hi, integer, ret, cost)
    rows = []  # (name, {col: coef}, sense, rhs)
    idx = {}

    def col(name, lo, hi, integer=False, ret=0.0, cost=0.0):
        idx[name] = len(cols)
        cols.append([name, lo, hi, integer, ret, cost])
        return name

    k = spec["segments"]
    xs = []
    for r, res in enumerate(spec["resources"]):
        xr = []
        for u in range(len(spec["units"])):
            hi = math.inf if res["max"][u] is None else res["max"][u]
            c = res["curves"][u]
            x = col(f"x{r}_{u}", res["min"][u], hi, res["integer"], c["rate"] if c["type"] == "linear" else 0.0, res["cost"])
            xr.append(x)
            if c["type"] == "linear":
                continue
            up = min(hi, res["total"] * (1 + 0.5 / k))
            link = {x: 1.0}
            w = up / k
            for j in range(k):
                if c["type"] == "log":
                    slope = c["a"] * math.log1p(w / (c["b"] + j * w)) / w
                else:
                    slope = c["a"] * (math.exp(-j * w / c["b"]) - math.exp(-(j + 1) * w / c["b"])) / w
                link[col(f"s{r}_{u}_{j}", 0.0, w, ret=slope)] = -1.0
            if up < hi:
                link[col(f"s{r}_{u}_t", 0.0, math.inf, ret=curve_slope(c, up))] = -1.0
            rows.append((f"l{r}_{u}", link, "=", 0.0))
        xs.append(xr)
    for r, res in enumerate(spec["resources"]):
        rows.append((f"t{r}", {x: 1.0 for x in xs[r]}, "<=", res["total"]))
    for i, g in enumerate(spec["groups"]):
        for suffix, key, sense in (("x", "maxShare", "<="), ("n", "minShare", ">=")):
            if g.get(key) is None:
                continue
            coef = {x: (1.0 if u in g["units"] else 0.0) - g[key] for u, x in enumerate(xs[g["resource"]])}
            rows.append((f"g{i}{suffix}", coef, sense, 0.0))
    for i, q in enumerate(spec["ratios"]):
        a, b = xs[q["resource"]][q["unit"]], xs[q["resource"]][q["to"]]
        for suffix, key, sense in (("x", "atMost", "<="), ("n", "atLeast", ">=")):
            if q.get(key) is not None:
                rows.append((f"q{i}{suffix}", {a: 1.0, b: -q[key]}, sense, 0.0))
    cov = spec.get("coverage")
    if cov:
        zs = []
        for u in range(len(spec["units"])):
            z = col(f"z{u}", 0.0, 1.0, True)
            zs.append(z)
            rows.append((f"f{u}", {xs[cov["resource"]][u]: 1.0, z: -cov["minAmount"]}, ">=", 0.0))
        rows.append(("cov", {z: 1.0 for z in zs}, ">=", cov["atLeast"]))
    obj = spec["objective"]
    if obj["type"] == "minCost":
        rows.append(("tgt", {c[0]: c[4] for c in cols if c[4] != 0}, ">=", obj["target"]))
    return cols, rows, idx, xs


def solve(spec):
    cols, rows, idx, xs = build(spec)
    obj = spec["objective"]["type"]
    n = len(cols)
    if obj == "minCost":
        c = np.array([col[5] if col[0].startswith("x") else 0.0 for col in cols])
    else:
        c = -np.array([col[4] - (col[5] if obj == "profit" and col[0].startswith("x") else 0.0) for col in cols])
    lo = np.array([col[1] for col in cols])
    hi = np.array([col[2] for col in cols])
    integ = np.array([1 if col[3] else 0 for col in cols])
    A = np.zeros((len(rows), n))
    for i, (_, coef, _, _) in enumerate(rows):
        for name, v in coef.items():
            A[i, idx[name]] = v
    rhs = np.array([r[3] for r in rows])
    sense = [r[2] for r in rows]
    out = {}
    if integ.any():
        rl = np.array([rhs[i] if s in (">=", "=") else -np.inf for i, s in enumerate(sense)])
        ru = np.array([rhs[i] if s in ("<=", "=") else np.inf for i, s in enumerate(sense)])
        res = milp(c, constraints=LinearConstraint(A, rl, ru), integrality=integ, bounds=Bounds(lo, hi),
                   options={"mip_rel_gap": 1e-9})
        assert res.status in (0, 2), res.message
        if res.status == 2:
            return None
        x = res.x
        fun = res.fun
        out["duals"] = None
    else:
        ub = [i for i, s in enumerate(sense) if s != "="]
        eq = [i for i, s in enumerate(sense) if s == "="]
        sign = np.array([1.0 if sense[i] == "<=" else -1.0 for i in ub])
        res = linprog(c, A_ub=A[ub] * sign[:, None], b_ub=rhs[ub] * sign, A_eq=A[eq], b_eq=rhs[eq],
                      bounds=list(zip(lo, [None if math.isinf(h) else h for h in hi])), method="highs")
        if res.status == 2:
            return None
        assert res.status == 0, res.message
        x = res.x
        fun = res.fun
        # d(fun)/d(rhs) = marginal * sign; the objective is -fun when maximising.
        flip = 1.0 if obj == "minCost" else -1.0
        duals = {}
        for j, i in enumerate(ub):
            if rows[i][0][0] in "tgq":
                duals[rows[i][0]] = flip * float(res.ineqlin.marginals[j]) * sign[j]
        out["duals"] = duals
    out["objective"] = float(fun if obj == "minCost" else -fun)
    out["x"] = [[float(x[idx[name]]) for name in xr] for xr in xs]
    return out


def random_spec(rng, i):
    n = int(rng.integers(3, 9))
    mip = i % 3 == 2
    nres = 2 if rng.random() < 0.4 else 1
    resources = []
    for r in range(nres):
        integer = mip and r == nres - 1 and rng.random() < 0.7
        total = float(rng.integers(8, 40)) if integer else float(rng.uniform(1_000, 50_000))
        curves = []
        for u in range(n):
            t = rng.choice(["saturating", "log", "linear"], p=[0.45, 0.35, 0.2])
            scale = 20_000 / (total / n)
            if t == "linear":
                curves.append({"type": "linear", "rate": float(rng.uniform(0.05, 0.6)) * scale})
            else:
                curves.append({"type": str(t), "a": float(rng.uniform(2_000, 30_000)), "b": float(rng.uniform(0.3, 3.0)) * total / n})
        mins = [0.0 if rng.random() < 0.6 else (float(rng.integers(0, 2)) if integer else float(rng.uniform(0, total / n / 3))) for _ in range(n)]
        maxs = [None if rng.random() < 0.5 else (float(rng.integers(3, 12)) if integer else float(rng.uniform(total / n, total / 2))) for _ in range(n)]
        cost = float(rng.uniform(0.2, 1.5)) * (1_000 if integer else 1)
        resources.append({"name": f"res{r}", "total": total, "integer": bool(integer), "cost": cost, "min": mins, "max": maxs, "curves": curves})
    groups, ratios = [], []
    if rng.random() < 0.6:
        members = sorted(int(u) for u in rng.choice(n, size=int(rng.integers(1, n)), replace=False))
        g = {"resource": 0, "units": members, "maxShare": float(rng.uniform(0.25, 0.6))}
        if rng.random() < 0.3:
            g["minShare"] = float(rng.uniform(0.05, 0.2))
        groups.append(g)
    if rng.random() < 0.5:
        a, b = (int(v) for v in rng.choice(n, size=2, replace=False))
        ratios.append({"resource": 0, "unit": a, "to": b, "atMost": float(rng.uniform(0.5, 2.0))})
    spec = {"units": [f"u{u}" for u in range(n)], "resources": resources, "groups": groups, "ratios": ratios,
            "segments": int(rng.integers(5, 21))}
    if mip and rng.random() < 0.6:
        spec["coverage"] = {"resource": 0, "atLeast": int(rng.integers(2, n + 1)), "minAmount": resources[0]["total"] / n / 4}
    kind = ["return", "profit", "minCost"][i % 3 if i % 4 else 0]
    spec["objective"] = {"type": kind}
    if kind == "minCost":
        # A target the return-maximising solution reaches: 60-90% of its expected return.
        probe = solve({**spec, "objective": {"type": "return"}})
        if probe is None:
            return None
        spec["objective"]["target"] = float(rng.uniform(0.6, 0.9)) * probe["objective"]
    return spec


def main():
    rng = np.random.default_rng(20240917)
    cases = []
    while len(cases) < 30:
        spec = random_spec(rng, len(cases))
        if spec is None:
            continue
        sol = solve(spec)
        if sol is None:
            continue
        cases.append({"spec": spec, "solution": sol})
    with open(OUT, "w") as f:
        json.dump({"source": "scipy %s linprog/milp (HiGHS)" % scipy.__version__, "cases": cases}, f, indent=1)
    print("wrote", OUT, len(cases), "problems;", sum(1 for c in cases if c["solution"]["duals"] is None), "MILPs")


if __name__ == "__main__":
    main()
