#!/usr/bin/python3
"""Reference values for the tree and naive Bayes tests (scikit-learn).

Regenerate (from the repository root, with Debian's python3-{pandas,sklearn}):

    /usr/bin/python3 test/reference/trees_reference.py

Writes test/fixtures/reference/trees_{bank,advertising}.json. Splits are deterministic and
language-independent: rows with index % 5 == 0 are test rows, the rest train.
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn import metrics as skm
from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,
                              RandomForestClassifier, RandomForestRegressor)
from sklearn.naive_bayes import CategoricalNB, GaussianNB
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.abspath(os.path.join(ROOT, "..", "shared", "data"))
OUT = os.path.join(ROOT, "test", "fixtures", "reference")
VERSIONS = {"sklearn": sklearn.__version__, "numpy": np.__version__, "pandas": pd.__version__}
HEAD = 400  # per-row predictions stored for the first HEAD test rows


def write(name, obj):
    obj = {"generatedBy": "test/reference/trees_reference.py", "versions": VERSIONS, **obj}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=1, allow_nan=False)
        f.write("\n")


def lst(a):
    return [float(v) for v in np.asarray(a, dtype=float)]


def split(n):
    test = np.arange(n) % 5 == 0
    return ~test, test


def tree_info(t):
    return {"nodes": int(t.tree_.node_count), "leaves": int(t.get_n_leaves()), "depth": int(t.get_depth()),
            "importance": lst(t.feature_importances_)}


def bank():
    df = pd.read_csv(os.path.join(DATA, "crm", "bank_marketing", "bank-full.csv"), sep=";")
    y = (df["y"] == "yes").astype(int).to_numpy()
    tr, te = split(len(df))
    out = {"split": "test rows: index % 5 == 0", "nTrain": int(tr.sum()), "nTest": int(te.sum())}
    # Integer features with < 255 distinct values: binning keeps every CART split candidate.
    exact = ["age", "day", "campaign", "previous"]
    X = df[exact].to_numpy(float)
    out["exactFeatures"] = exact
    out["trees"] = {}
    for crit, depth in [("gini", 4), ("entropy", 6), ("gini", 10)]:
        m = DecisionTreeClassifier(criterion=crit, max_depth=depth, random_state=0).fit(X[tr], y[tr])
        prob = m.predict_proba(X[te])[:, 1]
        out["trees"][f"{crit}_{depth}"] = {"criterion": crit, "maxDepth": depth, **tree_info(m),
                                           "testProbHead": lst(prob[:HEAD]), "testProbSum": float(prob.sum()),
                                           "testAuc": skm.roc_auc_score(y[te], prob)}
    numeric = ["age", "balance", "day", "duration", "campaign", "pdays", "previous"]
    out["numericFeatures"] = numeric
    Xn = df[numeric].to_numpy(float)
    nb = GaussianNB().fit(Xn[tr], y[tr])
    prob = nb.predict_proba(Xn[te])[:, 1]
    out["gaussianNB"] = {"testProbHead": lst(prob[:HEAD]), "testAuc": skm.roc_auc_score(y[te], prob),
                         "epsilon": float(nb.epsilon_), "theta": [lst(r) for r in nb.theta_], "var": [lst(r) for r in nb.var_]}
    cat = ["day", "campaign"]
    Xc = df[cat].to_numpy(int)
    cnb = CategoricalNB(alpha=1.0).fit(Xc[tr], y[tr])
    valid = np.where(te & np.all(Xc < cnb.n_categories_, axis=1))[0]
    prob = cnb.predict_proba(Xc[valid])[:, 1]
    out["categoricalNB"] = {"features": cat, "rows": [int(r) for r in valid[:HEAD]], "prob": lst(prob[:HEAD]),
                            "categories": [int(k) for k in cnb.n_categories_]}
    rf = RandomForestClassifier(n_estimators=100, random_state=0, n_jobs=2, oob_score=True).fit(Xn[tr], y[tr])
    prob = rf.predict_proba(Xn[te])[:, 1]
    out["randomForest"] = {"nTrees": 100, "testAuc": skm.roc_auc_score(y[te], prob),
                           "testAccuracy": skm.accuracy_score(y[te], prob > 0.5), "oobAccuracy": float(rf.oob_score_),
                           "importance": lst(rf.feature_importances_)}
    hgb = HistGradientBoostingClassifier(random_state=0).fit(Xn[tr], y[tr])
    prob = hgb.predict_proba(Xn[te])[:, 1]
    out["histGradientBoosting"] = {"testAuc": skm.roc_auc_score(y[te], prob), "testAccuracy": skm.accuracy_score(y[te], prob > 0.5),
                                   "iterations": int(hgb.n_iter_), "testLogLoss": skm.log_loss(y[te], prob)}
    write("trees_bank.json", out)


def advertising():
    df = pd.read_csv(os.path.join(DATA, "crm", "advertising", "Advertising.csv"), index_col=0)
    feats = ["TV", "radio", "newspaper"]
    X = df[feats].to_numpy(float)
    y = df["sales"].to_numpy(float)
    tr, te = split(len(df))
    out = {"features": feats, "split": "test rows: index % 5 == 0", "trees": {}}
    for depth in [3, 6, None]:
        m = DecisionTreeRegressor(max_depth=depth, random_state=0).fit(X[tr], y[tr])
        out["trees"][str(depth)] = {"maxDepth": depth or 0, **tree_info(m), "testPred": lst(m.predict(X[te])),
                                    "testR2": skm.r2_score(y[te], m.predict(X[te]))}
    r2s = []
    for seed in range(5):
        rf = RandomForestRegressor(n_estimators=100, random_state=seed, oob_score=True).fit(X[tr], y[tr])
        r2s.append(skm.r2_score(y[te], rf.predict(X[te])))
    out["randomForest"] = {"nTrees": 100, "testR2BySeed": r2s, "oobR2": float(rf.oob_score_)}
    hgb = HistGradientBoostingRegressor(random_state=0).fit(X[tr], y[tr])
    out["histGradientBoosting"] = {"testR2": skm.r2_score(y[te], hgb.predict(X[te])), "iterations": int(hgb.n_iter_)}
    write("trees_advertising.json", out)


if __name__ == "__main__":
    bank()
    advertising()
