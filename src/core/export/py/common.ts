/**
 * Python helpers every exported notebook gets: number formatting as JavaScript writes it (the
 * app keys categories, groups and units by that text) and the train-row mask of the split column.
 */
export const PY_COMMON = String.raw`
def js_str(v):
    """A value as the app writes it as text: JavaScript's String(number), "true"/"false", or the text."""
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, str):
        return v
    x = float(v)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    d = decimal.Decimal(repr(abs(x))).normalize()
    _, digits, exp = d.as_tuple()
    ds = "".join(map(str, digits))
    k, n = len(ds), exp + len(ds)
    # JavaScript's Number::toString: plain notation for 1e-7 < |x| < 1e21, exponent otherwise.
    if k <= n <= 21:
        return sign + ds + "0" * (n - k)
    if 0 < n <= 21:
        return sign + ds[:n] + "." + ds[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + ds
    e = n - 1
    return sign + ds[0] + ("." + ds[1:] if k > 1 else "") + "e" + ("+" if e > 0 else "-") + str(abs(e))


def label_of(v):
    """A cell's text label, None when missing (the app's null / NaN)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return js_str(v)


def sniff_delimiter(path, encoding):
    """The delimiter of the first lines (comma, semicolon, tab or pipe), as the app sniffs it."""
    with open(path, encoding=encoding, errors="replace") as f:
        head = f.read(65536)
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_text_table(path, sep=None, encoding=None, **kw):
    """read_csv with the app's "auto" encoding (UTF-8, else Windows-1252) and delimiter sniffing."""
    for encoding in (encoding,) if encoding else ("utf-8", "cp1252"):
        try:
            return pd.read_csv(path, sep=sep or sniff_delimiter(path, encoding), encoding=encoding, **kw)
        except UnicodeDecodeError:
            continue
    raise ValueError(f"{path}: neither UTF-8 nor Windows-1252 text")


def keep_rows(df, column, equals):
    """The app's row filter {column, equals}: numbers compare with numbers, text with the text form."""
    col = df[column]
    if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
        return (col.astype(float) == float(equals)).to_numpy()
    return (col == js_str(equals)).to_numpy()


def train_mask(df):
    """Rows the fitted steps learn from: split == "train", or every row without a split column."""
    if "split" not in df.columns:
        return np.ones(len(df), dtype=bool)
    return (df["split"] == "train").to_numpy()
`;
