/**
 * Allocation helper (src/core/allocate/build.ts): each saturating curve a(1 − e^(−x/b)) becomes
 * K equal chords over [0, min(max, total·(1 + 1/(2K)))] plus a tail priced at the slope at the
 * cut when the cap lies beyond it; x = Σ chords + tail; Σ x ≤ total. Solved by scipy's HiGHS.
 */
export const PY_ALLOCATE = String.raw`
def allocate_saturating(a, b, lo, hi, total, k):
    """Maximises Σ piecewise-linear return; returns (objective, amounts, shadow price of the total)."""
    n = len(a)
    cols, bounds, gain, links = [], [], [], []
    for u in range(n):
        x = len(cols)
        cols.append(("x", u)); bounds.append((lo[u], None if math.isinf(hi[u]) else hi[u])); gain.append(0.0)
        link = {x: 1.0}
        up_to = min(hi[u], total * (1 + 0.5 / k))
        if up_to > 0:
            width = up_to / k
            for j in range(k):
                # a·(e^(−x0/b) − e^(−x1/b)) / width: the chord's slope without cancelling two values near a.
                slope = a[u] * (math.exp(-j * width / b[u]) - math.exp(-(j + 1) * width / b[u])) / width
                link[len(cols)] = -1.0
                cols.append(("s", u, j)); bounds.append((0.0, width)); gain.append(slope)
        if up_to < hi[u]:
            link[len(cols)] = -1.0
            cols.append(("tail", u)); bounds.append((0.0, None)); gain.append(a[u] / b[u] * math.exp(-max(up_to, 0) / b[u]))
        links.append(link)
    a_eq = np.zeros((n, len(cols)))
    for u, link in enumerate(links):
        for c, v in link.items():
            a_eq[u, c] = v
    a_ub = np.zeros((1, len(cols)))
    xs = [c for c, key in enumerate(cols) if key[0] == "x"]
    a_ub[0, xs] = 1.0
    res = optimize.linprog(-np.array(gain), A_ub=a_ub, b_ub=[total], A_eq=a_eq, b_eq=np.zeros(n), bounds=bounds, method="highs")
    if res.status != 0:
        raise RuntimeError(f"no optimal allocation: {res.message}")
    amounts = np.clip(res.x[xs], lo, hi)
    return -res.fun, amounts, -res.ineqlin.marginals[0]
`;
