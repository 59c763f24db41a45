# Regenerate: /usr/bin/python3 test/reference/preprocess_more_reference.py   (from the repo root)
#
# scikit-learn / pandas reference values for the newer preprocess steps (test/core/steps/parity-more.test.ts):
# OrdinalEncoder, KBinsDiscretizer (uniform, quantile), VarianceThreshold, SelectKBest with f_classif /
# f_regression, quantile clipping bounds, groupby aggregates, merge row counts, date parts (dt accessors)
# and period buckets. Reads the shared data (../shared/data beside the checkout, or $SHARED_DATA) and
# writes test/fixtures/reference/preprocess_more.json. "train" means row index % 5 != 0, as in
# preprocess_reference.py.
import json
import os
import platform
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.feature_selection import SelectKBest, VarianceThreshold, f_classif, f_regression
from sklearn.preprocessing import KBinsDiscretizer, OrdinalEncoder

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
OUT = os.path.join(ROOT, "test", "fixtures", "reference", "preprocess_more.json")

BANK_NUMERIC = ["age", "balance", "day", "duration", "campaign", "pdays", "previous"]
BANK_TEXT = ["job", "marital", "education", "contact", "month", "poutcome"]


def floats(a):
    return [None if np.isnan(x) else float(x) for x in np.asarray(a, dtype=float).ravel()]


def ordinal(df):
    enc = OrdinalEncoder().fit(df[BANK_TEXT].astype(str))
    return {"categories": {c: [str(v) for v in cats] for c, cats in zip(BANK_TEXT, enc.categories_)}}


def kbins(df, full):
    out = {}
    for strategy in ["uniform", "quantile"]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # quantile bins of pdays/previous collapse (sklearn warns)
            kb = KBinsDiscretizer(n_bins=5, encode="ordinal", strategy=strategy).fit(df[BANK_NUMERIC].to_numpy(float))
        codes = kb.transform(full[BANK_NUMERIC].to_numpy(float))
        out[strategy] = {"edges": {c: floats(e) for c, e in zip(BANK_NUMERIC, kb.bin_edges_)},
                         "counts": {c: [int(x) for x in np.bincount(codes[:, j].astype(int))] for j, c in enumerate(BANK_NUMERIC)}}
    return out


def select(df, features, target, score):
    sel = SelectKBest(score, k=3).fit(df[features].to_numpy(float), df[target])
    return {"features": features, "target": target, "k": 3, "scores": floats(sel.scores_), "pvalues": floats(sel.pvalues_),
            "selected": [f for f, s in zip(features, sel.get_support()) if s]}


def bank_reference():
    bank = pd.read_csv(os.path.join(DATA, "crm/bank_marketing/bank-full.csv"), sep=";")
    train = bank[bank.index % 5 != 0]
    vt = VarianceThreshold(threshold=10.0).fit(bank[BANK_NUMERIC].to_numpy(float))
    agg = bank.groupby(["job", "marital"]).agg(
        balance_sum=("balance", "sum"), balance_mean=("balance", "mean"), balance_median=("balance", "median"),
        balance_min=("balance", "min"), balance_max=("balance", "max"), count=("balance", "size"),
        age_distinct=("age", "nunique"), duration_first=("duration", "first"), duration_last=("duration", "last"),
        education_first=("education", "first")).reset_index()
    # Joins: a one-to-one lookup (job -> mean balance, jobs above 1300) and a many-to-many one.
    lookup = bank.groupby("job", as_index=False)["balance"].mean().rename(columns={"balance": "job_balance"})
    lookup = lookup[lookup.job_balance > 1300]
    young = bank[bank.age < 25][["job", "marital", "age"]]
    head = bank.head(2000)
    return {
        "rows": int(len(bank)), "train_rows": int(len(train)),
        "ordinal_all": ordinal(bank), "ordinal_train": ordinal(train),
        "ordinal_first_rows": OrdinalEncoder().fit(bank[BANK_TEXT].astype(str)).transform(bank[BANK_TEXT].head(5).astype(str)).tolist(),
        "kbins_all": kbins(bank, bank), "kbins_train": kbins(train, bank),
        "variance": {"threshold": 10.0, "variances": dict(zip(BANK_NUMERIC, floats(vt.variances_))),
                     "selected": [c for c, s in zip(BANK_NUMERIC, vt.get_support()) if s]},
        "f_classif_all": select(bank, BANK_NUMERIC, "y", f_classif),
        "f_classif_train": select(train, BANK_NUMERIC, "y", f_classif),
        "f_regression_all": select(bank, [c for c in BANK_NUMERIC if c != "duration"], "duration", f_regression),
        "clip_train": {"lower": dict(zip(BANK_NUMERIC, floats(train[BANK_NUMERIC].quantile(0.01)))),
                       "upper": dict(zip(BANK_NUMERIC, floats(train[BANK_NUMERIC].quantile(0.99))))},
        "groupby": {"by": ["job", "marital"], "rows": json.loads(agg.to_json(orient="records"))},
        "merge": {"lookup_keys": int(len(lookup)),
                  "lookup_inner": int(len(bank.merge(lookup, on="job", how="inner"))),
                  "lookup_left": int(len(bank.merge(lookup, on="job", how="left"))),
                  "many_inner": int(len(head.merge(young, on=["job", "marital"], how="inner"))),
                  "many_left": int(len(head.merge(young, on=["job", "marital"], how="left")))},
    }


