import csv
import statistics
import sys


def summarise(path):
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    print(f"{len(rows)} rows")
    if not rows:
        return
    for col in rows[0]:
        vals = []
        for r in rows:
            try:
                vals.append(float(r[col]))
            except (TypeError, ValueError):
                pass
        if vals and len(vals) == len(rows):
            print(f"{col}: numeric min={min(vals)} max={max(vals)} mean={statistics.mean(vals):.3f}")
        else:
            print(f"{col}: text ({len({r[col] for r in rows})} distinct)")


if __name__ == "__main__":
    summarise(sys.argv[1])
