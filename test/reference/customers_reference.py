#!/usr/bin/python3
"""Reference figures for test/core/customers and the rfm/clv/basket cells.

Regenerate with Debian's python (pandas, scipy, scikit-learn):
    /usr/bin/python3 test/reference/customers_reference.py
Writes test/fixtures/reference/customers_cdnow.json, customers_groceries.json, customers_silhouette.json.

- CDNOW: the BG/NBD and Gamma-Gamma log-likelihoods written from Fader, Hardie & Lee (2005) and
  Fader & Hardie's note 025, maximised with scipy (Nelder-Mead on log-parameters, then L-BFGS-B);
  predictions use scipy.special.hyp2f1. The calibration summary (x, t_x, T in weeks) is rebuilt
  from CDNOW_sample.txt (same-day purchases merged; calibration ends 1997-09-30, holdout 1998-06-30)
  and checked against cdnow_customers_summary.csv.
- Groceries: a plain Apriori over Python int bitsets, rules with one-item consequents.
- Silhouette: scikit-learn's silhouette_score on a fixed labelled set.
"""
import json
import os
from itertools import combinations

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import gammaln, hyp2f1, betaln
from sklearn.metrics import silhouette_score

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "..", "shared", "data", "retail")
OUT = os.path.join(ROOT, "test", "fixtures", "reference")


def bgnbd_nll(params, x, tx, T):
    r, alpha, a, b = params
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return -np.sum(a1 + a2 + np.logaddexp(a3, a4))


def gg_nll(params, x, m):
    p, q, v = params
    return -np.sum(gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(v) + (p * x - 1) * np.log(m)
                   + p * x * np.log(x) - (p * x + q) * np.log(v + x * m))


def fit(nll, start, *args):
    f = lambda lp: nll(np.exp(lp), *args)
    res = minimize(f, np.log(start), method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000, "maxfev": 40000})
    res = minimize(f, res.x, method="L-BFGS-B", options={"ftol": 1e-15, "gtol": 1e-9})
    return np.exp(res.x), res.fun


def expected_purchases(params, t, x, tx, T):
    r, alpha, a, b = params
    z = t / (alpha + T + t)
    top = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + t + T)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z))
    return top / (1 + (x > 0) * a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x))


def p_alive(params, x, tx, T):
    r, alpha, a, b = params
    return 1 / (1 + (x > 0) * a / np.maximum(b + x - 1, 1e-300) * ((alpha + T) / (alpha + tx)) ** (r + x))


