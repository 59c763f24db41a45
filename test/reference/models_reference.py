#!/usr/bin/python3
"""Reference values for the models and metrics tests (statsmodels, scikit-learn, scipy).

Regenerate (from the repository root, with Debian's python3-{pandas,sklearn,statsmodels,scipy}):

    /usr/bin/python3 test/reference/models_reference.py

Writes test/fixtures/reference/models_{linear,logistic,metrics,student_t}.json.
Data lives in ../shared/data beside the checkout.
"""
import json
import os
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
import sklearn
import statsmodels
import statsmodels.api as sm
from scipy import stats
from sklearn import metrics as skm
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.abspath(os.path.join(ROOT, "..", "shared", "data"))
OUT = os.path.join(ROOT, "test", "fixtures", "reference")
VERSIONS = {"sklearn": sklearn.__version__, "statsmodels": statsmodels.__version__,
            "scipy": scipy.__version__, "numpy": np.__version__, "pandas": pd.__version__}


def write(name, obj):
    obj = {"generatedBy": "test/reference/models_reference.py", "versions": VERSIONS, **obj}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=1, allow_nan=False)
        f.write("\n")


def lst(a):
    return [float(v) for v in np.asarray(a, dtype=float)]


def regression_metrics(y, p):
    return {"mse": skm.mean_squared_error(y, p), "rmse": float(np.sqrt(skm.mean_squared_error(y, p))),
            "mae": skm.mean_absolute_error(y, p), "mape": skm.mean_absolute_percentage_error(y, p),
            "r2": skm.r2_score(y, p)}


def binary_metrics(y, prob, threshold=0.5):
    pred = (prob >= threshold).astype(float)
    return {"accuracy": skm.accuracy_score(y, pred), "precision": skm.precision_score(y, pred, zero_division=0),
            "recall": skm.recall_score(y, pred, zero_division=0), "f1": skm.f1_score(y, pred, zero_division=0),
            "roc_auc": skm.roc_auc_score(y, prob), "log_loss": skm.log_loss(y, prob)}


def linear():
    df = pd.read_csv(os.path.join(DATA, "crm", "advertising", "Advertising.csv"), index_col=0)
    feats = ["TV", "radio", "newspaper"]
    X = sm.add_constant(df[feats])
    fit = sm.OLS(df["sales"], X).fit()
    # A train/test split by row position, so the cell test can check test metrics too.
    train = np.arange(len(df)) < 150
    fit_tr = sm.OLS(df["sales"][train], X[train]).fit()
    pred_te = fit_tr.predict(X[~train])
    write("models_linear.json", {
        "dataset": "crm/advertising/Advertising.csv", "formula": "sales ~ TV + radio + newspaper",
        "names": ["const", *feats],
        "params": lst(fit.params), "bse": lst(fit.bse), "tvalues": lst(fit.tvalues), "pvalues": lst(fit.pvalues),
        "rsquared": fit.rsquared, "rsquared_adj": fit.rsquared_adj, "scale": fit.scale, "nobs": fit.nobs,
        "predictions": lst(fit.fittedvalues), "metrics": regression_metrics(df["sales"], fit.fittedvalues),
        "split": {"trainRows": 150, "params": lst(fit_tr.params), "bse": lst(fit_tr.bse),
                  "train": regression_metrics(df["sales"][train], fit_tr.fittedvalues),
                  "test": regression_metrics(df["sales"][~train], pred_te)},
    })


def logistic():
    df = pd.read_csv(os.path.join(DATA, "crm", "bank_marketing", "bank-full.csv"), sep=";")
    feats = ["age", "balance", "day", "duration", "campaign", "pdays", "previous"]
    X = StandardScaler().fit_transform(df[feats].to_numpy(dtype=float))
    y = (df["y"] == "yes").to_numpy(dtype=float)
    out = {"dataset": "crm/bank_marketing/bank-full.csv", "features": feats,
           "standardize": "StandardScaler (population std, ddof=0) over all rows", "positive": "yes"}
    for C in (1.0, 0.01):
        m = LogisticRegression(C=C, solver="lbfgs", tol=1e-12, max_iter=100000).fit(X, y)
        prob = m.predict_proba(X)[:, 1]
        # lbfgs stops on its ftol (64 eps) long before tol: its coefficients sit ~3e-4 relative off
        # the optimum. newton-cg with a tight tol reaches it, so the tests check both.
        with warnings.catch_warnings():  # its line search complains once it sits on the optimum
            warnings.simplefilter("ignore")
            nc = LogisticRegression(C=C, solver="newton-cg", tol=1e-12, max_iter=100000).fit(X, y)
        out[f"C={C:g}"] = {"C": C, "coef": lst(m.coef_[0]), "intercept": float(m.intercept_[0]),
                           "n_iter": int(m.n_iter_[0]), "metrics": binary_metrics(y, prob),
                           "probFirst10": lst(prob[:10]),
                           "newtonCg": {"coef": lst(nc.coef_[0]), "intercept": float(nc.intercept_[0]),
                                        "metrics": binary_metrics(y, nc.predict_proba(X)[:, 1])}}
    # Train/test split for the cell tests: every fifth row (index % 5 == 0) is a test row.
    test = np.arange(len(y)) % 5 == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-12, max_iter=100000).fit(X[~test], y[~test])
    out["split"] = {"rule": "test rows: index % 5 == 0", "C": 1.0, "coef": lst(m.coef_[0]),
                    "intercept": float(m.intercept_[0]), "nTrain": int((~test).sum()), "nTest": int(test.sum()),
                    "train": binary_metrics(y[~test], m.predict_proba(X[~test])[:, 1]),
                    "test": binary_metrics(y[test], m.predict_proba(X[test])[:, 1]),
                    "testThreshold0.3": binary_metrics(y[test], m.predict_proba(X[test])[:, 1], 0.3),
                    "testConfusion": skm.confusion_matrix(y[test], (m.predict_proba(X[test])[:, 1] >= 0.5)).tolist()}
    write("models_logistic.json", out)