def telco_reference():
    telco = pd.read_csv(os.path.join(DATA, "crm/telco_churn/Telco-Customer-Churn.csv"))
    telco["TotalCharges"] = pd.to_numeric(telco["TotalCharges"], errors="coerce")
    present = telco.dropna(subset=["TotalCharges"])
    features = ["tenure", "MonthlyCharges", "TotalCharges", "SeniorCitizen"]
    agg = telco.groupby("Contract").agg(TotalCharges_mean=("TotalCharges", "mean"), TotalCharges_count=("TotalCharges", "count"),
                                        TotalCharges_sum=("TotalCharges", "sum"), tenure_median=("tenure", "median")).reset_index()
    return {"rows_present": int(len(present)), "f_classif": select(present, features, "Churn", f_classif),
            "f_regression": select(present, ["tenure", "SeniorCitizen", "TotalCharges"], "MonthlyCharges", f_regression),
            "variances": dict(zip(features, floats(VarianceThreshold().fit(present[features].to_numpy(float)).variances_))),
            "groupby": json.loads(agg.to_json(orient="records"))}


def retail_reference():
    df = pd.read_csv(os.path.join(DATA, "retail/online_retail/online_retail_sample_2010-12_2011-02.csv"), parse_dates=["InvoiceDate"])
    d = df["InvoiceDate"]
    since = pd.Timestamp("2010-12-15")
    parts = {"year": d.dt.year, "quarter": d.dt.quarter, "month": d.dt.month, "day": d.dt.day,
             "week": d.dt.isocalendar().week.astype(int), "dayofweek": d.dt.dayofweek, "days_since": (d - since).dt.days}
    stride = list(range(0, len(df), 997))
    buckets = {}
    for unit, freq in [("day", "D"), ("week", "W"), ("month", "M"), ("quarter", "Q"), ("year", "Y")]:
        start = d.dt.to_period(freq).dt.start_time
        counts = start.value_counts().sort_index()
        buckets[unit] = {"starts": [t.strftime("%Y-%m-%d") for t in counts.index], "counts": [int(c) for c in counts]}
    return {"rows": int(len(df)), "since": "2010-12-15", "stride_rows": stride,
            "parts": {k: {"sum": int(v.sum()), "at_stride": [int(x) for x in v.iloc[stride]]} for k, v in parts.items()},
            "buckets": buckets}


def main():
    ref = {"versions": {"sklearn": sklearn.__version__, "pandas": pd.__version__, "numpy": np.__version__, "python": platform.python_version()},
           "bank": bank_reference(), "telco": telco_reference(), "retail": retail_reference()}
    with open(OUT, "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