def cdnow():
    summary = pd.read_csv(os.path.join(DATA, "cdnow", "cdnow_customers_summary.csv"))
    with_tx = pd.read_csv(os.path.join(DATA, "cdnow", "cdnow_customers_summary_with_transactions.csv"))
    x, tx, T = (summary[c].to_numpy(float) for c in ("frequency", "recency", "T"))
    bg, bg_nll = fit(bgnbd_nll, [1, 1, 1, 1], x, tx, T)
    rep = with_tx[with_tx.x > 0]
    gg, gg_ll = fit(gg_nll, [1, 1, 1], rep.x.to_numpy(float), rep.zbar.to_numpy(float))

    # The calibration summary rebuilt from the raw sample transactions.
    raw = pd.read_csv(os.path.join(DATA, "cdnow", "CDNOW_sample.txt"), sep=r"\s+", header=None,
                      names=["master_id", "id", "date", "cds", "amount"], dtype={"date": str})
    raw["date"] = pd.to_datetime(raw.date, format="%Y%m%d")
    daily = raw.groupby(["id", "date"], as_index=False).amount.sum()
    cal_end, hold_end = pd.Timestamp("1997-09-30"), pd.Timestamp("1998-06-30")
    cal = daily[daily.date <= cal_end]
    first = cal.groupby("id").date.min()
    last = cal.groupby("id").date.max()
    n = cal.groupby("id").size()
    rebuilt = pd.DataFrame({"x": n - 1, "t_x": (last - first).dt.days / 7, "T": (cal_end - first).dt.days / 7})
    diff = np.abs(rebuilt.sort_index().to_numpy() - summary[["frequency", "recency", "T"]].to_numpy()).max()
    hold = daily[(daily.date > cal_end) & (daily.date <= hold_end)].groupby("id").size().reindex(rebuilt.index, fill_value=0)
    rep_mean = cal.sort_values("date").groupby("id").apply(lambda d: d.amount.iloc[1:].mean() if len(d) > 1 else 0.0)
    zbar_diff = np.abs(rep_mean.sort_index().to_numpy() - with_tx.zbar.to_numpy()).max()

    # Predictions for the first 10 customers over the 39-week holdout, and a 12-month CLV at 1%/month.
    h = 39.0
    first10 = slice(0, 10)
    e = expected_purchases(bg, h, x[first10], tx[first10], T[first10])
    pa = p_alive(bg, x[first10], tx[first10], T[first10])
    p, q, v = gg
    zb = with_tx.zbar.to_numpy(float)[first10]
    xs = with_tx.x.to_numpy(float)[first10]
    spend = p * (v + xs * zb) / (p * xs + q - 1)
    month = 365.25 / 12 / 7
    clv = np.zeros(10)
    for i in range(1, 13):
        step = expected_purchases(bg, i * month, x[first10], tx[first10], T[first10]) - expected_purchases(bg, (i - 1) * month, x[first10], tx[first10], T[first10])
        clv += step * spend / 1.01 ** i
    pred_hold = expected_purchases(bg, h, x, tx, T)
    by_freq = []
    for k in range(0, 8):
        mask = x == k if k < 7 else x >= 7
        by_freq.append({"frequency": k, "customers": int(mask.sum()), "actual": float(hold.to_numpy()[mask].mean()), "predicted": float(pred_hold[mask].mean())})
    return {
        "bgnbd": {"r": bg[0], "alpha": bg[1], "a": bg[2], "b": bg[3], "neg_loglik": bg_nll},
        "gamma_gamma": {"p": gg[0], "q": gg[1], "v": gg[2], "neg_loglik": gg_ll, "customers": int(len(rep))},
        "summary_rebuilt_max_abs_diff": float(diff),
        "zbar_rebuilt_max_abs_diff": float(zbar_diff),
        "holdout_total_actual": int(hold.sum()),
        "holdout_total_predicted": float(pred_hold.sum()),
        "holdout_by_frequency": by_freq,
        "first10": {"expected_39w": e.tolist(), "p_alive": pa.tolist(), "spend": spend.tolist(), "clv_12m_1pct": clv.tolist()},
    }


def groceries():
    lines = open(os.path.join(DATA, "groceries", "groceries.csv"), encoding="utf8").read().splitlines()
    baskets = [set(i.strip() for i in l.split(",") if i.strip()) for l in lines if l.strip()]
    n = len(baskets)
    min_count = int(np.ceil(0.001 * n - 1e-9))
    bits = {}
    for t, b in enumerate(baskets):
        for i in b:
            bits[i] = bits.get(i, 0) | (1 << t)
    level = {frozenset([i]): v for i, v in bits.items() if bin(v).count("1") >= min_count}
    counts = {k: bin(v).count("1") for k, v in level.items()}
    items = sorted(bits)
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
    rules = []
    for s, c in counts.items():
        if len(s) < 2:
            continue
        for y in s:
            xs = s - {y}
            conf = c / counts[xs]
            if conf >= 0.5:
                sy = counts[frozenset([y])] / n
                rules.append({"antecedents": sorted(xs), "consequent": y, "support": c / n, "confidence": conf,
                              "lift": conf / sy, "leverage": c / n - counts[xs] / n * sy,
                              "conviction": (1 - sy) / (1 - conf) if conf < 1 else None})
    rules.sort(key=lambda r: (-r["lift"], -r["support"]))
    return {"transactions": n, "items": len(items), "itemsets": len(counts), "rules": len(rules),
            "max_itemset_length": max(len(s) for s in counts), "top_rules": rules[:10]}


def silhouette():
    rng = np.random.default_rng(7)
    pts = np.vstack([rng.normal(c, 0.6, size=(30, 3)) for c in ([0, 0, 0], [3, 0, 1], [0, 3, 2])])
    labels = np.repeat([0, 1, 2], 30)
    labels[::11] = (labels[::11] + 1) % 3  # a few misplaced points so the score is not trivial
    return {"points": pts.tolist(), "labels": labels.tolist(), "silhouette": float(silhouette_score(pts, labels))}


def dump(name, obj):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=1, default=float)
        f.write("\n")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    dump("customers_cdnow.json", cdnow())
    dump("customers_groceries.json", groceries())
    dump("customers_silhouette.json", silhouette())
