/**
 * The app's train/test split in Python: mulberry32 floats, the same Fisher-Yates loop, groups in
 * the same key order and test counts by the same largest-remainder rule (src/core/steps/split.ts),
 * so a seed selects exactly the rows the app selects.
 */
export const PY_SPLIT = String.raw`
M32 = 0xFFFFFFFF


def mulberry32(seed):
    """Tommy Ettinger's mulberry32 with JavaScript's 32-bit integer semantics."""
    state = [seed & M32]

    def imul(a, b):
        return (a * b) & M32

    def rand():
        state[0] = (state[0] + 0x6D2B79F5) & M32
        t = state[0]
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & M32
        return ((t ^ (t >> 14)) & M32) / 4294967296
    return rand


def js_round(x):
    """JavaScript's Math.round (halves go up), not Python's round-half-even."""
    return math.floor(x + 0.5)


def split_labels(df, test, seed, stratify=None):
    """"train"/"test" per row, as the app's split step draws them."""
    n = len(df)
    rand = mulberry32(seed)
    if stratify is None:
        parts = [list(range(n))]
    else:
        col = df[stratify]
        is_text = not pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col)
        by_key = {}
        for r, v in enumerate(col.tolist()):
            if v is None or (isinstance(v, float) and math.isnan(v)):
                key = "\u0000missing"
            else:
                key = ("string:" if is_text else "number:") + js_str(v if is_text else float(v))
            by_key.setdefault(key, []).append(r)
        parts = [by_key[k] for k in sorted(by_key)]
    sizes = [len(p) for p in parts]
    total = js_round(sum(sizes) * test)
    counts = [math.floor(s * test) for s in sizes]
    left = total - sum(counts)
    order = sorted(range(len(sizes)), key=lambda g: (-(sizes[g] * test - counts[g]), g))
    for g in order:
        if left > 0 and counts[g] < sizes[g]:
            counts[g] += 1
            left -= 1
    labels = np.array(["train"] * n, dtype=object)
    for g, rows in enumerate(parts):
        for i in range(len(rows) - 1, 0, -1):
            j = math.floor(rand() * (i + 1))
            rows[i], rows[j] = rows[j], rows[i]
        for k in range(counts[g]):
            labels[rows[k]] = "test"
    return labels
`;
