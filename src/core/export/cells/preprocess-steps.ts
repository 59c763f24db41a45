/**
 * One preprocess step as Python lines acting on the DataFrame `df`. Fitted steps learn on the
 * rows of train_mask(df), as the app's steps learn on the "train" rows (src/core/steps).
 */
import type { Step } from "../../cells/preprocess";
import { pyList, pyStr, pyValue } from "../python";

/** The ops this exporter writes; any other op makes the whole preprocess cell not exported. */
export const EXPORTED_OPS = new Set<Step["op"]>(["select", "drop", "impute", "onehot", "scale", "split"]);

/** Python lines for one step; `seed` is the notebook seed the split falls back to. */
export function stepLines(step: Step, seed: number): string[] {
  switch (step.op) {
    case "select":
      return [`df = df[${pyList(step.columns)} + [c for c in ["split", "fold"] if c in df.columns and c not in ${pyList(step.columns)}]]`];
    case "drop":
      return [`df = df.drop(columns=${pyList(step.columns)})`];
    case "split": {
      const strat = step.stratify ? pyStr(step.stratify) : "None";
      return [
        `df["split"] = split_labels(df, ${step.test}, ${step.seed ?? seed}, ${strat})`,
        `fitted["split"] = df["split"].value_counts().reindex(["train", "test"], fill_value=0).to_dict()`,
      ];
    }
    case "impute":
      return [
        `fit = train_mask(df)`,
        `for col in ${pyList(step.columns)}:`,
        `    fill = impute_value(df.loc[fit, col], ${pyStr(step.strategy)}, ${pyValue(step.value ?? null)})`,
        `    fitted.setdefault("impute", {})[col] = fill`,
        `    df[col] = df[col].fillna(fill)`,
      ];
    case "onehot":
      return [
        `fit = train_mask(df)`,
        `for col in ${pyList(step.columns)}:`,
        `    df = one_hot(df, col, fit, drop_first=${step.dropFirst ? "True" : "False"}, fitted=fitted)`,
      ];
    case "scale":
      return [
        `fit = train_mask(df)`,
        `for col in ${pyList(step.columns)}:`,
        `    center, scale = scale_params(df.loc[fit, col].dropna().to_numpy(dtype=float), ${pyStr(step.method)}, col)`,
        `    fitted.setdefault("scale", {})[col] = {"center": center, "scale": scale}`,
        `    df[col] = (df[col].astype(float) - center) / scale`,
      ];
    default:
      throw new Error(`step ${step.op} has no Python form`);
  }
}

/** Python helpers of the fitted steps (added to the notebook's helper cell). */
export const PY_STEPS = String.raw`
def impute_value(train_values, strategy, constant=None):
    """The fill value learned on the training rows (scikit-learn's SimpleImputer rules)."""
    present = train_values.dropna()
    is_num = pd.api.types.is_numeric_dtype(train_values)
    if strategy == "constant":
        return constant if constant is not None else (0 if is_num else "missing")
    if len(present) == 0:
        raise ValueError(f"{train_values.name}: no values in the training rows")
    if strategy == "mean":
        return float(present.astype(float).mean())
    if strategy == "median":
        return float(np.median(present.astype(float)))
    counts = present.value_counts()
    # Ties go to the smallest value, as scikit-learn (and the app) do.
    return sorted(counts[counts == counts.max()].index)[0]


def one_hot(df, col, fit, drop_first, fitted):
    """Replaces col, in place, by one 0/1 column "col=value" per category learned on train rows."""
    values = df[col]
    is_num = pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)
    train = values[fit].dropna()
    if is_num:
        cats = [label_of(v) for v in sorted(train.unique())]
    else:
        cats = sorted({label_of(v) for v in train})
    fitted.setdefault("onehot", {})[col] = cats
    labels = values.map(label_of)
    kept = cats[1:] if drop_first else cats
    new = pd.DataFrame({f"{col}={c}": (labels == c).astype(float) for c in kept}, index=df.index)
    at = df.columns.get_loc(col)
    return pd.concat([df.iloc[:, :at], new, df.iloc[:, at + 1:]], axis=1)


def scale_params(x, method, col):
    """(center, scale) on the training values: standard (ddof 0), minmax or robust (IQR)."""
    if len(x) == 0:
        raise ValueError(f"{col}: no values in the training rows")
    if method == "standard":
        center, scale = x.mean(), x.std()
    elif method == "minmax":
        center, scale = x.min(), x.max() - x.min()
    else:
        center, scale = np.percentile(x, 50), np.percentile(x, 75) - np.percentile(x, 25)
    if scale == 0:
        raise ValueError(f"{col} is constant in the training rows; the app refuses to scale it")
    return float(center), float(scale)
`;
