#!/usr/bin/python3
"""Reference values for k-means, SVM, MLP-free checks, cross-validation and PR curves (scikit-learn, scipy).

Regenerate (from the repository root, with Debian's python3-{pandas,sklearn,scipy}):

    /usr/bin/python3 test/reference/ml_reference.py

Writes test/fixtures/reference/ml_{kmeans,svm,cv,pr}.json. Data lives in ../shared/data beside the checkout.
"""
import json
import os
import warnings

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy.optimize import minimize
from sklearn import metrics as skm
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC, LinearSVC, LinearSVR

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.abspath(os.path.join(ROOT, "..", "shared", "data"))
OUT = os.path.join(ROOT, "test", "fixtures", "reference")
VERSIONS = {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__, "pandas": pd.__version__}
BANK_FEATURES = ["age", "balance", "day", "duration", "campaign", "pdays", "previous"]


def write(name, obj):
    obj = {"generatedBy": "test/reference/ml_reference.py", "versions": VERSIONS, **obj}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=1, allow_nan=False)
        f.write("\n")
    print("wrote", name)


def lst(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def bank():
    df = pd.read_csv(os.path.join(DATA, "crm", "bank_marketing", "bank-full.csv"), sep=";")
    X = StandardScaler().fit_transform(df[BANK_FEATURES].to_numpy(dtype=float))
    y = (df["y"] == "yes").to_numpy(dtype=float)
    return X, y


def init_rows(n, k, r):
    """The explicit starting rows of restart r (the TS test builds the same)."""
    return [(i * n) // k + 37 * r + 3 for i in range(k)]


def kmeans():
    X, _ = bank()
    n, k = X.shape[0], 4
    restarts = []
    for r in range(3):
        m = KMeans(n_clusters=k, init=X[init_rows(n, k, r)], n_init=1, algorithm="lloyd", tol=1e-4, max_iter=300).fit(X)
        restarts.append({"rows": init_rows(n, k, r), "inertia": float(m.inertia_), "n_iter": int(m.n_iter_),
                         "centres": lst(m.cluster_centers_), "sizes": np.bincount(m.labels_, minlength=k).tolist()})
    best = min(range(3), key=lambda r: restarts[r]["inertia"])
    mb = KMeans(n_clusters=k, init=X[init_rows(n, k, best)], n_init=1, algorithm="lloyd").fit(X)
    m_sil = 2000
    sil = skm.silhouette_score(X[:m_sil], mb.labels_[:m_sil])
    pp = KMeans(n_clusters=k, init="k-means++", n_init=4, random_state=0).fit(X)
    write("ml_kmeans.json", {
        "dataset": "crm/bank_marketing/bank-full.csv", "features": BANK_FEATURES,
        "standardize": "StandardScaler over all rows", "k": k, "restarts": restarts, "best": best,
        "bestInertia": restarts[best]["inertia"], "labelsFirst50": mb.labels_[:50].tolist(),
        "silhouetteRows": m_sil, "silhouetteFirstRows": float(sil),
        "kmeansPlusPlusNInit4Inertia": float(pp.inertia_),
    })


def squared_hinge_exact(X, y01, C):
    """min ½‖w‖² + C Σ max(0, 1 − y(xw + b))², intercept unpenalised, solved tightly in float64."""
    s = 2 * y01 - 1
    p = X.shape[1]

    def f(t):
        m = 1 - s * (X @ t[:p] + t[p])
        a = np.maximum(m, 0)
        g = -2 * C * (a * s)
        return 0.5 * t[:p] @ t[:p] + C * a @ a, np.concatenate([t[:p] + X.T @ g, [g.sum()]])

    r = minimize(f, np.zeros(p + 1), jac=True, method="L-BFGS-B", options={"gtol": 1e-10, "ftol": 1e-15, "maxiter": 100000})
    return r.x[:p], r.x[p]


def squared_eps_exact(X, y, C, eps):
    """min ½‖w‖² + C Σ max(0, |xw + b − y| − ε)², intercept unpenalised."""
    p = X.shape[1]

    def f(t):
        r = X @ t[:p] + t[p] - y
        a = np.maximum(np.abs(r) - eps, 0)
        g = 2 * C * a * np.sign(r)
        return 0.5 * t[:p] @ t[:p] + C * a @ a, np.concatenate([t[:p] + X.T @ g, [g.sum()]])

    r = minimize(f, np.zeros(p + 1), jac=True, method="L-BFGS-B", options={"gtol": 1e-9, "ftol": 1e-15, "maxiter": 100000})
    return r.x[:p], r.x[p]


def svm():
    X, y = bank()
    test = np.arange(len(y)) % 5 == 0
    Xtr, ytr, Xte, yte = X[~test], y[~test], X[test], y[test]
    w, b = squared_hinge_exact(Xtr, ytr, 1.0)
    dec = Xte @ w + b
    lsvc = LinearSVC(C=1.0, loss="squared_hinge", dual=False, tol=1e-10, max_iter=100000).fit(Xtr, ytr)
    ldec = lsvc.decision_function(Xte)
    # RBF: libsvm's SVC is O(n²), so train on the first 6000 training rows.
    sub = 6000
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        svc = SVC(C=1.0, kernel="rbf", gamma="scale").fit(Xtr[:sub], ytr[:sub])
    sdec = svc.decision_function(Xte)
    adv = pd.read_csv(os.path.join(DATA, "crm", "advertising", "Advertising.csv"), index_col=0)
    Xa, ya = adv[["TV", "radio", "newspaper"]].to_numpy(dtype=float), adv["sales"].to_numpy(dtype=float)
    wa, ba = squared_eps_exact(Xa, ya, 1.0, 0.1)
    lsvr = LinearSVR(C=1.0, epsilon=0.1, loss="squared_epsilon_insensitive", dual=False, tol=1e-10, max_iter=100000).fit(Xa, ya)
    write("ml_svm.json", {
        "dataset": "crm/bank_marketing/bank-full.csv (standardised numeric subset), test rows index % 5 == 0",
        "features": BANK_FEATURES,
        "linear": {"C": 1.0, "objective": "squared hinge, intercept unpenalised (scipy L-BFGS-B, gtol 1e-10)",
                   "coef": lst(w), "intercept": float(b), "testDecisionFirst20": lst(dec[:20]),
                   "testAccuracy": float(((dec > 0) == (yte == 1)).mean())},
        "linearSVC": {"note": "LinearSVC(loss=squared_hinge, dual=False): also penalises the intercept (intercept_scaling=1)",
                      "coef": lst(lsvc.coef_[0]), "intercept": float(lsvc.intercept_[0]),
                      "testDecisionFirst20": lst(ldec[:20]), "testAccuracy": float(lsvc.score(Xte, yte)),
                      "testRocAuc": float(skm.roc_auc_score(yte, ldec))},
        "rbfSVC": {"trainRows": sub, "C": 1.0, "gamma": float(1 / (X.shape[1] * Xtr[:sub].var())),
                   "testAccuracy": float(svc.score(Xte, yte)), "testRocAuc": float(skm.roc_auc_score(yte, sdec))},
        "svr": {"dataset": "crm/advertising/Advertising.csv", "features": ["TV", "radio", "newspaper"], "C": 1.0, "epsilon": 0.1,
                "objective": "squared epsilon-insensitive, intercept unpenalised", "coef": lst(wa), "intercept": float(ba),
                "linearSVR": {"coef": lst(lsvr.coef_), "intercept": float(np.ravel(lsvr.intercept_)[0])}},
    })


def telco_design():
    df = pd.read_csv(os.path.join(DATA, "crm", "telco_churn", "Telco-Customer-Churn.csv"))
    df["TotalCharges"] = pd.to_numeric(df["TotalCharges"], errors="coerce").fillna(0.0)
    y = (df["Churn"] == "Yes").to_numpy(dtype=float)
    X = pd.get_dummies(df.drop(columns=["customerID", "Churn"])).astype(float)
    return StandardScaler().fit_transform(X.to_numpy()), y, X.shape[1]


def cv():
    X, y, p = telco_design()
    skf = StratifiedKFold(5)
    folds, aucs, accs = [], [], []
    for tr, te in skf.split(X, y):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            m = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-10, max_iter=10000).fit(X[tr], y[tr])
        prob = m.predict_proba(X[te])[:, 1]
        aucs.append(skm.roc_auc_score(y[te], prob))
        accs.append(skm.accuracy_score(y[te], prob >= 0.5))
        folds.append({"testSize": int(len(te)), "testPositives": int(y[te].sum()), "firstTest": int(te[0]), "lastTest": int(te[-1])})
    kf = [len(te) for _, te in KFold(5).split(X)]
    # StratifiedKFold on an awkward label vector: 3 classes order-of-appearance, n not divisible by k.
    lab = np.array([2, 0, 0, 1, 2, 2, 0, 1, 1, 1, 0, 2, 2, 2, 0, 1, 0])
    toy = [te.tolist() for _, te in StratifiedKFold(4).split(np.zeros(len(lab)), lab)]
    write("ml_cv.json", {
        "dataset": "crm/telco_churn/Telco-Customer-Churn.csv",
        "preprocess": "TotalCharges blank -> 0; one-hot every text column (not customerID, Churn); StandardScaler on all columns",
        "features": p, "folds": folds, "rocAuc": aucs, "accuracy": accs,
        "rocAucMean": float(np.mean(aucs)), "rocAucStd": float(np.std(aucs)), "accuracyMean": float(np.mean(accs)),
        "kfoldSizes7043": kf, "toyLabels": lab.tolist(), "toyStratified4": toy,
    })


def pr():
    rng = np.random.RandomState(0)
    y = (rng.rand(300) < 0.3).astype(float)
    score = np.round(rng.rand(300) * 0.6 + y * 0.3, 2)  # rounded: many ties
    prec, rec, thr = skm.precision_recall_curve(y, score)
    write("ml_pr.json", {"y": lst(y), "score": lst(score), "precision": lst(prec), "recall": lst(rec),
                         "thresholds": lst(thr), "averagePrecision": float(skm.average_precision_score(y, score))})


if __name__ == "__main__":
    kmeans()
    svm()
    cv()
    pr()
