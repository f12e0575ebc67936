import csv
import sys

from openpyxl import Workbook

wb = Workbook()
ws = wb.active
with open(sys.argv[1], newline="") as f:
    for row in csv.reader(f):
        ws.append(row)
wb.save(sys.argv[1].rsplit(".", 1)[0] + ".xlsx")
