import { cellKinds } from "../../cells/registry";
import type { ImportedModelParams, ModelParams } from "../../cells/model";
import type { LogisticOptions } from "../../models/linear-algorithm";
import { lines, pyList, pyStr } from "../python";
import { refuseIf, type CellGenerator } from "../types";

/**
 * A model cell becomes statsmodels OLS (linear) or scikit-learn's LogisticRegression (logistic:
 * L2 with C, intercept unpenalised, the app's objective) on the app's features and training rows.
 * Like the app, constant features are dropped, rows missing a feature or the target are left out,
 * and every row gets a prediction (and a probability for classification).
 */
export const modelGenerator: CellGenerator = (cell, ctx) => {
  const parsed = cellKinds.model.parse(cell.params) as ModelParams | ImportedModelParams;
  refuseIf("source" in parsed ? [`it predicts with the model file ${parsed.source.name}, which Python cannot read`] : []);
  const p = parsed as ModelParams;
  refuseIf(p.algorithm === "linear" || p.algorithm === "logistic" ? [] : [`the \`${p.algorithm}\` algorithm is not exported yet (linear and logistic are)`]);
  const v = ctx.varOf(cell.id);
  const isLogit = p.algorithm === "logistic";
  const opts = p.options as LogisticOptions;
  const features = p.features ? pyList(p.features) : `default_features(df, ${pyStr(p.target)}, ${pyList(p.exclude)})`;
  const target = isLogit
    ? `y, positive, negative = binary_target(df[${pyStr(p.target)}], ${p.positive ? pyStr(p.positive) : "None"})`
    : `y, positive, negative = df[${pyStr(p.target)}].astype(float).to_numpy(), None, None`;
  const fit = isLogit
    ? [
        `# Newton-CG minimises C·Σ log-loss + ½‖β‖² with the intercept unpenalised: the app's objective.`,
        `clf = LogisticRegression(C=${opts.C}, solver="newton-cg", tol=1e-10, max_iter=${Math.max(opts.maxIter, 100)}).fit(x_train, y[train])`,
        `intercept, coefs = float(clf.intercept_[0]), clf.coef_[0]`,
        `score = np.full(len(df), np.nan)`,
        `score[ok_all] = clf.predict_proba(df.loc[ok_all, features].to_numpy(dtype=float))[:, 1]`,
        `df["prediction"] = np.where(np.isnan(score), np.nan, (score >= 0.5).astype(float))`,
        `df["probability"] = score`,
        `coef_table = pd.DataFrame({"feature": ["(intercept)", *features], "estimate": [intercept, *coefs]})`,
        `metric = lambda rows: binary_metrics(y[rows], score[rows]) if len(rows) else {}`,
      ]
    : [
        `ols = sm.OLS(y[train], sm.add_constant(x_train, has_constant="add")).fit()`,
        `intercept, coefs = float(ols.params[0]), ols.params[1:]`,
        `score = np.full(len(df), np.nan)`,
        `score[ok_all] = ols.predict(sm.add_constant(df.loc[ok_all, features].to_numpy(dtype=float), has_constant="add"))`,
        `df["prediction"] = score`,
        `coef_table = pd.DataFrame({"feature": ["(intercept)", *features], "estimate": ols.params, "std_error": ols.bse, "t": ols.tvalues, "p": ols.pvalues})`,
        `metric = lambda rows: regression_metrics(y[rows], score[rows]) if len(rows) else {}`,
        `print(ols.summary().tables[1])`,
      ];
  const source = lines(
    `# ${cell.title ?? cell.id}`,
    `df = ${ctx.varOf(cell.inputs.data)}.copy()`,
    `features = ${features}`,
    target,
    `train = complete_rows(df, features, y, "train")`,
    `test = complete_rows(df, features, y, "test") if "split" in df.columns else np.array([], dtype=int)`,
    `x_train = df.iloc[train][features].to_numpy(dtype=float)`,
    `dropped = constant_columns(x_train, features)`,
    `features = [f for f in features if f not in dropped]`,
    `x_train = df.iloc[train][features].to_numpy(dtype=float)`,
    `ok_all = df[features].notna().all(axis=1).to_numpy()`,
    ...fit,
    `${v} = df`,
    `${v}_extras = {"coefficients": coef_table}`,
    `${v}_info = {"task": ${pyStr(p.task)}, "target": ${pyStr(p.target)}, "positive": positive}`,
    `RESULTS[${pyStr(cell.id)}] = {`,
    `    "algorithm": ${pyStr(p.algorithm)}, "features": features, "droppedFeatures": dropped, "nTrain": len(train), "nTest": len(test),`,
    `    "intercept": intercept, "coefficients": dict(zip(features, map(float, coefs))),`,
    `    "metrics": {"train": metric(train), "test": metric(test)},`,
    `}`,
    `print(json.dumps(RESULTS[${pyStr(cell.id)}], indent=1))`,
  );
  return { cells: [{ type: "code", source }], helpers: ["common", "metrics", "model"] };
};
