"""Excel fixtures for the spreadsheet reader's tests, written with pandas + openpyxl (Debian's
python3-pandas and python3-openpyxl), a different writer from the SheetJS reader under test.

Usage: /usr/bin/python3 test/reference/xlsx_fixtures.py OUT_DIR SHARED_DATA_DIR
Writes into OUT_DIR:
  retail.xlsx   first 2,000 rows of the Online Retail sample: ints, floats, text, datetimes (parsed, so
                Excel dates), missing CustomerID / Description
  telco.xlsx    first 1,000 rows of Telco churn with TotalCharges as text cells ("29.85", and " "
                blanks), so the reader must infer numbers from text cells as it does from CSV
  sheets.xlsx   two sheets, "Deals" (written with pandas' row index) and "Regions"
  offset.xlsx   a title in A1, a blank row, then the header on row 3
  empty.xlsx    one sheet with no cells
  proto.xlsx    a comment anchored at "__proto__" (the CVE-2023-30533 pattern), to check the guard
"""
import os
import re
import sys
import zipfile

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment

out, shared = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)

retail = pd.read_csv(os.path.join(shared, "retail/online_retail/online_retail_sample_2010-12_2011-02.csv"),
                     nrows=2000, parse_dates=["InvoiceDate"])
retail.to_excel(os.path.join(out, "retail.xlsx"), index=False)

# TotalCharges as text cells, as a spreadsheet typed or pasted by hand holds them; rows 489, 754 and
# 937 have a blank " " there.
telco = pd.read_csv(os.path.join(shared, "crm/telco_churn/Telco-Customer-Churn.csv"), nrows=1000,
                    dtype={"TotalCharges": str}, keep_default_na=False)
assert (telco["TotalCharges"] == " ").sum() >= 2
telco.to_excel(os.path.join(out, "telco.xlsx"), index=False)

deals = pd.DataFrame({
    "amount": [1200.5, 80.0, None, 4410.25],
    "won": [True, False, True, None],
    "close_date": pd.to_datetime(["2024-01-31", "2024-02-29", None, "2023-12-01 13:45:00"]),
    "region": ["North", "South", None, "North"],
})
regions = pd.DataFrame({"region": ["North", "South"], "target": [10, 20]})
with pd.ExcelWriter(os.path.join(out, "sheets.xlsx")) as writer:
    deals.to_excel(writer, sheet_name="Deals", index=True)
    regions.to_excel(writer, sheet_name="Regions", index=False)

with pd.ExcelWriter(os.path.join(out, "offset.xlsx")) as writer:
    regions.to_excel(writer, sheet_name="Report", index=False, startrow=2)
    writer.sheets["Report"]["A1"] = "Quarterly targets"

wb = Workbook()
wb.active.title = "Empty"
wb.save(os.path.join(out, "empty.xlsx"))

wb = Workbook()
ws = wb.active
ws["A1"] = "x"
ws["A2"] = 1
ws["A1"].comment = Comment("note", "author")
plain = os.path.join(out, "proto-plain.xlsx")
wb.save(plain)
with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(os.path.join(out, "proto.xlsx"), "w", zipfile.ZIP_DEFLATED) as zout:
    rewritten = 0
    for item in zin.infolist():
        data = zin.read(item.filename)
        if re.search(r"^xl/comments.*\.xml$", item.filename):
            data = data.replace(b'ref="A1"', b'ref="__proto__"')
            rewritten += b"__proto__" in data
        zout.writestr(item, data)
    assert rewritten == 1
os.remove(plain)
print("ok")
