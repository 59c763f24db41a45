# Regenerate: /usr/bin/python3 test/reference/preprocess_reference.py   (from the repo root)
#
# scikit-learn reference values for the preprocess steps (test/core/steps/parity.test.ts).
# Reads the shared CRM files (../shared/data beside the checkout, or $SHARED_DATA) and writes
# test/fixtures/reference/{bank,telco}.json with SimpleImputer, StandardScaler, MinMaxScaler,
# RobustScaler and OneHotEncoder results fitted (a) on the whole file and (b) on the rows whose
# index % 5 != 0 (a deterministic "train" subset, to check that steps fit on train rows only).
import json
import os
import platform

import numpy as np
import pandas as pd
import sklearn
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, RobustScaler, StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
OUT = os.path.join(ROOT, "test", "fixtures", "reference")


def floats(a):
    return [None if np.isnan(x) else float(x) for x in np.asarray(a, dtype=float).ravel()]


def by_column(cols, values):
    return dict(zip(cols, floats(values)))


def fit_numeric(df, cols, robust_cols):
    x = df[cols].to_numpy(dtype=float)
    out = {}
    for strategy in ["mean", "median", "most_frequent"]:
        out[f"impute_{strategy}"] = by_column(cols, SimpleImputer(strategy=strategy).fit(x).statistics_)
    std = StandardScaler().fit(x)
    out["standard"] = {"mean": by_column(cols, std.mean_), "scale": by_column(cols, std.scale_),
                       "first_rows": [floats(r) for r in std.transform(x[:3])]}
    mm = MinMaxScaler().fit(x)
    out["minmax"] = {"data_min": by_column(cols, mm.data_min_), "data_max": by_column(cols, mm.data_max_),
                     "scale": by_column(cols, mm.scale_), "min": by_column(cols, mm.min_),
                     "first_rows": [floats(r) for r in mm.transform(x[:3])]}
    xr = df[robust_cols].to_numpy(dtype=float)
    rb = RobustScaler().fit(xr)
    out["robust"] = {"columns": robust_cols, "center": by_column(robust_cols, rb.center_),
                     "scale": by_column(robust_cols, rb.scale_),
                     "first_rows": [floats(r) for r in rb.transform(xr[:3])]}
    return out


def fit_text(df, cols):
    # Missing text (NaN) is left out of the categories, as the TS step treats it.
    imp = SimpleImputer(strategy="most_frequent").fit(df[cols].astype(object))
    enc = OneHotEncoder(handle_unknown="ignore").fit(df[cols].astype(str))
    dense = enc.transform(df[cols].head(5).astype(str)).toarray()
    return {"impute_most_frequent_text": dict(zip(cols, [str(v) for v in imp.statistics_])),
            "onehot": {"categories": {c: [str(v) for v in cats] for c, cats in zip(cols, enc.categories_)},
                       "feature_names": [str(n) for n in enc.get_feature_names_out(cols)],
                       "first_rows": dense.tolist()}}


def reference(df, numeric, robust, text, extra):
    train = df[df.index % 5 != 0]
    return {"rows": int(len(df)), "columns": list(df.columns), **extra,
            "all": {**fit_numeric(df, numeric, robust), **fit_text(df, text)},
            "train_subset": {"rule": "row index % 5 != 0", "rows": int(len(train)),
                             **fit_numeric(train, numeric, robust), **fit_text(train, text)}}


def main():
    os.makedirs(OUT, exist_ok=True)
    versions = {"sklearn": sklearn.__version__, "pandas": pd.__version__, "numpy": np.__version__,
                "python": platform.python_version()}

    bank = pd.read_csv(os.path.join(DATA, "crm/bank_marketing/bank-full.csv"), sep=";")
    bank_ref = reference(
        bank,
        numeric=["age", "balance", "day", "duration", "campaign", "pdays", "previous"],
        robust=["age", "balance", "day", "duration", "campaign"],  # pdays/previous: IQR is 0
        text=["job", "marital", "education", "contact", "month", "poutcome"],
        extra={"file": "crm/bank_marketing/bank-full.csv", "versions": versions},
    )

    telco = pd.read_csv(os.path.join(DATA, "crm/telco_churn/Telco-Customer-Churn.csv"))
    telco["TotalCharges"] = pd.to_numeric(telco["TotalCharges"], errors="coerce")
    missing_rows = [int(i) for i in np.flatnonzero(telco["TotalCharges"].isna().to_numpy())]
    telco_ref = reference(
        telco,
        numeric=["tenure", "MonthlyCharges", "TotalCharges", "SeniorCitizen"],
        robust=["tenure", "MonthlyCharges", "TotalCharges"],
        text=["gender", "InternetService", "Contract", "PaymentMethod", "MultipleLines"],
        extra={"file": "crm/telco_churn/Telco-Customer-Churn.csv", "versions": versions,
               "total_charges_missing_rows": missing_rows},
    )

    for name, ref in [("bank", bank_ref), ("telco", telco_ref)]:
        with open(os.path.join(OUT, f"{name}.json"), "w") as f:
            json.dump(ref, f, indent=1)
            f.write("\n")
        print("wrote", os.path.join(OUT, f"{name}.json"))


if __name__ == "__main__":
    main()