def metrics():
    rng = np.random.default_rng(7)
    y = rng.normal(10, 3, 40)
    p = y + rng.normal(0, 1.5, 40)
    # Binary scores with ties (rounded), so the ROC tie handling is exercised.
    yb = (rng.random(60) < 0.4).astype(float)
    s = np.round(np.clip(0.3 + 0.4 * yb + rng.normal(0, 0.25, 60), 0.001, 0.999), 1)
    roc_d = skm.roc_curve(yb, s)
    roc_a = skm.roc_curve(yb, s, drop_intermediate=False)
    # Multi-class labels (with a class the predictions never use).
    ym = rng.integers(0, 4, 50).astype(float)
    pm = np.where(rng.random(50) < 0.6, ym, rng.integers(0, 3, 50)).astype(float)
    labels = sorted(set(ym) | set(pm))
    multi = {"labels": [float(v) for v in labels], "accuracy": skm.accuracy_score(ym, pm),
             "confusion": skm.confusion_matrix(ym, pm, labels=labels).tolist()}
    for avg in ("macro", "weighted"):
        multi[avg] = {"precision": skm.precision_score(ym, pm, average=avg, zero_division=0),
                      "recall": skm.recall_score(ym, pm, average=avg, zero_division=0),
                      "f1": skm.f1_score(ym, pm, average=avg, zero_division=0)}
    r2_const = {"yTrue": [3.0, 3.0, 3.0], "perfect": skm.r2_score([3, 3, 3], [3, 3, 3]),
                "imperfect": skm.r2_score([3, 3, 3], [3, 2, 3])}
    write("models_metrics.json", {
        "regression": {"yTrue": lst(y), "yPred": lst(p), **regression_metrics(y, p)},
        "regressionWithZero": {"yTrue": [0.0, 1.0, 2.0], "yPred": [0.5, 1.0, 1.0],
                               "mape": skm.mean_absolute_percentage_error([0.0, 1.0, 2.0], [0.5, 1.0, 1.0])},
        "r2Constant": r2_const,
        "binary": {"yTrue": lst(yb), "score": lst(s), **binary_metrics(yb, s),
                   "threshold0.35": binary_metrics(yb, s, 0.35),
                   "confusion": skm.confusion_matrix(yb, (s >= 0.5).astype(float)).tolist(),
                   "roc": {"fpr": lst(roc_d[0]), "tpr": lst(roc_d[1]), "thresholds": lst(roc_d[2])},
                   "rocAll": {"fpr": lst(roc_a[0]), "tpr": lst(roc_a[1]), "thresholds": lst(roc_a[2])}},
        "logLossExtreme": {"yTrue": [1.0, 0.0, 1.0], "prob": [1.0, 0.0, 0.0],
                           "logLoss": skm.log_loss([1, 0, 1], [1.0, 0.0, 0.0])},
        "multiclass": {"yTrue": lst(ym), "yPred": lst(pm), **multi},
    })


def student_t():
    cases = []
    for df in (1, 2, 3, 5, 10, 30, 196, 1000, 2.5):
        for t in (0.0, 0.1, 0.5, 1.0, 1.96, 2.5, 4.0, 10.0, 30.0, -1.5):
            cases.append({"t": t, "df": df, "cdf": float(stats.t.cdf(t, df)),
                          "twoSided": float(2 * stats.t.sf(abs(t), df))})
    write("models_student_t.json", {"cases": cases})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    linear()
    metrics()
    student_t()
    logistic()
    print("wrote", OUT, file=sys.stderr)
