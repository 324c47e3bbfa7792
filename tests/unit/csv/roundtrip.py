"""Cross-checks Touchbase's CSV encoding against Python's csv module (an independent RFC 4180 reader/writer).

Usage:
  python3 roundtrip.py read  <file.csv>   -> JSON list of records as Python's csv module reads the file
  python3 roundtrip.py write <rows.json> <file.csv> -> writes the JSON list of lists as an Excel-dialect CSV

Both directions use utf-8-sig so the BOM is handled the way Excel-oriented tools handle it.
"""
import csv
import json
import sys


def read(path: str) -> None:
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    json.dump(rows, sys.stdout, ensure_ascii=True)


def write(json_path: str, csv_path: str) -> None:
    with open(json_path, encoding="utf-8") as f:
        rows = json.load(f)
    with open(csv_path, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f, dialect="excel").writerows(rows)


if __name__ == "__main__":
    if sys.argv[1] == "read":
        read(sys.argv[2])
    elif sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: roundtrip.py read <csv> | write <json> <csv>")
