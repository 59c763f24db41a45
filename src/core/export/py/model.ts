/**
 * Model helpers (src/core/cells/model.ts, src/core/models): default features, the 0/1 target
 * coding, and the rows a model fits on (training rows with every feature and the target).
 */
export const PY_MODEL = String.raw`
def default_features(df, target, exclude):
    """Number and boolean columns except the target, split, model outputs and exclude, in order."""
    skip = {target, "split", "prediction", "probability", *exclude}
    return [c for c in df.columns if c not in skip
            and (pd.api.types.is_numeric_dtype(df[c]) or pd.api.types.is_bool_dtype(df[c]))]


def binary_target(col, positive=None):
    """(y as 0/1 floats with NaN, positive label, negative label), as the app codes targets."""
    if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
        y = col.astype(float)
        bad = set(y.dropna().unique()) - {0.0, 1.0}
        if bad:
            raise ValueError(f"target {col.name} must hold 0/1; found {sorted(bad)[:3]}")
        is_bool = pd.api.types.is_bool_dtype(col)
        return y.to_numpy(), ("true" if is_bool else "1"), ("false" if is_bool else "0")
    labels = sorted(col.dropna().unique())
    if len(labels) != 2:
        raise ValueError(f"target {col.name} needs exactly two labels; found {len(labels)}")
    pos = positive if positive is not None else labels[1]
    neg = labels[0] if labels[1] == pos else labels[1]
    y = col.map(lambda v: np.nan if v is None or v != v else float(v == pos))
    return y.to_numpy(dtype=float), pos, neg


def complete_rows(df, features, y, which):
    """Row positions of split == which (all rows without a split column) with no missing input."""
    rows = np.ones(len(df), dtype=bool) if "split" not in df.columns else (df["split"] == which).to_numpy()
    ok = rows & ~np.isnan(y) & df[features].notna().all(axis=1).to_numpy()
    return np.flatnonzero(ok)


def constant_columns(x, features):
    return [f for j, f in enumerate(features) if np.all(x[:, j] == x[0, j])] if len(x) else []
`;
