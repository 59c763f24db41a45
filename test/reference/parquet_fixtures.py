"""Parquet fixtures written by Apache Arrow (pyarrow), the reference implementation, for the Parquet
reader's tests (the reader is hyparquet, an independent implementation).

pyarrow is not a Debian package: regenerate in a virtual environment,
  python3 -m venv /tmp/pa && /tmp/pa/bin/pip install pyarrow
  /tmp/pa/bin/python test/reference/parquet_fixtures.py test/fixtures/parquet
The files were written with pyarrow 25.0.1. The values below are what test/core/frame/parquet.test.ts
expects back.
"""
import datetime as dt
import decimal
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

table = pa.table({
    "id": pa.array([1, 2, 3, None, 2**53 + 1], pa.int64()),
    "qty": pa.array([5, -2, None, 7, 0], pa.int32()),
    "amount": pa.array([1200.5, 80.0, None, 4410.25, -1.5], pa.float64()),
    "ratio": pa.array([0.5, None, 0.25, 1.0, 2.0], pa.float32()),
    "price": pa.array([decimal.Decimal("19.99"), decimal.Decimal("-0.01"), None, decimal.Decimal("1000.00"), decimal.Decimal("0.10")], pa.decimal128(10, 2)),
    "won": pa.array([True, False, None, True, False], pa.bool_()),
    "close_date": pa.array([dt.date(2024, 1, 31), dt.date(2024, 2, 29), None, dt.date(1969, 12, 31), dt.date(2000, 1, 1)], pa.date32()),
    "created": pa.array([dt.datetime(2024, 1, 2, 3, 4, 5, 678000), None, dt.datetime(1999, 12, 31, 23, 59, 59), dt.datetime(2024, 2, 29, 12, 0), dt.datetime(1970, 1, 1)], pa.timestamp("us", tz="UTC")),
    "region": pa.array(["North", "South", None, "North", "Ost-Süd"], pa.string()),
})
pq.write_table(table, os.path.join(out, "deals-snappy.parquet"), compression="snappy")
pq.write_table(table, os.path.join(out, "deals-zstd.parquet"), compression="zstd")
pq.write_table(table, os.path.join(out, "deals-gzip.parquet"), compression="gzip")
pq.write_table(table, os.path.join(out, "deals-uncompressed.parquet"), compression="none", row_group_size=2)

nested = pa.table({"deal": pa.array([1, 2], pa.int64()), "tags": pa.array([["a", "b"], []], pa.list_(pa.string()))})
pq.write_table(nested, os.path.join(out, "nested-list.parquet"))
print("ok")
