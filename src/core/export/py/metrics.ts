/**
 * Metric helpers: the app's metric sets (src/core/metrics) computed with sklearn.metrics, with
 * the same conventions (probability ≥ threshold is positive, zero_division 0, log loss clipped).
 */
export const PY_METRICS = String.raw`
def binary_metrics(y, prob, threshold=0.5):
    """accuracy, precision, recall, f1, roc_auc, log_loss of P(y = 1), as the app reports them."""
    y = np.asarray(y, dtype=float)
    prob = np.asarray(prob, dtype=float)
    pred = (prob >= threshold).astype(float)
    eps = np.finfo(float).eps
    both = len(np.unique(y)) == 2
    return {
        "accuracy": float(metrics.accuracy_score(y, pred)),
        "precision": float(metrics.precision_score(y, pred, zero_division=0)),
        "recall": float(metrics.recall_score(y, pred, zero_division=0)),
        "f1": float(metrics.f1_score(y, pred, zero_division=0)),
        "roc_auc": float(metrics.roc_auc_score(y, prob)) if both else None,
        "log_loss": float(metrics.log_loss(y, np.clip(prob, eps, 1 - eps), labels=[0.0, 1.0])),
    }


def regression_metrics(y, pred):
    """mse, rmse, mae, mape (a fraction), r2, as the app reports them."""
    y = np.asarray(y, dtype=float)
    pred = np.asarray(pred, dtype=float)
    mse = float(metrics.mean_squared_error(y, pred))
    return {
        "mse": mse,
        "rmse": math.sqrt(mse),
        "mae": float(metrics.mean_absolute_error(y, pred)),
        "mape": float(metrics.mean_absolute_percentage_error(y, pred)),
        "r2": float(metrics.r2_score(y, pred)),
    }
`;
